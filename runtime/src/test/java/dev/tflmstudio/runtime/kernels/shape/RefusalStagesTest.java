package dev.tflmstudio.runtime.kernels.shape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.model.TensorType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Types TFLM's kernels refuse are refused at the same stage: in Prepare (AllocateTensors fails) or only in Eval
 * (the first Invoke fails), with a message naming the op.
 */
class RefusalStagesTest {

    @Test
    void gatherRefusesInt16ParamsInPrepare() {
        OpHarness h = new OpHarness();
        int params = h.activation(TensorType.INT16, 4, 2);
        int indices = h.constInt32(new int[] {1}, 0);
        int out = h.activation(TensorType.INT16, 1, 2);
        assertThatThrownBy(() -> h.prepare("GATHER", List.of(params, indices), List.of(out), Map.of()))
                .isInstanceOf(KernelException.class)
                .hasMessage("op 0 GATHER: Type 'INT16' is not supported by gather.")
                .extracting(e -> ((KernelException) e).stage()).isEqualTo(KernelException.Stage.PREPARE);
    }

    @Test
    void transposeRefusesInt32AtInvoke() throws Exception {
        OpHarness h = new OpHarness();
        int in = h.activation(TensorType.INT32, 2, 3);
        int perm = h.constInt32(new int[] {2}, 1, 0);
        int out = h.activation(TensorType.INT32, 3, 2);
        OpHarness.Run run = h.prepare("TRANSPOSE", List.of(in, perm), List.of(out), Map.of());
        assertThatThrownBy(run::eval).isInstanceOf(KernelException.class)
                .hasMessageContaining("not supported by Transpose")
                .extracting(e -> ((KernelException) e).stage()).isEqualTo(KernelException.Stage.INVOKE);
    }

    @Test
    void mirrorPadRefusesInt16AtInvoke() throws Exception {
        OpHarness h = new OpHarness();
        int in = h.activation(TensorType.INT16, 2, 2);
        int pads = h.constInt32(new int[] {2, 2}, 1, 1, 0, 0);
        int out = h.activation(TensorType.INT16, 4, 2);
        OpHarness.Run run = h.prepare("MIRROR_PAD", List.of(in, pads), List.of(out), Map.of("mode", "SYMMETRIC"));
        assertThatThrownBy(run::eval).isInstanceOf(KernelException.class)
                .extracting(e -> ((KernelException) e).stage()).isEqualTo(KernelException.Stage.INVOKE);
    }

    @Test
    void concatenationRefusesAFusedActivationInPrepare() {
        OpHarness h = new OpHarness();
        int a = h.activation(TensorType.FLOAT32, 1, 2);
        int b = h.activation(TensorType.FLOAT32, 1, 2);
        int out = h.activation(TensorType.FLOAT32, 1, 4);
        assertThatThrownBy(() -> h.prepare("CONCATENATION", List.of(a, b), List.of(out),
                Map.of("axis", 1, "fused_activation_function", "RELU")))
                .isInstanceOf(KernelException.class)
                .extracting(e -> ((KernelException) e).stage()).isEqualTo(KernelException.Stage.PREPARE);
    }

    @Test
    void padV2ChecksTheOutputShapeAgainstThePaddingsInPrepare() {
        OpHarness h = new OpHarness();
        int in = h.activation(TensorType.FLOAT32, 2, 2);
        int pads = h.constInt32(new int[] {2, 2}, 1, 1, 0, 0);
        int out = h.activation(TensorType.FLOAT32, 3, 2);
        assertThatThrownBy(() -> h.prepare("PADV2", List.of(in, pads), List.of(out), Map.of()))
                .isInstanceOf(KernelException.class)
                .hasMessage("op 0 PADV2: output_dim != expected_dim (3 != 4)");
    }

    @Test
    void padV2PadsWithTheConstantValue() throws Exception {
        OpHarness h = new OpHarness();
        int in = h.constFloat(new int[] {1, 2}, 1f, 2f);
        int pads = h.constInt32(new int[] {2, 2}, 0, 1, 1, 0);
        int value = h.constFloat(new int[] {}, -7f);
        int out = h.activation(TensorType.FLOAT32, 2, 3);
        assertThat(h.prepare("PADV2", List.of(in, pads, value), List.of(out), Map.of()).eval().floats(out))
                .containsExactly(-7f, 1f, 2f, -7f, -7f, -7f);
    }
}
