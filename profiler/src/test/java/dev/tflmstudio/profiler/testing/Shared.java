package dev.tflmstudio.profiler.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.tflite.ModelReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The shared real models and TFLM reference logs ({@code -Dtflm.shared}); tests skip when they are absent. */
public final class Shared {
    private Shared() {
    }

    public static Path root() {
        String dir = System.getProperty("tflm.shared");
        assumeTrue(dir != null && Files.isDirectory(Path.of(dir, "models")), "shared models not available");
        return Path.of(dir);
    }

    public static Path model(String fileName) {
        Path p = root().resolve("models").resolve(fileName);
        assumeTrue(Files.isRegularFile(p), "missing " + p);
        return p;
    }

    public static Path ref(String modelFileName) {
        Path p = root().resolve("ref").resolve(modelFileName + ".txt");
        assumeTrue(Files.isRegularFile(p), "missing " + p);
        return p;
    }

    public static Model open(String fileName) throws Exception {
        return ModelReader.open(model(fileName));
    }

    /** Every .tflite under models/ (top level, seanet, opzoo), sorted; empty when the folder is absent. */
    public static List<Path> allModels() throws IOException {
        String dir = System.getProperty("tflm.shared");
        if (dir == null || !Files.isDirectory(Path.of(dir, "models"))) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(Path.of(dir, "models"))) {
            return s.filter(p -> p.toString().endsWith(".tflite")).sorted().toList();
        }
    }
}
