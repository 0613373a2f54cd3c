package dev.tflmstudio.serial;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tflmstudio.serial.analysis.AnalysisListener;
import dev.tflmstudio.serial.analysis.BoardAnalysis;
import dev.tflmstudio.serial.analysis.OpSequence;
import dev.tflmstudio.serial.analysis.OpStatistics;
import dev.tflmstudio.serial.analysis.SessionSummary;
import dev.tflmstudio.serial.analysis.TickClock;
import dev.tflmstudio.serial.parse.LogEvent;
import dev.tflmstudio.serial.parse.LogEvent.AppText;
import dev.tflmstudio.serial.parse.LogEvent.BenchmarkTiming;
import dev.tflmstudio.serial.parse.LogEvent.Blank;
import dev.tflmstudio.serial.parse.LogEvent.ErrorLine;
import dev.tflmstudio.serial.parse.LogEvent.OpTiming;
import dev.tflmstudio.serial.parse.LogEvent.PlanBuffer;
import dev.tflmstudio.serial.parse.LogEvent.PlanTimeline;
import dev.tflmstudio.serial.parse.LogEvent.TotalTicks;
import dev.tflmstudio.serial.parse.LogStreamParser;
import dev.tflmstudio.serial.parse.ParsedLine;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The parser on the formats and variants of tflm-internals.md section 2 and on what serial links do to text. */
class ParserToleranceTest {
    private static final String LOG = "CONV_2D took 1144 ticks (0 ms).\r\nDEPTHWISE_CONV_2D took 224622 ticks (8 ms)."
            + "\r\nSOFTMAX took 17 ticks (0 ms).\r\n";

