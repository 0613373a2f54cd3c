package dev.tflmstudio.profiler.divergence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tflmstudio.profiler.testing.Shared;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DivergenceFinderTest {

    @Test
    void metricsOfKnownVectors() {
        ErrorMetrics m = ErrorMetrics.of(new float[] {1, 0, 0, 0}, new float[] {1, 0, 0, 2});
        assertThat(m.maxAbs()).isEqualTo(2.0);
        assertThat(m.rmse()).isEqualTo(1.0);
        assertThat(m.cosine()).isCloseTo(1 / Math.sqrt(5), within(1e-12));
        assertThat(ErrorMetrics.of(new float[] {0, 0}, new float[] {0, 0}).cosine()).isEqualTo(1.0);
        assertThat(ErrorMetrics.of(new float[] {Float.NaN}, new float[] {Float.NaN}).maxAbs()).isZero();
        assertThat(ErrorMetrics.of(new float[] {Float.NaN}, new float[] {1}).maxAbs()).isInfinite();
    }

    @Test
    void pointsAtTheFirstOpPastTheThresholdSkippingOpsOnOneSideOnly() {
        TensorTrace floatModel = new TensorTrace("float", List.of(
                new TraceEntry(0, "CONV_2D", "c", new float[] {1f, 2f}, null),
                new TraceEntry(1, "RELU", "r", new float[] {1f, 2f}, null),
                new TraceEntry(2, "FULLY_CONNECTED", "f", new float[] {3f}, null)));
        TensorTrace int8Model = new TensorTrace("int8", List.of(
                new TraceEntry(0, "QUANTIZE", "q", new float[] {1f, 2f}, null),
                new TraceEntry(1, "CONV_2D", "c", new float[] {1.01f, 2f}, null),
                new TraceEntry(2, "RELU", "r", new float[] {1.2f, 2f}, null),
                new TraceEntry(3, "FULLY_CONNECTED", "f", new float[] {4f}, null)));

        DivergenceReport r = DivergenceFinder.compare(floatModel, int8Model, new Thresholds(0.1, 1, 0.99));

        assertThat(r.unmatchedB()).containsExactly(0);
        assertThat(r.ops()).hasSize(3);
        assertThat(r.ops().get(0).diverges()).isFalse();
        assertThat(r.firstDivergence()).get().satisfies(e -> {
            assertThat(e.opName()).isEqualTo("RELU");
            assertThat(e.indexA()).isEqualTo(1);
            assertThat(e.indexB()).isEqualTo(2);
            assertThat(e.metrics().maxAbs()).isCloseTo(0.2, within(1e-6));
        });
    }

    @Test
    void checksumOnlyTracesDivergeAtTheFirstDifferentChecksum() throws Exception {
        TensorTrace ref = RefChecksums.read(Shared.ref("tflm-person_detect_int8.tflite"));
        assertThat(ref.entries()).hasSize(31);
        assertThat(ref.entries().get(0).fnv1a32()).isEqualTo("0x07db2c2a");
        assertThat(ref.entries().get(0).tensorName()).isEqualTo("MobilenetV1/MobilenetV1/Conv2d_0/Relu6");

        List<TraceEntry> tampered = new ArrayList<>(ref.entries());
        TraceEntry e5 = tampered.get(5);
        tampered.set(5, new TraceEntry(5, e5.opName(), e5.tensorName(), null, "0x00000000"));
        DivergenceReport same = DivergenceFinder.compare(ref, ref, Thresholds.EXACT);
        DivergenceReport differs = DivergenceFinder.compare(ref, new TensorTrace("board", tampered),
                Thresholds.EXACT);

        assertThat(same.firstDivergence()).isEmpty();
        assertThat(differs.firstDivergence()).get().extracting(OpError::indexA).isEqualTo(5);
        assertThat(differs.firstDivergence().get().checksumsEqual()).isFalse();
    }
}
