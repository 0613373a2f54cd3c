package dev.tflmstudio.serial;

import dev.tflmstudio.serial.analysis.AnalysisListener;
import dev.tflmstudio.serial.analysis.BoardAnalysis;
import dev.tflmstudio.serial.analysis.OpSequence;
import dev.tflmstudio.serial.parse.LogStreamParser;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Parser throughput on a large replay, as a ratio to plain line splitting of the same bytes measured in the same
 * run. Run: {@code java -cp <test-classes>:<classes>:<deps> dev.tflmstudio.serial.ParserThroughputBenchmark [MB]}.
 * The replay is person_detect's {@code Log()} output (31 ops per invocation, \r\n endings) with the reference
 * allocator block and an application print every invocation, delivered in 4 KiB reads as a port would.
 */
public final class ParserThroughputBenchmark {
    private static final int READ = 4096;

    private ParserThroughputBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int megabytes = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        List<String> ops = personDetectOps();
        byte[] replay = replay(ops, megabytes * 1_000_000L);
        System.out.printf("replay: %.1f MB, %d ops per invocation%n", replay.length / 1e6, ops.size());
        double baseline = 0;
        double lines = 0;
        double parser = 0;
        for (int round = 0; round < 5; round++) {
            baseline = Math.max(baseline, measure(() -> splitLines(replay), replay.length));
            lines = Math.max(lines, measure(() -> parseLines(replay), replay.length));
            parser = Math.max(parser, measure(() -> parse(replay, ops), replay.length));
        }
        System.out.printf("line parser alone (events, no grouping): %.1f MB/s%n", lines);
        System.out.printf("baseline (BufferedReader.readLine): %.1f MB/s%n", baseline);
        System.out.printf("parser + invocation grouping + statistics: %.1f MB/s (%.2f x baseline; target > 50 MB/s)%n",
                parser, parser / baseline);
    }

    private static double measure(Runnable work, long bytes) {
        long start = System.nanoTime();
        work.run();
        return bytes / 1e6 / ((System.nanoTime() - start) / 1e9);
    }

    private static void splitLines(byte[] replay) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(replay),
                StandardCharsets.ISO_8859_1))) {
            long lines = 0;
            while (reader.readLine() != null) {
                lines++;
            }
            if (lines == 0) {
                throw new IllegalStateException("no lines");
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void parseLines(byte[] replay) {
        long[] events = new long[1];
        LogStreamParser parser = new LogStreamParser(line -> events[0]++);
        for (int offset = 0; offset < replay.length; offset += READ) {
            parser.feed(replay, offset, Math.min(READ, replay.length - offset), offset);
        }
        parser.finish(replay.length);
        if (events[0] == 0) {
            throw new IllegalStateException("nothing parsed");
        }
    }

    private static void parse(byte[] replay, List<String> ops) {
        BoardAnalysis analysis = new BoardAnalysis(OpSequence.of(ops, "person_detect"), null,
                new AnalysisListener() { });
        LogStreamParser parser = new LogStreamParser(analysis);
        for (int offset = 0; offset < replay.length; offset += READ) {
            parser.feed(replay, offset, Math.min(READ, replay.length - offset), offset);
        }
        parser.finish(replay.length);
        analysis.endOfStream();
        if (analysis.invocations() == 0) {
            throw new IllegalStateException("nothing parsed");
        }
    }

    private static List<String> personDetectOps() throws IOException {
        List<String> ops = new ArrayList<>();
        for (String line : EndlessBoardOutput.personDetectProfilerLog()) {
            ops.add(line.substring(0, line.indexOf(" took ")));
        }
        return ops.isEmpty() ? List.of("CONV_2D", "DEPTHWISE_CONV_2D", "AVERAGE_POOL_2D", "RESHAPE", "SOFTMAX") : ops;
    }

    private static byte[] replay(List<String> ops, long size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) size + 4096);
        StringBuilder text = new StringBuilder("[RecordingMicroAllocator] Arena allocation total 85232 bytes\r\n"
                + "[RecordingMicroAllocator] Arena allocation head 55296 bytes\r\n"
                + "[RecordingMicroAllocator] Arena allocation tail 29936 bytes\r\n");
        long k = 0;
        while (out.size() < size) {
            for (int i = 0; i < ops.size(); i++) {
                long ticks = 20_000 + (k * 7919 + i * 104729) % 900_000;
                text.append(ops.get(i)).append(" took ").append(ticks).append(" ticks (")
                        .append(ticks / 64_000).append(" ms).\r\n");
            }
            text.append("person score:").append(k % 256 - 128).append(" no person score ")
                    .append(127 - k % 256).append("\r\n");
            byte[] bytes = text.toString().getBytes(StandardCharsets.ISO_8859_1);
            out.write(bytes, 0, bytes.length);
            text.setLength(0);
            k++;
        }
        return out.toByteArray();
    }
}
