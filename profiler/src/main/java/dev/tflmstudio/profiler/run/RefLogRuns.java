package dev.tflmstudio.profiler.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a TFLM reference log ({@code ../shared/ref/<model>.tflite.txt}) as a measured run: its {@code PER-OP
 * PROFILE} block gives each op's median ticks over the profiled invocations, its memory plan the live bytes per op
 * and its allocation block the arena size. The result is a {@link SourceKind#REPLAY} run, the same thing a replayed
 * board capture gives, so it can drive calibration and comparisons.
 */
public final class RefLogRuns {
    private static final Pattern MEDIAN_HEADER = Pattern.compile("^--- per-op median over (\\d+) runs ---$");
    private static final Pattern MEDIAN_ROW = Pattern.compile("^(\\d+),([^,]+),(\\d+),([0-9.]+)$");
    private static final Pattern KEY_VALUE = Pattern.compile("^([a-z_0-9]+): (\\S+)$");
    private static final Pattern LIVE_ROW = Pattern.compile("^(\\d+),(\\d+),(\\d+)$");

    private RefLogRuns() {
    }

    /**
     * Reads {@code refFile}; the model file is hashed so the run can be matched to the model. {@code modelFile}
     * may be null: the log names the model relative to the shared folder ({@code models/x.tflite}), which is then
     * looked for above the log's folder.
     */
    public static Run read(Path refFile, Path modelFile) throws IOException, RunFormatException {
        List<String> lines = Files.readAllLines(refFile);
        String where = refFile.toString();
        Map<String, String> keys = new HashMap<>();
        List<String[]> medians = new ArrayList<>();
        Map<Integer, Long> liveAt = new HashMap<>();
        int invocations = -1;
        String section = "";
        for (String raw : lines) {
            String line = raw.strip();
            if (line.startsWith("===") || line.startsWith("---")) {
                Matcher h = MEDIAN_HEADER.matcher(line);
                if (h.matches()) {
                    invocations = Integer.parseInt(h.group(1));
                    section = "medians";
                } else if (line.startsWith("--- live bytes per time step")) {
                    section = "live";
                } else {
                    section = "";
                }
                continue;
            }
            if (section.equals("medians")) {
                Matcher m = MEDIAN_ROW.matcher(line);
                if (m.matches()) {
                    medians.add(new String[] {m.group(1), m.group(2), m.group(3)});
                }
            } else if (section.equals("live")) {
                Matcher m = LIVE_ROW.matcher(line);
                if (m.matches()) {
                    liveAt.put(Integer.parseInt(m.group(1)), Long.parseLong(m.group(2)));
                }
            }
            Matcher kv = KEY_VALUE.matcher(line);
            if (kv.matches()) {
                keys.putIfAbsent(kv.group(1), kv.group(2));
            }
        }
        if (invocations < 0 || medians.isEmpty()) {
            throw new RunFormatException(where + ": no 'per-op median' block (the model did not run, or this is "
                    + "not a TFLM reference log)");
        }
        double ticksPerSecond = parseDouble(keys.getOrDefault("ticks_per_second", "1000000"), where,
                "ticks_per_second");
        List<OpTiming> ops = new ArrayList<>();
        for (String[] row : medians) {
            int index = Integer.parseInt(row[0]);
            double micros = Long.parseLong(row[2]) * 1e6 / ticksPerSecond;
            ops.add(new OpTiming(index, row[1], List.of(), OpStats.medianOnly(invocations, micros),
                    liveAt.get(index + 1)));
        }
        String model = keys.getOrDefault("model", refFile.getFileName().toString());
        model = model.substring(model.lastIndexOf('/') + 1);
        Path modelPath = modelFile != null ? modelFile : findModel(refFile, keys.get("model"));
        String hash = modelPath != null && Files.isRegularFile(modelPath) ? ModelHash.sha256(modelPath) : "";
        Long arena = keys.containsKey("arena_used_bytes")
                ? (long) parseDouble(keys.get("arena_used_bytes"), where, "arena_used_bytes") : null;
        String date = Files.getLastModifiedTime(refFile).toInstant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                .toString();
        return new Run(Run.FORMAT, model, hash, new RunSource(SourceKind.REPLAY, "TFLM reference log " + where),
                null, date, invocations, arena, ops);
    }

    private static Path findModel(Path refFile, String relative) {
        if (relative == null) {
            return null;
        }
        for (Path dir = refFile.toAbsolutePath().getParent(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(relative);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static double parseDouble(String text, String where, String key) throws RunFormatException {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new RunFormatException(where + ": '" + key + "' is not a number: " + text);
        }
    }
}
