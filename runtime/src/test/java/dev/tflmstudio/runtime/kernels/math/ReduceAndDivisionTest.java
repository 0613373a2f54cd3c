package dev.tflmstudio.runtime.kernels.math;

import static dev.tflmstudio.runtime.kernels.math.OpRunner.floats;
import static dev.tflmstudio.runtime.kernels.math.OpRunner.ints;
import static dev.tflmstudio.runtime.kernels.math.OpRunner.op;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.ScratchBuffer;
import dev.tflmstudio.runtime.model.TensorType;
import org.junit.jupiter.api.Test;

/** REDUCE_MIN, SUM details, FLOOR_DIV and FLOOR_MOD (no opzoo models exist for these). */
class ReduceAndDivisionTest {

    @Test
    void reduceMinOverTheLastAxisGivenAsNegativeAndDuplicated() throws Exception {
        OpRunner runner = op("REDUCE_MIN")
                .input(TensorType.FLOAT32, new int[] {2, 3}, new float[] {3f, -1f, 2f, 0.5f, 4f, 0.25f})
                .constant(TensorType.INT32, new int[] {2}, new int[] {-1, 1})
                .output(TensorType.FLOAT32, new int[] {2}).option("keep_dims", false);
        assertThat(floats(runner.run())).containsExactly(-1f, 0.25f);
        // TFLM requests 4 bytes per input dimension and per axis entry.
        assertThat(runner.scratch()).extracting(ScratchBuffer::bytes).containsExactly(8, 8);
    }

    @Test
    void reduceMaxOnInt8NeedsMatchingQuantizationAtInvoke() throws Exception {
        PreparedOp prepared = op("REDUCE_MAX").input(TensorType.INT8, new int[] {2, 2}, 0.5f, 0, new int[] {1, 2, 3, 4})
                .constant(TensorType.INT32, new int[] {1}, new int[] {0})
                .output(TensorType.INT8, new int[] {2}, 0.25f, 0).prepare();
        assertThatThrownBy(prepared::eval).isInstanceOf(KernelException.class)
                .satisfies(e -> assertThat(((KernelException) e).stage()).isEqualTo(KernelException.Stage.INVOKE));
    }

    @Test
    void quantizedSumSubtractsTheZeroPointPerElementAndRescales() throws Exception {
        // real inputs (q - 2) * 0.5 = {0.5, 1, 1.5, 2}; sum per row {1.5, 3.5}; output scale 0.25 -> {6, 14}
        OpRunner runner = op("SUM").input(TensorType.INT8, new int[] {2, 2}, 0.5f, 2, new int[] {3, 4, 5, 6})
                .constant(TensorType.INT32, new int[] {1}, new int[] {1})
                .output(TensorType.INT8, new int[] {2}, 0.25f, 0);
        assertThat(ints(runner.run())).containsExactly(6, 14);
        assertThat(runner.scratch()).extracting(ScratchBuffer::bytes).containsExactly(8, 8, 4);
    }

    @Test
    void runtimeAxisIsReadAtEvalAndRefusedAtInvokeWhenTheOutputDoesNotHoldWhatItKeeps() throws Exception {
        float[] x = {1f, 2f, 3f, 4f, 5f, 6f};
        for (String name : new String[] {"MEAN", "SUM"}) {
            // axis 1 of [2, 3] keeps 2 elements: the output's
            assertThat(floats(op(name).input(TensorType.FLOAT32, new int[] {2, 3}, x)
                    .input(TensorType.INT32, new int[] {1}, new int[] {1})
                    .output(TensorType.FLOAT32, new int[] {2}).option("keep_dims", false).run()))
                    .containsExactly(name.equals("MEAN") ? new float[] {2f, 5f} : new float[] {6f, 15f});
            // axis 0 keeps 3: TFLM would write past the 2-element output
            PreparedOp misfit = op(name).input(TensorType.FLOAT32, new int[] {2, 3}, x)
                    .input(TensorType.INT32, new int[] {1}, new int[] {0})
                    .output(TensorType.FLOAT32, new int[] {2}).option("keep_dims", false).prepare();
            assertThatThrownBy(misfit::eval).isInstanceOf(KernelException.class)
                    .hasMessageContaining("the axis keeps 3 elements, the output holds 2");
        }
    }

    @Test
    void floorDivAndFloorModRoundTowardNegativeInfinity() throws Exception {
        float[] a = {-7f, 7f, -7f, 7.5f};
        float[] b = {2f, -2f, -2f, 2f};
        int[] shape = {4};
        assertThat(floats(op("FLOOR_DIV").input(TensorType.FLOAT32, shape, a).input(TensorType.FLOAT32, shape, b)
                .output(TensorType.FLOAT32, shape).run())).containsExactly(-4f, -4f, 3f, 3f);
        assertThat(floats(op("FLOOR_MOD").input(TensorType.FLOAT32, shape, a).input(TensorType.FLOAT32, shape, b)
                .output(TensorType.FLOAT32, shape).run())).containsExactly(1f, -1f, -1f, 1.5f);
    }

    @Test
    void floorDivRefusesAZeroDivisorAndIntegerTypesAtInvoke() throws Exception {
        int[] shape = {2};
        PreparedOp byZero = op("FLOOR_DIV").input(TensorType.FLOAT32, shape, new float[] {1f, 2f})
                .input(TensorType.FLOAT32, shape, new float[] {1f, 0f}).output(TensorType.FLOAT32, shape).prepare();
        assertThatThrownBy(byZero::eval).hasMessageContaining("Division by 0");
        PreparedOp int32 = op("FLOOR_MOD").input(TensorType.INT32, shape, new int[] {1, 2})
                .input(TensorType.INT32, shape, new int[] {1, 1}).output(TensorType.INT32, shape).prepare();
        assertThatThrownBy(int32::eval).hasMessageContaining("not supported by FLOOR_MOD");
    }
}
