package dev.tflmstudio.profiler.divergence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tflmstudio.profiler.testing.Shared;
import org.junit.jupiter.api.Test;

class LocalTraceTest {

    @Test
    void ourRuntimeAgreesWithTflmChecksumsOpByOp() throws Exception {
        TensorTrace ours = LocalTrace.capture(Shared.open("tflm-person_detect_int8.tflite"));
        TensorTrace tflm = RefChecksums.read(Shared.ref("tflm-person_detect_int8.tflite"));

        DivergenceReport r = DivergenceFinder.compare(tflm, ours, Thresholds.EXACT);

        assertThat(ours.entries()).hasSize(31);
        assertThat(ours.entries().get(0).values()).hasSize(48 * 48 * 8);
        assertThat(r.ops()).hasSize(31).allSatisfy(e -> assertThat(e.checksumsEqual()).isTrue());
        assertThat(r.firstDivergence()).isEmpty();
    }
}