    static List<LogEvent> events(String text, int pieceSize) {
        List<LogEvent> events = new ArrayList<>();
        LogStreamParser parser = new LogStreamParser(line -> events.add(line.event()));
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < bytes.length; i += pieceSize) {
            parser.feed(bytes, i, Math.min(pieceSize, bytes.length - i), 0);
        }
        parser.finish(0);
        return events;
    }

    static SessionSummary analyse(String text, OpSequence expected, TickClock clock) {
        BoardAnalysis analysis = new BoardAnalysis(expected, clock, new AnalysisListener() { });
        LogStreamParser parser = new LogStreamParser(analysis);
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        parser.feed(bytes, 0, bytes.length, 0);
        parser.finish(0);
        analysis.endOfStream();
        return analysis.summary();
    }

    @Test
    void linesSplitAcrossReadsAndAnyLineEndingGiveTheSameEvents() {
        List<LogEvent> whole = events(LOG, Integer.MAX_VALUE);
        assertThat(whole).hasSize(3).allMatch(e -> e instanceof OpTiming);
        assertThat(events(LOG, 1)).isEqualTo(whole);
        assertThat(events(LOG, 7)).isEqualTo(whole);
        assertThat(events(LOG.replace("\r\n", "\n"), 5)).isEqualTo(whole);
        assertThat(events(LOG.replace("\r\n", "\r"), 3)).isEqualTo(whole);
        assertThat(whole.get(1)).isEqualTo(new OpTiming("DEPTHWISE_CONV_2D", 224622, 8, -1,
                LogEvent.ProfilerFormat.LOG));
    }

    @Test
    void aFormatEndingInNewlineGivesOneBlankLine() {
        assertThat(events("Failed starting model allocation.\n\r\nnext\r\n", 4))
                .containsExactly(new ErrorLine("Failed starting model allocation."), new Blank(), new AppText("next"));
    }

    @Test
    void everyProfilerVariantIsRecognised() {
        String text = "\"Event\",\"Tag\",\"Ticks\",\"ms\"\r\n0,CONV_2D,1144,0\r\n1,SOFTMAX,17,0\r\n"
                + "\"Unique Tag\",\"Total ticks across all events with that tag.\"\r\nCONV_2D, 1144\r\nSOFTMAX, 17\r\n"
                + "total number of ticks, 1161\r\n"
                + "InitializeKeywordRunner took 5320 ticks (5 ms)\r\n"
                + "KeywordRunNIerations(1) took 120 ticks (0 ms)\r\n"
                + "tflite::MicroInterpreter instantiation took 44 ticks (0 ms).\r\n"
                + "FULLY_CONNECTED took -1 ticks (0 ms).\r\n";
        List<LogEvent> events = events(text, 11);
        assertThat(events.get(1)).isEqualTo(new OpTiming("CONV_2D", 1144, 0, 0, LogEvent.ProfilerFormat.CSV));
        assertThat(events.get(2)).isEqualTo(new OpTiming("SOFTMAX", 17, 0, 1, LogEvent.ProfilerFormat.CSV));
        assertThat(events.get(6)).isEqualTo(new TotalTicks(1161));
        assertThat(events.get(7)).isEqualTo(new BenchmarkTiming("InitializeKeywordRunner", 5320, 5));
        assertThat(events.get(8)).isInstanceOf(BenchmarkTiming.class);
        assertThat(events.get(9)).isInstanceOf(BenchmarkTiming.class);
        assertThat(events.get(10)).isEqualTo(new OpTiming("FULLY_CONNECTED", -1, 0, -1, LogEvent.ProfilerFormat.LOG));
    }

    @Test
    void csvRowsCountOnlyInsideTheirBlock() {
        assertThat(events("0,16,1\r\n1,32,2\r\n", 100)).allMatch(e -> e instanceof AppText);
        assertThat(events("\"Event\",\"Tag\",\"Ticks\"\r\n0,ADD,5\r\n5,ADD,6\r\n", 100).get(2))
                .isInstanceOf(AppText.class);
    }

    @Test
    void memoryPlanLinesInBothLayouts() {
        List<LogEvent> events = events("* (id=3): size=16, offset=0, first_used=3 last_used=3\r\n"
                + "   3: ****************2222222222222222 (1k)\r\n"
                + " 3: 1111 (1k)\r\n", 100);
        assertThat(events.get(0)).isEqualTo(new PlanBuffer('*', 3, 16, 0, 3, 3));
        assertThat(events.get(1)).isInstanceOf(PlanTimeline.class);
        assertThat(events.get(2)).isInstanceOf(PlanTimeline.class);
    }

    @Test
    void errorLinesAreRecognised() {
        assertThat(events("Node FULLY_CONNECTED (number 0) failed to prepare with status 1\r\n"
                + "Failed to get registration from op code CUSTOM\r\n"
                + "Failed to allocate tail memory. Requested: 100, available 20, missing: 80\r\n"
                + "tensorflow/lite/micro/kernels/conv.cc:90 input->type != kTfLiteInt8 (FLOAT32 != INT8)\r\n"
                + "person score:120 no person score -120\r\n", 9))
                .extracting(e -> e.getClass().getSimpleName())
                .containsExactly("ErrorLine", "ErrorLine", "ErrorLine", "ErrorLine", "AppText");
    }

    @Test
    void aLineOfExactly255CharactersIsReportedAsProbablyCut() {
        String longLine = "x".repeat(LogStreamParser.BOARD_LINE_LIMIT);
        SessionSummary s = analyse(LOG + longLine + "\r\n" + LOG, null, null);
        assertThat(s.warnings()).anySatisfy(w -> assertThat(w).contains("256-byte log buffer"));
        assertThat(s.matchedInvocations()).isEqualTo(2);
    }

    @Test
    void logAndCsvOfTheSameRunCountOnce() {
        String csv = "\"Event\",\"Tag\",\"Ticks\"\r\n0,CONV_2D,1144\r\n1,DEPTHWISE_CONV_2D,224622\r\n2,SOFTMAX,17\r\n";
        SessionSummary s = analyse(LOG + csv + LOG + csv, null, null);
        assertThat(s.invocations()).isEqualTo(2);
    }

    @Test
    void aDifferentOpSequenceIsFlaggedNotMapped() {
        OpSequence model = OpSequence.of(List.of("CONV_2D", "DEPTHWISE_CONV_2D", "SOFTMAX"), "m.tflite");
        String wrongOrder = "CONV_2D took 1 ticks (0 ms).\r\nSOFTMAX took 2 ticks (0 ms).\r\n"
                + "DEPTHWISE_CONV_2D took 3 ticks (0 ms).\r\n";
        SessionSummary s = analyse(LOG + "\r\n" + wrongOrder + "\r\nCONV_2D took 9 ticks (0 ms).\r\n\r\n" + LOG,
                model, null);
        assertThat(s.invocations()).isEqualTo(4);
        assertThat(s.matchedInvocations()).isEqualTo(2);
        assertThat(s.ops()).extracting(OpStatistics::tag).containsExactly("CONV_2D", "DEPTHWISE_CONV_2D", "SOFTMAX");
        assertThat(s.ops().get(0).all().max()).isEqualTo(1144);
        assertThat(s.warnings()).anySatisfy(w -> assertThat(w)
                .contains("event 1 is SOFTMAX but op 1 of m.tflite is DEPTHWISE_CONV_2D"));
    }

    @Test
    void theTailOfAnInvocationAtTheStartOfAStreamIsSkipped() {
        OpSequence model = OpSequence.of(List.of("CONV_2D", "DEPTHWISE_CONV_2D", "SOFTMAX"), "m.tflite");
        SessionSummary s = analyse("NV_2D took 224622 ticks (8 ms).\r\nSOFTMAX took 17 ticks (0 ms).\r\n" + LOG + LOG,
                model, null);
        assertThat(s.invocations()).isEqualTo(2);
        assertThat(s.matchedInvocations()).isEqualTo(2);
        assertThat(s.warnings()).singleElement().asString().contains("already under way");
    }

    @Test
    void backToBackInvocationsWithoutAnySeparatorSplitByTheModel() {
        OpSequence model = OpSequence.of(List.of("CONV_2D", "DEPTHWISE_CONV_2D", "SOFTMAX"), "m.tflite");
        SessionSummary s = analyse(LOG.repeat(50), model, null);
        assertThat(s.matchedInvocations()).isEqualTo(50);
        assertThat(s.ops().get(1).all().median()).isEqualTo(224622);
    }

    @Test
    void theMsFieldCrossChecksTheBoardClock() {
        // 224622 ticks printed as 8 ms: consistent with a 27 MHz tick clock, not with 64 MHz.
        assertThat(analyse(LOG, null, new TickClock(27_000_000, "user")).warnings()).isEmpty();
        SessionSummary wrong = analyse(LOG, null, new TickClock(64_000_000, "nano-33"));
        assertThat(wrong.warnings()).singleElement().asString().contains("TFLM would print 3 ms");
        assertThat(wrong.clockRange().contains(27_000_000)).isTrue();
        assertThat(wrong.clockRange().contains(64_000_000)).isFalse();
    }

    @Test
    void garbageBytesAreReportedAndTheNextLineParses() {
        List<ParsedLine> lines = new ArrayList<>();
        LogStreamParser parser = new LogStreamParser(lines::add);
        byte[] junk = {(byte) 0xFF, 0x00, (byte) 0x80};
        parser.feed(junk, 0, junk.length, 0);
        byte[] good = LOG.getBytes(StandardCharsets.US_ASCII);
        parser.feed(good, 0, good.length, 0);
        assertThat(lines).filteredOn(l -> l.event() instanceof OpTiming).hasSize(3);
        assertThat(lines.get(0).event()).isInstanceOf(LogEvent.StreamWarning.class);
    }

    @Test
    void theBenchmarkToolsOutputGivesOpsAndItsArenaTables() {
        String table = "Configured arena size = 153600\r\n\r\n"
                + "TfliteGetModel took 3 ticks (0 ms).\r\n\r\n" + LOG + "\r\n"
                + "[[ Table ]]: Arena\r\n"
                + "        Arena   Bytes   % Arena\r\n"
                + "        Total | 90000 |   100.00\r\n"
                + "NonPersistent | 60000 |    66.67\r\n"
                + "   Persistent | 30000 |    33.33\r\n\r\n"
                + "[[ Table ]]: Allocations\r\n"
                + "                  Allocation   Id    Used   Requested   Count   % Memory\r\n"
                + "            Eval tensor data |  0 |  1000 |      1000 |    80 |      1.11\r\n"
                + " Tensor variable buffer data |  4 |     0 |         0 |     0 |      0.00\r\n"
                + " Node and registration array |  5 |   900 |       900 |    30 |      1.00\r\n\r\n";
        SessionSummary s = analyse(table, null, null);
        assertThat(s.invocations()).isEqualTo(1);
        assertThat(s.ops()).extracting(OpStatistics::tag).containsExactly("CONV_2D", "DEPTHWISE_CONV_2D", "SOFTMAX");
        assertThat(s.arena().totalBytes()).isEqualTo(90000);
        assertThat(s.arena().headBytes()).isEqualTo(60000);
        assertThat(s.arena().tailBytes()).isEqualTo(30000);
        assertThat(s.arena().categories()).extracting(c -> c.name() + "=" + c.usedBytes())
                .containsExactly("TfLiteEvalTensor data=1000", "NodeAndRegistration struct=900");

        String csv = "[[ CSV ]]: Arena\r\n\"Arena\",\"Bytes\",\"% Arena\"\r\n\"Total\",2368,100.00\r\n"
                + "\"Head\",32,1.35\r\n\"Tail\",2336,98.65\r\n\r\n";
        SessionSummary c = analyse(csv, null, null);
        assertThat(c.arena().totalBytes()).isEqualTo(2368);
        assertThat(c.arena().headBytes()).isEqualTo(32);
        assertThat(c.arena().tailBytes()).isEqualTo(2336);
    }
}
