package dev.tflmstudio.serial;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tflmstudio.serial.analysis.AnalysisListener;
import dev.tflmstudio.serial.analysis.BoardAnalysis;
import dev.tflmstudio.serial.analysis.OpSequence;
import dev.tflmstudio.serial.analysis.SessionSummary;
import dev.tflmstudio.serial.parse.LogStreamParser;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An endless attach keeps flat memory: a million invokes, each followed by an error line never printed before,
 * leave the session retaining about what it retained after a hundred thousand (it used to keep every tick and every
 * distinct error text: 95 MB after 200k invokes, 372 MB after a million distinct errors). The 24-hour run is
 * {@link EndlessAttachBenchmark}.
 */
class EndlessSessionMemoryTest {
    private static final long MB = 1 << 20;

    @Test
    void aMillionInvokesWithAMillionDistinctErrorsRetainAFewMegabytes() {
        EndlessBoardOutput board = new EndlessBoardOutput(List.of("CONV_2D", "DEPTHWISE_CONV_2D", "SOFTMAX"),
                new long[] {3_000_000, 1_200_000, 9_000}, 1);
        long before = HeapAfterGc.bytes();
        BoardAnalysis analysis = new BoardAnalysis(OpSequence.of(board.ops(), "test model"),
                EndlessBoardOutput.CLOCK, new AnalysisListener() { });
        LogStreamParser parser = new LogStreamParser(analysis);

        feed(board, parser, 100_000);
        long afterTenth = HeapAfterGc.bytes() - before;
        feed(board, parser, 900_000);
        long afterAll = HeapAfterGc.bytes() - before;
        SessionSummary summary = analysis.summary();
        Reference.reachabilityFence(parser);
        Reference.reachabilityFence(analysis);

        System.out.printf("session retains %.1f MB after 100k invokes, %.1f MB after 1M (1M distinct errors)%n",
                afterTenth / (double) MB, afterAll / (double) MB);
        assertThat(summary.matchedInvocations()).isEqualTo(1_000_000);
        assertThat(summary.ops().get(0).all().count()).isEqualTo(1_000_000);
        assertThat(summary.ops().get(0).all().exact()).as("4,001 different tick counts: from the histogram").isFalse();
        assertThat(summary.errorLines()).isEqualTo(1_000_000);
        assertThat(summary.warnings()).hasSizeLessThan(200);
        assertThat(summary.warnings()).anySatisfy(w -> assertThat(w).contains("more than 20 different errors"));
        assertThat(summary.warnings()).anySatisfy(w -> assertThat(w).contains("more than 100 kinds"));
        assertThat(afterAll).as("retained after a million invokes").isLessThan(16 * MB);
        assertThat(afterAll - afterTenth).as("growth from 100k to 1M invokes").isLessThan(2 * MB);
    }

    @Test
    void allocationsPrintedAfterEveryInvokeKeepOneRowPerCategoryInPrintOrder() {
        String allocations = "[RecordingMicroAllocator] 'TfLiteEvalTensor data' used 240 bytes with alignment overhead"
                + " (requested 240 bytes for 10 allocations)\r\n[RecordingMicroAllocator] 'Persistent TfLiteTensor"
                + " data' used 128 bytes with alignment overhead (requested 128 bytes for 2 tensors)\r\n";
        SessionSummary summary = ParserToleranceTest.analyse(
                ("ADD took 5 ticks (0 ms).\r\n" + allocations).repeat(10_000), null, null);
        assertThat(summary.arena().categories()).extracting(c -> c.name())
                .containsExactly("TfLiteEvalTensor data", "Persistent TfLiteTensor data");
        assertThat(summary.matchedInvocations()).isEqualTo(10_000);
    }

    private static void feed(EndlessBoardOutput board, LogStreamParser parser, int invocations) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < invocations; i++) {
            board.next(text);
            if (text.length() > 3500 || i == invocations - 1) {
                byte[] bytes = text.toString().getBytes(StandardCharsets.ISO_8859_1);
                parser.feed(bytes, 0, bytes.length, board.invocations() * 1_000_000L);
                text.setLength(0);
            }
        }
    }
}
