package dev.tflmstudio.runtime.tflite;

import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.model.ModelFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Opens {@code .tflite} files: memory-maps, verifies, and builds the {@link Model} IR. */
public final class ModelReader {
    private ModelReader() {
    }

    /** Maps and reads a model file. Weights stay in the mapping; nothing proportional to them is copied. */
    public static Model open(Path path) throws IOException, ModelFormatException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > Integer.MAX_VALUE) {
                throw new ModelFormatException(path + ": " + size + " bytes; files over 2 GiB are not supported");
            }
            ByteBuffer map = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
            return read(map, path.toString());
        }
    }

    /** Reads a model held in memory (a sample built in code, a test fixture). */
    public static Model read(ByteBuffer bytes, String source) throws ModelFormatException {
        throw new ModelFormatException("not implemented yet");
    }
}
