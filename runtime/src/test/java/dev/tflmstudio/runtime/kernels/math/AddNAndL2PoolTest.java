package dev.tflmstudio.runtime.kernels.math;

import static dev.tflmstudio.runtime.kernels.math.OpRunner.floats;
import static dev.tflmstudio.runtime.kernels.math.OpRunner.ints;
import static dev.tflmstudio.runtime.kernels.math.OpRunner.op;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.ScratchBuffer;
import dev.tflmstudio.runtime.model.TensorType;
import org.junit.jupiter.api.Test;

/** ADD_N and L2_POOL_2D, which no shared model uses. */
class AddNAndL2PoolTest {
    private static final int[] PAIR = {2};

    @Test
    void addNSumsThreeFloatInputsAndRequestsOnePointerPerInput() throws Exception {
        OpRunner runner = op("ADD_N").input(TensorType.FLOAT32, PAIR, new float[] {1f, -2f})
                .input(TensorType.FLOAT32, PAIR, new float[] {0.5f, 4f})
                .input(TensorType.FLOAT32, PAIR, new float[] {0.25f, -0.5f}).output(TensorType.FLOAT32, PAIR);
        assertThat(floats(runner.run())).containsExactly(1.75f, 1.5f);
        assertThat(runner.scratch()).extracting(ScratchBuffer::bytes).containsExactly(24);
    }

    @Test
    void addNOnInt8SumsRealValues() throws Exception {
        // real values (scale 0.5): {1, 2} + {1, -1} = {2, 1}, output scale 0.5 -> {4, 2}
        assertThat(ints(op("ADD_N").input(TensorType.INT8, PAIR, 0.5f, 0, new int[] {2, 4})
                .input(TensorType.INT8, PAIR, 0.5f, 0, new int[] {2, -2})
                .output(TensorType.INT8, PAIR, 0.5f, 0).run())).containsExactly(4, 2);
    }

    @Test
    void addNRefusesInputsWithDifferentQuantization() {
        assertThatThrownBy(() -> op("ADD_N").input(TensorType.INT8, PAIR, 0.5f, 0, new int[] {2, 4})
                .input(TensorType.INT8, PAIR, 0.25f, 0, new int[] {2, -2})
                .output(TensorType.INT8, PAIR, 0.5f, 0).prepare())
                .isInstanceOf(KernelException.class).hasMessageContaining("quantization");
    }

    @Test
    void l2PoolTakesTheRootMeanSquareOfEachClippedWindow() throws Exception {
        // 1x3x3x1 input, 2x2 filter, stride 2, SAME: windows {1,2,4,5}, {3,6}, {7,8}, {9}
        float[] in = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        float[] out = floats(op("L2_POOL_2D").input(TensorType.FLOAT32, new int[] {1, 3, 3, 1}, in)
                .output(TensorType.FLOAT32, new int[] {1, 2, 2, 1}).option("padding", "SAME")
                .option("stride_w", 2).option("stride_h", 2).option("filter_width", 2).option("filter_height", 2)
                .run());
        assertThat(out).containsExactly((float) Math.sqrt(46f / 4), (float) Math.sqrt(45f / 2),
                (float) Math.sqrt(113f / 2), 9f);
    }
}
