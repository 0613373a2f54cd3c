package dev.tflmstudio.profiler.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tflmstudio.profiler.testing.Shared;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RefLogRunsTest {

    @Test
    void personDetectReferenceLogBecomesAReplayRun() throws Exception {
        Path model = Shared.model("tflm-person_detect_int8.tflite");
        Run run = RefLogRuns.read(Shared.ref("tflm-person_detect_int8.tflite"), model);

        assertThat(run.source().kind()).isEqualTo(SourceKind.REPLAY);
        assertThat(run.model()).isEqualTo("tflm-person_detect_int8.tflite");
        assertThat(run.modelSha256()).isEqualTo(ModelHash.sha256(model)).hasSize(64);
        assertThat(run.invocations()).isEqualTo(20);
        assertThat(run.arenaBytes()).isEqualTo(85232L);
        assertThat(run.ops()).hasSize(31);
        // "0,DEPTHWISE_CONV_2D,466,469.413": median ticks at 1,000,000 ticks per second
        assertThat(run.ops().get(0).opName()).isEqualTo("DEPTHWISE_CONV_2D");
        assertThat(run.ops().get(0).micros()).isEqualTo(466.0);
        assertThat(run.ops().get(30).opName()).isEqualTo("SOFTMAX");
        assertThat(run.ops().get(30).micros()).isEqualTo(2.0);
        // op k runs at time k+1 of the memory plan: op 2 (t=3) is the 55,296-byte peak
        assertThat(run.ops().get(2).liveBytes()).isEqualTo(55296L);
        assertThat(run.ops().get(0).liveBytes()).isEqualTo(27648L);
        // the per-op medians sum as the log says: sum of median ticks
        assertThat(run.totalMicros()).isEqualTo(6992.0);
    }

    @Test
    void aFailedReferenceRunHasNoTimings(@TempDir Path dir) throws Exception {
        Path ref = Shared.ref("tflm-person_detect_vela_ethosu.tflite");
        assertThatThrownBy(() -> RefLogRuns.read(ref, null))
                .isInstanceOf(RunFormatException.class)
                .hasMessageContaining("no 'per-op median' block");
        Path empty = Files.writeString(dir.resolve("x.txt"), "hello\n");
        assertThatThrownBy(() -> RefLogRuns.read(empty, null)).hasMessageStartingWith(empty.toString());
    }

    @Test
    void theModelNamedInTheLogIsFoundAndHashedWhenNotGiven() throws Exception {
        Path model = Shared.model("tflm-hello_world_int8.tflite");
        Run run = RefLogRuns.read(Shared.ref("tflm-hello_world_int8.tflite"), null);
        assertThat(run.modelSha256()).isEqualTo(ModelHash.sha256(model));
    }
}
