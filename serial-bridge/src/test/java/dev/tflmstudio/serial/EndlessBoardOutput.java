package dev.tflmstudio.serial;

import dev.tflmstudio.serial.analysis.TickClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What a board running stock TFLM prints in an endless attach: {@code MicroProfiler::Log()} lines of every invoke
 * (ticks of a 64 MHz core, each op a few thousand ticks either way, so the statistics see more different values
 * than they count exactly), and now and then an error line whose text is never the same twice: half of them with
 * new numbers (one kind), half with a new op name (a new kind each). Deterministic for a seed.
 */
final class EndlessBoardOutput {
    static final TickClock CLOCK = new TickClock(64_000_000, "64 MHz core");

    private final List<String> ops;
    private final long[] baseTicks;
    private final int errorEvery;
    private final SplittableRandom random = new SplittableRandom(13);
    private long invocations;
    private long errors;

    /**
     * @param ops        the op tags of one invoke
     * @param baseTicks  each op's typical ticks
     * @param errorEvery an error line after every this many invokes (0: none)
     */
    EndlessBoardOutput(List<String> ops, long[] baseTicks, int errorEvery) {
        this.ops = List.copyOf(ops);
        this.baseTicks = baseTicks.clone();
        this.errorEvery = errorEvery;
    }

    /** person_detect's 31 ops and their x86-64 reference ticks scaled to a 64 MHz Cortex-M (or a 6-op stand-in). */
    static EndlessBoardOutput personDetect(int errorEvery) throws IOException {
        List<String> tags = new ArrayList<>();
        List<Long> ticks = new ArrayList<>();
        for (String line : personDetectProfilerLog()) {
            int took = line.indexOf(" took ");
            tags.add(line.substring(0, took));
            ticks.add(640 * Long.parseLong(line.substring(took + 6, line.indexOf(" ticks"))));
        }
        if (tags.isEmpty()) {
            tags = List.of("CONV_2D", "DEPTHWISE_CONV_2D", "CONV_2D", "AVERAGE_POOL_2D", "RESHAPE", "SOFTMAX");
            ticks = List.of(3_000_000L, 1_200_000L, 2_500_000L, 40_000L, 3_000L, 9_000L);
        }
        return new EndlessBoardOutput(tags, ticks.stream().mapToLong(Long::longValue).toArray(), errorEvery);
    }

    /**
     * The {@code TAG took N ticks} lines TFLM's MicroProfiler printed for person_detect in the shared reference run,
     * or none when {@code ../shared} is absent.
     */
    static List<String> personDetectProfilerLog() throws IOException {
        String shared = System.getProperty("tflm.shared", "/work/shared");
        Path ref = Path.of(shared, "ref", "tflm-person_detect_int8.tflite.txt");
        List<String> lines = new ArrayList<>();
        if (Files.exists(ref)) {
            boolean inLog = false;
            for (String line : Files.readAllLines(ref)) {
                if (line.startsWith("--- MicroProfiler::Log()")) {
                    inLog = true;
                } else if (line.startsWith("---")) {
                    inLog = false;
                } else if (inLog) {
                    lines.add(line);
                }
            }
        }
        return lines;
    }

    List<String> ops() {
        return ops;
    }

    long invocations() {
        return invocations;
    }

    long errors() {
        return errors;
    }

    /** Appends the next invoke's lines (and an error line when one is due) as ISO-8859-1 text with \r\n. */
    void next(StringBuilder out) {
        for (int i = 0; i < ops.size(); i++) {
            long ticks = baseTicks[i] + random.nextInt(-2_000, 2_001);
            out.append(ops.get(i)).append(" took ").append(ticks).append(" ticks (").append(CLOCK.tflmMillis(ticks))
                    .append(" ms).\r\n");
        }
        invocations++;
        if (errorEvery > 0 && invocations % errorEvery == 0) {
            errors++;
            if (errors % 2 == 0) {
                out.append("Failed to allocate tail memory. Requested: ").append(1000 + errors)
                        .append(", available ").append(errors % 977).append(", missing: ").append(errors)
                        .append("\r\n");
            } else {
                out.append("Didn't find op for builtin opcode '").append(letters(errors)).append("' version '")
                        .append(errors % 7).append("'\r\n");
            }
        }
    }

    /** Mean bytes per invoke over the next {@code count} (give it a stream of its own: this one advances). */
    static int bytesPerInvocation(EndlessBoardOutput sample, int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            sample.next(text);
        }
        return text.toString().getBytes(StandardCharsets.ISO_8859_1).length / count;
    }

    private static String letters(long n) {
        StringBuilder s = new StringBuilder();
        do {
            s.append((char) ('A' + n % 26));
            n /= 26;
        } while (n > 0);
        return s.toString();
    }
}
