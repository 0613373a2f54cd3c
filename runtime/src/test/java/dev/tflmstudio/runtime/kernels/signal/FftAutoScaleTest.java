package dev.tflmstudio.runtime.kernels.signal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tflmstudio.runtime.interpreter.Session;
import dev.tflmstudio.runtime.kernels.TensorData;
import dev.tflmstudio.runtime.model.Operator;
import dev.tflmstudio.runtime.ref.RefModels;
import dev.tflmstudio.runtime.tflite.ModelReader;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * SignalFftAutoScale on a quiet frame, where it really shifts (the reference runs' pattern input is loud enough to
 * need no shift): every windowed sample shifted left by the same bits, as far as the largest magnitude allows.
 */
class FftAutoScaleTest {
    @Test
    void quietFrameIsShiftedAsFarAsItsLargestMagnitudeAllows() throws Exception {
        Path shared = RefModels.shared();
        Assumptions.assumeTrue(shared != null, "tflm.shared is not set");
        Session session = Session.allocate(ModelReader.open(
                shared.resolve("models").resolve("tflm-micro_speech_audio_preprocessor_int8.tflite")));
        byte[] raw = new byte[960];
        for (int i = 0; i < 480; i++) {
            short v = (short) ((i * 37 % 601) - 300); // at most 300 in magnitude
            raw[2 * i] = (byte) v;
            raw[2 * i + 1] = (byte) (v >> 8);
        }
        session.setInput(0, raw);
        session.runTo(2);
        Operator autoScale = session.model().main().operator(2);
        assertThat(autoScale.opName()).isEqualTo("SignalFftAutoScale");
        TensorData in = session.tensor(autoScale.inputs().get(0));
        TensorData out = session.tensor(autoScale.outputs().get(0));
        int bits = session.tensor(autoScale.outputs().get(1)).getInt32(0);
        int max = 0;
        for (int i = 0; i < in.elementCount(); i++) {
            max = Math.max(max, Math.abs(in.getInt16(i)));
        }
        assertThat(max).isPositive();
        assertThat(bits).isPositive();
        assertThat(max << bits).isLessThanOrEqualTo(Short.MAX_VALUE);
        assertThat(max << (bits + 1)).isGreaterThan(Short.MAX_VALUE);
        for (int i = 0; i < in.elementCount(); i++) {
            assertThat(out.getInt16(i)).as("sample %d", i).isEqualTo((short) (in.getInt16(i) << bits));
        }
    }
}
