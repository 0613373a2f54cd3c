package dev.tflmstudio.serial;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tflmstudio.serial.analysis.AnalysisListener;
import dev.tflmstudio.serial.analysis.BoardAnalysis;
import dev.tflmstudio.serial.analysis.OpStatistics;
import dev.tflmstudio.serial.analysis.SessionSummary;
import dev.tflmstudio.serial.parse.LogStreamParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every reference capture, parsed from memory: exactly the ticks and bytes in it (the port test sends them too). */
class RefCaptureParsingTest {

    static List<Path> refFiles() {
        return RefCapture.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refFiles")
    void parsesTheTicksAndBytesOfTheCapture(Path file) {
        RefCapture ref = RefCapture.read(file);
        BoardAnalysis analysis = new BoardAnalysis(null, null, new AnalysisListener() { });
        LogStreamParser parser = new LogStreamParser(analysis);
        byte[] bytes = ref.text().getBytes(StandardCharsets.ISO_8859_1);
        parser.feed(bytes, 0, bytes.length, 0);
        parser.finish(0);
        analysis.endOfStream();
        assertMatches(ref, analysis.summary());
    }

    static void assertMatches(RefCapture ref, SessionSummary summary) {
        if (ref.profiled()) {
            // Log() and LogCsv() print the same (last) invocation: counted once.
            assertThat(summary.invocations()).as("invocations").isEqualTo(1);
            assertThat(summary.ops()).extracting(OpStatistics::tag).containsExactlyElementsOf(ref.tags());
            assertThat(summary.ops()).extracting(s -> s.all().median()).containsExactlyElementsOf(ref.ticks());
            assertThat(summary.tagTotals()).isNotEmpty();
        } else {
            assertThat(summary.invocations()).isZero();
            assertThat(summary.errors()).as("a run that failed shows its error").isNotEmpty();
        }
        if (ref.arenaTotal() >= 0) {
            assertThat(summary.arena().totalBytes()).isEqualTo(ref.arenaTotal());
            assertThat(summary.arena().headBytes()).isEqualTo(ref.arenaHead());
            assertThat(summary.arena().tailBytes()).isEqualTo(ref.arenaTail());
            assertThat(summary.arena().categories()).hasSize(ref.allocationLines());
        }
        if (ref.planBuffers() > 0) {
            assertThat(summary.plan().buffers()).hasSize(ref.planBuffers());
            assertThat(summary.plan().headBytes()).isEqualTo(ref.greedyPlanned());
        }
        // The driver's own long lines (255+ characters) are flagged as possibly cut; nothing else is wrong.
        assertThat(summary.warnings()).allSatisfy(w -> assertThat(w).satisfiesAnyOf(
                x -> assertThat(x).startsWith("the board printed an error"),
                x -> assertThat(x).contains("255 characters long")));
    }
}
