package dev.tflmstudio.runtime.kernels.shape;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.model.TensorType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Shapes no converter writes (HostileModelFuzz seeds 9, 13 and 17), where TFLM's checks are debug-build only or
 * absent: refused with a reason, where the kernels read past a tensor or divided by zero.
 */
class ShapeOpsHostileTest {

    @Test
    void anOutputWithMoreBatchesThanTheInputIsRefused() {
        OpHarness h = new OpHarness();
        int in = h.activation(TensorType.FLOAT32, 1, 2, 2, 8);
        int out = h.activation(TensorType.FLOAT32, 2, 4, 4, 2);
        assertThatThrownBy(() -> h.prepare("DEPTH_TO_SPACE", List.of(in), List.of(out), Map.of("block_size", 2)))
                .isInstanceOf(KernelException.class).hasMessageContaining("output shape does not match");
        int in2 = h.activation(TensorType.INT8, 2, 4, 4, 2);
        int out2 = h.activation(TensorType.INT8, 1, 2, 2, 8);
        assertThatThrownBy(() -> h.prepare("SPACE_TO_DEPTH", List.of(in2), List.of(out2), Map.of("block_size", 2)))
                .isInstanceOf(KernelException.class).hasMessageContaining("output shape does not match");
    }

    @Test
    void aBlockWhoseAreaOverflowsIntIsRefused() {
        OpHarness h = new OpHarness();
        int in = h.activation(TensorType.INT8, 1, 2, 2, 8);
        int out = h.activation(TensorType.INT8, 1, 4, 4, 2);
        // 1048576^2 is 0 in 32-bit arithmetic
        assertThatThrownBy(() -> h.prepare("DEPTH_TO_SPACE", List.of(in), List.of(out),
                Map.of("block_size", 1 << 20))).isInstanceOf(KernelException.class)
                .hasMessageContaining("not a multiple of block_size^2");
    }

    @Test
    void aMirrorPadWiderThanItsInputIsRefusedAtInvoke() throws Exception {
        OpHarness h = new OpHarness();
        int in = h.activation(TensorType.FLOAT32, 1, 1, 6, 3);
        int pads = h.constInt32(new int[] {4, 2}, 0, 0, 2, 2, 2, 2, 0, 0);
        int out = h.activation(TensorType.FLOAT32, 1, 5, 10, 3);
        OpHarness.Run run = h.prepare("MIRROR_PAD", List.of(in, pads), List.of(out), Map.of("mode", "REFLECT"));
        assertThatThrownBy(run::eval).isInstanceOf(KernelException.class)
                .hasMessageContaining("wider than its input dimension allows in REFLECT");
    }

    @Test
    void aTransposeIntoAnotherRankIsRefused() {
        OpHarness h = new OpHarness();
        int in = h.activation(TensorType.INT16, 5, 4, 3, 2);
        int perm = h.constInt32(new int[] {4}, 3, 2, 1, 0);
        int out = h.activation(TensorType.INT16, 5, 4, 3, 2, 1);
        assertThatThrownBy(() -> h.prepare("TRANSPOSE", List.of(in, perm), List.of(out), Map.of()))
                .isInstanceOf(KernelException.class).hasMessageContaining("is not a transpose of input shape");
    }

    @Test
    void aConvolutionWithFewerOutputChannelsThanGroupsIsRefused() {
        // fuzz seed 17: input depth 8 over filter depth 1 is 8 groups, for 2 output channels
        OpHarness h = new OpHarness();
        int in = h.activation(TensorType.FLOAT32, 1, 3, 3, 8);
        int filter = h.activation(TensorType.FLOAT32, 2, 1, 1, 1);
        int out = h.activation(TensorType.FLOAT32, 1, 3, 3, 2);
        assertThatThrownBy(() -> h.prepare("CONV_2D", List.of(in, filter), List.of(out),
                Map.of("padding", "VALID", "stride_h", 1, "stride_w", 1)))
                .isInstanceOf(KernelException.class).hasMessageContaining("TFLM would divide by zero");
    }
}
