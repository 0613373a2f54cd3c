package dev.tflmstudio.runtime.fidelity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Real TFLM ({@code tflm.shared}/tools/tflm-ref/tflm_ref) run as a process per model, a few at a time: what TFLM
 * itself prints for a model the test generated.
 */
final class TflmRefTool {
    private final Path executable;

    private TflmRefTool(Path executable) {
        this.executable = executable;
    }

    /** The tool, or null where {@code tflm.shared} is unset or has no runnable tflm_ref. */
    static TflmRefTool find() {
        String shared = System.getProperty("tflm.shared");
        if (shared == null) {
            return null;
        }
        Path exe = Path.of(shared, "tools", "tflm-ref", "tflm_ref");
        return Files.isExecutable(exe) ? new TflmRefTool(exe) : null;
    }

    /** TFLM's report for each model, in order (its standard output and error, as lines). */
    List<List<String>> run(List<Path> models, int parallel) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            List<Future<List<String>>> futures = new ArrayList<>();
            for (Path m : models) {
                futures.add(pool.submit(() -> runOne(m)));
            }
            List<List<String>> reports = new ArrayList<>();
            for (Future<List<String>> f : futures) {
                reports.add(f.get());
            }
            return reports;
        } finally {
            pool.shutdownNow();
        }
    }

    private List<String> runOne(Path model) throws IOException, InterruptedException {
        Path out = Files.createTempFile(model.getParent(), "tflm", ".txt");
        Process p = new ProcessBuilder(executable.toString(), model.toString(), "--runs", "1")
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                return List.of("tflm_ref timed out", "exit_code: 124");
            }
            List<String> lines = new ArrayList<>(Files.readAllLines(out, StandardCharsets.ISO_8859_1));
            if (p.exitValue() > 1 || lines.stream().noneMatch(l -> l.startsWith("exit_code: "))) {
                lines.add("tflm_ref crashed (exit " + p.exitValue() + ")");
            }
            return lines;
        } finally {
            p.destroyForcibly();
            Files.deleteIfExists(out);
        }
    }
}
