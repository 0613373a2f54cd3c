package dev.tflmstudio.serial;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * What a reference run file ({@code /work/shared/ref/*.tflite.txt}) says, read independently of the parser under
 * test: the {@code LogCsv()} events of the PER-OP PROFILE block and the ALLOCATE numbers.
 */
record RefCapture(Path file, String text, List<String> tags, List<Long> ticks, long arenaTotal, long arenaHead,
                  long arenaTail, int allocationLines, long greedyPlanned, int planBuffers) {

    static Path sharedDir() {
        String shared = System.getProperty("tflm.shared");
        Assumptions.assumeTrue(shared != null && Files.isDirectory(Path.of(shared, "ref")),
                "tflm.shared with ref/ is not available");
        return Path.of(shared);
    }

    /** Every reference file: top level, tflm-seanet/*, tflm-opzoo. */
    static List<Path> all() {
        try (Stream<Path> files = Files.walk(sharedDir().resolve("ref"))) {
            return files.filter(p -> p.toString().endsWith(".tflite.txt")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Path> topLevel() {
        return all().stream().filter(p -> p.getParent().getFileName().toString().equals("ref")).toList();
    }

    static RefCapture read(Path file) {
        try {
            String text = Files.readString(file);
            List<String> lines = text.lines().toList();
            List<String> tags = new ArrayList<>();
            List<Long> ticks = new ArrayList<>();
            boolean inCsv = false;
            long total = -1;
            long head = -1;
            long tail = -1;
            long greedy = -1;
            int allocations = 0;
            int buffers = 0;
            boolean inPlan = false;
            for (String line : lines) {
                if (line.startsWith("--- MicroProfiler::LogCsv()")) {
                    inCsv = true;
                    continue;
                }
                if (inCsv && line.startsWith("---")) {
                    inCsv = false;
                }
                if (inCsv && Character.isDigit(line.charAt(0))) {
                    String[] f = line.split(",");
                    tags.add(f[1]);
                    ticks.add(Long.parseLong(f[2]));
                }
                if (line.startsWith("--- GreedyMemoryPlanner::PrintMemoryPlan()")) {
                    inPlan = true;
                } else if (line.startsWith("--- end PrintMemoryPlan")) {
                    inPlan = false;
                } else if (inPlan && line.contains("(id=")) {
                    buffers++;
                }
                total = value(line, "arena_used_bytes: ", total);
                head = value(line, "arena_head_nonpersistent_bytes: ", head);
                tail = value(line, "arena_tail_persistent_bytes: ", tail);
                greedy = value(line, "greedy_planned_bytes (GetMaximumMemorySize): ", greedy);
                if (line.startsWith("[RecordingMicroAllocator] '")) {
                    allocations++;
                }
            }
            return new RefCapture(file, text, tags, ticks, total, head, tail, allocations, greedy, buffers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long value(String line, String prefix, long current) {
        return line.startsWith(prefix) ? Long.parseLong(line.substring(prefix.length()).trim()) : current;
    }

    boolean profiled() {
        return !ticks.isEmpty();
    }

    String name() {
        return file.getFileName().toString();
    }
}
