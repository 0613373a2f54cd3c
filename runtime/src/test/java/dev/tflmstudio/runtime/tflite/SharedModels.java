package dev.tflmstudio.runtime.tflite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/** Finds the real models and reference runs in {@code ../shared}; tests skip when it is absent. */
final class SharedModels {
    private SharedModels() {
    }

    static Path sharedDir() {
        String prop = System.getProperty("tflm.shared");
        Path dir = Path.of(prop != null ? prop : "../shared").toAbsolutePath().normalize();
        Assumptions.assumeTrue(Files.isDirectory(dir.resolve("models")), "no ../shared/models here; skipping");
        return dir;
    }

    /** Every .tflite under ../shared/models, recursively, sorted. */
    static List<Path> allModels() {
        Path models = sharedDir().resolve("models");
        try (Stream<Path> s = Files.walk(models)) {
            return s.filter(p -> p.toString().endsWith(".tflite")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The reference run for a model, or null. */
    static Path referenceFor(Path model) {
        Path shared = sharedDir();
        Path rel = shared.resolve("models").relativize(model);
        Path ref = shared.resolve("ref").resolve(rel.toString() + ".txt");
        return Files.isRegularFile(ref) ? ref : null;
    }
}
