package dev.tflmstudio.app;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the model {@code ./tflm-studio} opens when given none: the bundled sample, found next to the app. */
final class SampleModel {
    static final String NAME = "sample_cnn_int8.tflite";

    private SampleModel() {
    }

    /**
     * {@code assets/models/sample_cnn_int8.tflite} above the directory the app's classes were loaded from (the
     * checkout the launcher runs from), the {@code tflm.home} directory, or the working directory.
     */
    static Path find() {
        String home = System.getProperty("tflm.home");
        for (Path base : new Path[] {codeLocation(), home == null ? null : Path.of(home),
                Path.of("").toAbsolutePath()}) {
            if (base == null) {
                continue;
            }
            for (Path dir = base; dir != null; dir = dir.getParent()) {
                Path p = dir.resolve("assets").resolve("models").resolve(NAME);
                if (Files.isRegularFile(p)) {
                    return p;
                }
            }
        }
        return null;
    }

    private static Path codeLocation() {
        try {
            var source = SampleModel.class.getProtectionDomain().getCodeSource();
            return source == null ? null : Path.of(source.getLocation().toURI()).toAbsolutePath();
        } catch (java.net.URISyntaxException | SecurityException | IllegalArgumentException e) {
            return null;
        }
    }
}
