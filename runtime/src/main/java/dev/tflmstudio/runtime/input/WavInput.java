package dev.tflmstudio.runtime.input;

import dev.tflmstudio.runtime.model.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * 16-bit PCM WAV files for audio inputs: the first N samples of channel 0 for an N-element tensor (a shorter file
 * is refused; a longer one is cut), as sample values; {@link InputMapping} turns them into the input's bytes.
 */
final class WavInput {
    private WavInput() {
    }

    static int[] read(Path path, Tensor tensor) throws IOException, InputException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(path)).order(ByteOrder.LITTLE_ENDIAN);
        if (b.limit() < 12 || b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157) {
            throw new InputException(path + ": not a RIFF/WAVE file");
        }
        int pos = 12;
        int channels = 0;
        int bits = 0;
        int dataAt = -1;
        int dataLen = 0;
        while (pos + 8 <= b.limit()) {
            int id = b.getInt(pos);
            int len = b.getInt(pos + 4);
            if (len < 0 || len > b.limit() - pos - 8 && id != 0x61746164) {
                throw new InputException(path + ": broken chunk at byte " + pos + " (length " + len + ")");
            }
            if (id == 0x20746d66) {
                int format = b.getShort(pos + 8) & 0xFFFF;
                channels = b.getShort(pos + 10);
                bits = b.getShort(pos + 22);
                if (format != 1) {
                    throw new InputException(path + ": only PCM WAV is supported (format " + format + ")");
                }
            } else if (id == 0x61746164) {
                dataAt = pos + 8;
                dataLen = Math.min(len, b.limit() - dataAt);
                break;
            }
            pos += 8 + len + (len & 1);
        }
        if (bits != 16 || dataAt < 0 || channels < 1) {
            throw new InputException(path + ": needs 16-bit PCM audio (got " + bits + "-bit)");
        }
        int frames = dataLen / (2 * channels);
        int n = (int) tensor.elementCount();
        if (frames < n) {
            throw new InputException(path + ": " + frames + " samples, " + tensor + " needs " + n);
        }
        int[] values = new int[n];
        for (int i = 0; i < n; i++) {
            values[i] = b.getShort(dataAt + 2 * channels * i);
        }
        return values;
    }
}
