package dev.tflmstudio.serial;

import dev.tflmstudio.serial.analysis.AnalysisListener;
import dev.tflmstudio.serial.analysis.BoardAnalysis;
import dev.tflmstudio.serial.analysis.OpSequence;
import dev.tflmstudio.serial.analysis.SessionSummary;
import dev.tflmstudio.serial.analysis.SummaryText;
import dev.tflmstudio.serial.parse.LogStreamParser;
import dev.tflmstudio.serial.record.SessionRecorder;
import java.io.IOException;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A 24-hour attach at the fastest rate the Board window offers (921600 baud, 8N1: 92,160 bytes/s), at full speed
 * instead of real time: person_detect's {@code Log()} lines as a 64 MHz board prints them, a distinct error line
 * every tenth invoke, in 4 KiB reads through the recorder, the parser and the statistics as an attach runs them (the
 * live table's summary rendered every simulated minute). Prints the heap the session retains (after GC) every
 * simulated hour: flat means endless sessions are fine. Run:
 * {@code java -Xmx64m -cp <test-classes>:<classes>:<deps> dev.tflmstudio.serial.EndlessAttachBenchmark [HOURS]
 * [BAUD] [RECORDING]} (the recording goes to /dev/null unless given: a day is 8 GB).
 */
public final class EndlessAttachBenchmark {
    private static final int READ = 4096;
    private static final int ERROR_EVERY = 10;
    private static final Path DEV_NULL = Path.of("/dev/null");

    private EndlessAttachBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        double hours = args.length > 0 ? Double.parseDouble(args[0]) : 24;
        int baud = args.length > 1 ? Integer.parseInt(args[1]) : 921_600;
        Path recording = args.length > 2 ? Path.of(args[2]) : DEV_NULL;
        double bytesPerSecond = baud / 10.0;
        EndlessBoardOutput board = EndlessBoardOutput.personDetect(ERROR_EVERY);
        int perInvocation = EndlessBoardOutput.bytesPerInvocation(EndlessBoardOutput.personDetect(ERROR_EVERY),
                10_000);
        System.out.printf(Locale.ROOT, "endless attach: %d ops per invoke, %d bytes per invoke with its share of"
                        + " error lines, at %d baud (%.0f bytes/s): %.1f invokes/s; recording to %s%n",
                board.ops().size(), perInvocation, baud, bytesPerSecond, bytesPerSecond / perInvocation, recording);
        System.out.printf(Locale.ROOT, "%9s %12s %10s %9s %14s %8s%n", "simulated", "invokes", "errors", "data",
                "heap after GC", "wall");

        long before = HeapAfterGc.bytes();
        long start = System.nanoTime();
        BoardAnalysis analysis = new BoardAnalysis(OpSequence.of(board.ops(), "person_detect"),
                EndlessBoardOutput.CLOCK, new AnalysisListener() { });
        LogStreamParser parser = new LogStreamParser(analysis);
        SessionRecorder recorder = SessionRecorder.create(recording, System.currentTimeMillis());
        long endBytes = (long) (hours * 3600 * bytesPerSecond);
        long nextMinute = (long) (60 * bytesPerSecond);
        long nextHour = (long) (3600 * bytesPerSecond);
        long bytes = 0;
        long firstHour = -1;
        double firstHourAt = 0;
        long sixthHour = -1;
        long last = 0;
        StringBuilder text = new StringBuilder(2 * READ);
        while (bytes < endBytes) {
            while (text.length() < READ) {
                board.next(text);
            }
            byte[] chunk = text.toString().getBytes(StandardCharsets.ISO_8859_1);
            text.setLength(0);
            long nanos = (long) (bytes / bytesPerSecond * 1e9);
            recorder.data(chunk, chunk.length, nanos);
            analysis.countBytes(chunk.length);
            parser.feed(chunk, 0, chunk.length, nanos);
            bytes += chunk.length;
            if (bytes >= nextMinute) {
                nextMinute += (long) (60 * bytesPerSecond);
                SummaryText.render(analysis.summary());
            }
            if (bytes >= nextHour || bytes >= endBytes) {
                nextHour += (long) (3600 * bytesPerSecond);
                last = HeapAfterGc.bytes() - before;
                double simulatedHours = bytes / bytesPerSecond / 3600;
                System.out.printf(Locale.ROOT, "%7.1f h %,12d %,10d %6.0f MB %11.2f MB %6.1f s%n", simulatedHours,
                        board.invocations(), board.errors(), bytes / 1e6, last / 1e6,
                        (System.nanoTime() - start) / 1e9);
                if (firstHour < 0) {
                    firstHour = last;
                    firstHourAt = simulatedHours;
                }
                if (Math.round(simulatedHours) == 6) {
                    sixthHour = last;
                }
            }
        }
        parser.finish((long) (bytes / bytesPerSecond * 1e9));
        analysis.endOfStream();
        try {
            recorder.close();
        } catch (IOException e) {
            if (!recording.equals(DEV_NULL)) {
                throw e;
            }
            // /dev/null cannot be forced to a disk; everything was written.
        }
        SessionSummary summary = analysis.summary();
        Reference.reachabilityFence(parser);
        double wall = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "retained heap: %.2f MB at %.0f h, %s at 6 h, %.2f MB at the end (%.1f h);"
                        + " growth %.2f MB. %.1f simulated hours in %.0f s of wall time (%.0fx real time)%n",
                firstHour / 1e6, firstHourAt, sixthHour < 0 ? "-" : String.format(Locale.ROOT, "%.2f MB", sixthHour / 1e6),
                last / 1e6, hours, (last - firstHour) / 1e6, hours, wall, hours * 3600 / wall);
        // The baseline: the statistics before them kept a long per op per invoke (and every distinct error text).
        System.out.printf(Locale.ROOT, "keeping every tick sample instead would hold %.0f MB (%.0fx)%n",
                summary.matchedInvocations() * board.ops().size() * 8 / 1e6,
                summary.matchedInvocations() * board.ops().size() * 8.0 / Math.max(1, last));
        System.out.printf(Locale.ROOT, "summary: %,d invokes matched of %,d, %,d error lines, %d warning lines%n",
                summary.matchedInvocations(), summary.invocations(), summary.errorLines(), summary.warnings().size());
    }
}
