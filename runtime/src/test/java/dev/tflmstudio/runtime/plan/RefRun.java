package dev.tflmstudio.runtime.plan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** One reference run file of {@code ../shared/ref} (or ref-arm32), parsed for the numbers planning cares about. */
record RefRun(Path file, Path model, List<String[]> planRows, Map<String, String> values, List<String> allocations) {

    static Path shared() {
        String p = System.getProperty("tflm.shared");
        return p == null ? null : Path.of(p);
    }

    static boolean available() {
        Path s = shared();
        return s != null && Files.isDirectory(s.resolve("ref"));
    }

    /** All run files under {@code dir} (recursively), sorted. */
    static List<RefRun> all(String dir) {
        try (Stream<Path> files = Files.walk(shared().resolve(dir))) {
            return files.filter(f -> f.toString().endsWith(".tflite.txt")).sorted().map(RefRun::parse).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What {@code tflm_ref MODEL --runs 1} printed, line by line (its own 30 s limit, then whatever it printed). */
    static List<String> tflmRefLines(Path tool, Path model) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(tool.toString(), model.toString(), "--runs", "1").redirectErrorStream(true)
                .start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return new String(out).lines().toList();
    }

    static RefRun parse(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> values = new TreeMap<>();
        List<String[]> rows = new ArrayList<>();
        List<String> allocations = new ArrayList<>();
        Path model = null;
        boolean inCsv = false;
        for (String line : lines) {
            if (line.startsWith("model: ")) {
                model = shared().resolve(line.substring("model: ".length()).trim());
            } else if (line.startsWith("buf_id,kind")) {
                inCsv = true;
                continue;
            } else if (inCsv && !line.isEmpty() && Character.isDigit(line.charAt(0))) {
                rows.add(splitCsv(line));
                continue;
            } else if (line.startsWith("[RecordingMicroAllocator]")) {
                allocations.add(line);
            }
            inCsv = false;
            int colon = line.indexOf(": ");
            if (colon > 0 && !line.startsWith(" ")) {
                values.putIfAbsent(line.substring(0, colon), line.substring(colon + 2).trim());
            }
        }
        return new RefRun(file, model, rows, values, allocations);
    }

    boolean hasPlan() {
        return values.containsKey("greedy_planned_bytes");
    }

    int greedyBytes() {
        return Integer.parseInt(values.get("greedy_planned_bytes"));
    }

    int lowerBound() {
        String v = values.get("planned_lower_bound_bytes (peak live sum)");
        return Integer.parseInt(v.split(" ")[0]);
    }

    String name() {
        return shared().relativize(file).toString();
    }

    private static String[] splitCsv(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out.toArray(new String[0]);
    }
}
