package dev.tflmstudio.runtime.kernels.shape;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.model.TensorType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * DEPTH_TO_SPACE and SPACE_TO_DEPTH on shapes no converter writes (HostileModelFuzz seed 9): refused in Prepare
 * with a reason, where the kernel read past its input or divided by a block area that overflowed to 0.
 */
class DepthSpaceHostileTest {

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
}
