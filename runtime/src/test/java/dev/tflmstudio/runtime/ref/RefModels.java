package dev.tflmstudio.runtime.ref;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the reference runs under {@code tflm.shared}/ref: top-level models, {@code tflm-seanet/<op>/} and
 * {@code tflm-opzoo/}. {@code -Dref.filter=abs_,conv} keeps files whose path contains any of the comma-separated
 * strings.
 */
public final class RefModels {
    private RefModels() {
    }

    public static Path shared() {
        String s = System.getProperty("tflm.shared");
        return s == null ? null : Path.of(s);
    }

    public static List<Path> all() {
        Path shared = shared();
        if (shared == null || !Files.isDirectory(shared.resolve("ref"))) {
            return List.of();
        }
        String filter = System.getProperty("ref.filter", "");
        List<String> parts = filter.isBlank() ? List.of() : List.of(filter.split(","));
        try (Stream<Path> s = Files.walk(shared.resolve("ref"), 3)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".tflite.txt"))
                    .filter(p -> !p.toString().contains("golden_check"))
                    .filter(p -> parts.isEmpty() || parts.stream().anyMatch(f -> p.toString().contains(f)))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The model file a reference run names. */
    public static Path modelOf(RefRun run) {
        return shared().resolve(run.model());
    }
}
