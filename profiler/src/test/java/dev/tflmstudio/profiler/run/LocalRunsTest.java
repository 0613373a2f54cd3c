package dev.tflmstudio.profiler.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tflmstudio.profiler.testing.Shared;
import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.tflite.ModelReader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LocalRunsTest {

    @Test
    void localRunTimesEveryOpOfEveryInvocation() throws Exception {
        Path file = Shared.model("tflm-person_detect_int8.tflite");
        Model model = ModelReader.open(file);

        Run run = LocalRuns.measure(model, file, 3);

        assertThat(run.source().kind()).isEqualTo(SourceKind.LOCAL);
        assertThat(run.modelSha256()).isEqualTo(ModelHash.sha256(file));
        assertThat(run.invocations()).isEqualTo(3);
        assertThat(run.ops()).hasSize(31);
        assertThat(run.ops()).allSatisfy(op -> {
            assertThat(op.samplesMicros()).hasSize(3);
            assertThat(op.stats().count()).isEqualTo(3);
            assertThat(op.stats().firstMicros()).isEqualTo(op.samplesMicros().get(0));
        });
        assertThat(run.ops().get(2).opName()).isEqualTo("CONV_2D");
        // live bytes at op 2 (time 3) is the plan's 55,296-byte peak, as TFLM's plan has it
        assertThat(run.ops().get(2).liveBytes()).isEqualTo(55296L);
        // arena as TFLM's arena_used_bytes() reports it on this host (the reference log's figure)
        assertThat(run.arenaBytes()).isEqualTo(85232L);
        assertThat(run.totalMicros()).isPositive();
    }
}
