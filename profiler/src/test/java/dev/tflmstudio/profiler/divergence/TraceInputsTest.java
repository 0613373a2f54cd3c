package dev.tflmstudio.profiler.divergence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tflmstudio.profiler.testing.Shared;
import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.model.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraceInputsTest {

    @Test
    void sameEncodingGetsThePatternByteForByte() throws Exception {
        Model m = Shared.open("tflm-person_detect_int8.tflite");
        assertThat(TraceInputs.sameInputEncoding(m, m)).isTrue();
        assertThat(TraceInputs.forPair(m, m)).hasSize(1);
        assertThat(TraceInputs.forPair(m, m).get(0)).isEqualTo(TraceInputs.pattern(m).get(0));
    }

    @Test
    void anInt8ModelGetsTheFloatModelsInputQuantized() throws Exception {
        Model fp = Shared.open("mlperf-ad01_fp32.tflite");
        Model q = Shared.open("mlperf-ad01_int8.tflite");
        assertThat(TraceInputs.sameInputEncoding(fp, q)).isFalse();

        List<byte[]> forInt8 = TraceInputs.forPair(q, fp);

        Tensor fpIn = fp.main().tensor(fp.main().inputs().get(0));
        Tensor qIn = q.main().tensor(q.main().inputs().get(0));
        float[] real = TraceInputs.decode(fpIn, TraceInputs.pattern(fp).get(0));
        float[] back = TraceInputs.decode(qIn, forInt8.get(0));
        float scale = qIn.quantization().scale(0);
        for (int i = 0; i < real.length; i++) {
            // within half a quantization step unless the value was clamped to the int8 range
            float lo = qIn.quantization().scale(0) * (-128 - qIn.quantization().zeroPoint(0));
            float hi = qIn.quantization().scale(0) * (127 - qIn.quantization().zeroPoint(0));
            float expected = Math.max(lo, Math.min(hi, real[i]));
            assertThat(Math.abs(back[i] - expected)).isLessThanOrEqualTo(scale / 2 + 1e-6f);
        }
    }

    @Test
    void int8AgainstFloatAutoencoderStaysCloseOpByOp() throws Exception {
        Model fp = Shared.open("mlperf-ad01_fp32.tflite");
        Model q = Shared.open("mlperf-ad01_int8.tflite");

        TensorTrace a = LocalTrace.capture(fp, TraceInputs.pattern(fp));
        TensorTrace b = LocalTrace.capture(q, TraceInputs.forPair(q, fp));
        DivergenceReport r = DivergenceFinder.compare(a, b, new Thresholds(Double.POSITIVE_INFINITY,
                Double.POSITIVE_INFINITY, 0.9));

        assertThat(r.ops()).hasSize(10);
        assertThat(r.ops()).allSatisfy(e -> assertThat(e.metrics()).isNotNull());
        // quantization error exists but the first layer's output points the same way
        assertThat(r.ops().get(0).metrics().maxAbs()).isPositive();
        assertThat(r.ops().get(0).metrics().cosine()).isGreaterThan(0.9);
    }
}
