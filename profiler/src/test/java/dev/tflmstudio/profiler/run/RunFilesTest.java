package dev.tflmstudio.profiler.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFilesTest {
    @TempDir
    Path dir;

    static Run sample() {
        return new Run(Run.FORMAT, "m.tflite", "ab12", new RunSource(SourceKind.BOARD, "/dev/ttyACM0"),
                "arduino-nano-33-ble-sense", "2026-11-24T00:00:00Z", 3, 85232L, List.of(
                OpTiming.measured(0, "CONV_2D", List.of(30.0, 20.0, 22.0), 1024L),
                new OpTiming(1, "SOFTMAX", List.of(), OpStats.medianOnly(3, 2.5), null)));
    }

    @Test
    void savedRunLoadsBackEqual() throws Exception {
        Path file = dir.resolve("sub/run.json");
        RunFiles.save(sample(), file);
        Run back = RunFiles.load(file);
        assertThat(back).isEqualTo(sample());
        assertThat(back.ops().get(0).stats().firstMicros()).isEqualTo(30.0);
        assertThat(back.ops().get(1).stats().p95Micros()).isNull();
        assertThat(Files.list(file.getParent())).containsExactly(file);
    }

    @Test
    void savingOverAnExistingRunReplacesItWhole() throws Exception {
        Path file = dir.resolve("run.json");
        Files.writeString(file, "old content that is longer than nothing at all".repeat(100));
        RunFiles.save(sample(), file);
        assertThat(RunFiles.load(file)).isEqualTo(sample());
    }

    @Test
    void shareAndTotalUseSteadyStateMedians() {
        Run run = sample();
        assertThat(run.totalMicros()).isEqualTo(20.0 + 2.5);
        assertThat(run.share(0)).isEqualTo(20.0 / 22.5);
    }

    @Test
    void badFilesGiveOneLineNamingTheProblem() {
        assertThatThrownBy(() -> RunFiles.parse("{\"format\":1,", "r.json"))
                .isInstanceOf(RunFormatException.class).hasMessageStartingWith("r.json: not valid JSON at line 1");
        assertThatThrownBy(() -> RunFiles.parse("[1,2]", "r.json"))
                .hasMessage("r.json: not a run file (expected a JSON object)");
        assertThatThrownBy(() -> RunFiles.parse("{\"format\":1,\"model\":\"m\",\"source\":{\"kind\":\"LOCAL\"},"
                + "\"invocations\":1}", "r.json"))
                .hasMessage("r.json: field 'ops' is missing");
        assertThatThrownBy(() -> RunFiles.parse("{\"format\":1,\"model\":\"m\",\"source\":{\"kind\":\"LOCAL\"},"
                + "\"invocations\":1,\"ops\":[{\"index\":0,\"opName\":\"ADD\"}]}", "r.json"))
                .hasMessage("r.json: ops[0]: field 'stats' is missing");
        assertThatThrownBy(() -> RunFiles.parse("{\"format\":1,\"model\":\"m\",\"source\":{\"kind\":\"LOCAL\"},"
                + "\"invocations\":\"many\",\"ops\":[]}", "r.json"))
                .hasMessage("r.json: field 'invocations' has the wrong type");
        assertThatThrownBy(() -> RunFiles.parse("{\"format\":9,\"model\":\"m\",\"source\":{\"kind\":\"LOCAL\"},"
                + "\"invocations\":1,\"ops\":[]}", "r.json"))
                .hasMessageContaining("newer");
    }
}
