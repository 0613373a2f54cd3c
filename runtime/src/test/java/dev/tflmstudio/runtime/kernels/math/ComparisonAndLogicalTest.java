package dev.tflmstudio.runtime.kernels.math;

import static dev.tflmstudio.runtime.kernels.math.OpRunner.ints;
import static dev.tflmstudio.runtime.kernels.math.OpRunner.op;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.model.TensorType;
import org.junit.jupiter.api.Test;

/** Comparisons and logical ops the opzoo models do not cover (NOT_EQUAL, LESS_EQUAL, GREATER_EQUAL, OR, NOT). */
class ComparisonAndLogicalTest {
    private static final int[] ROW = {3};
    private static final int[] MATRIX = {2, 3};

    @Test
    void notEqualAndLessEqualBroadcastTheSecondOperandOverRows() throws Exception {
        float[] a = {1f, 2f, 3f, 3f, 2f, 1f};
        float[] b = {1f, 2f, 2f};
        assertThat(ints(op("NOT_EQUAL").input(TensorType.FLOAT32, MATRIX, a).input(TensorType.FLOAT32, ROW, b)
                .output(TensorType.BOOL, MATRIX).run())).containsExactly(0, 0, 1, 1, 0, 1);
        assertThat(ints(op("LESS_EQUAL").input(TensorType.FLOAT32, MATRIX, a).input(TensorType.FLOAT32, ROW, b)
                .output(TensorType.BOOL, MATRIX).run())).containsExactly(1, 1, 0, 0, 1, 1);
    }

    @Test
    void greaterEqualOnInt64() throws Exception {
        assertThat(ints(op("GREATER_EQUAL").input(TensorType.INT64, ROW, new int[] {-5, 0, 7})
                .input(TensorType.INT64, ROW, new int[] {-5, 1, 6}).output(TensorType.BOOL, ROW).run()))
                .containsExactly(1, 0, 1);
    }

    @Test
    void quantizedInputsAreComparedByRealValueAcrossDifferentScales() throws Exception {
        // real values: a = {1.0, 2.0, -0.5}, b = {1.0, 1.0, -0.25}
        int[] a = {2, 4, -1};
        int[] b = {4, 4, -1};
        assertThat(ints(op("LESS_EQUAL").input(TensorType.INT8, ROW, 0.5f, 0, a)
                .input(TensorType.INT8, ROW, 0.25f, 0, b).output(TensorType.BOOL, ROW).run()))
                .containsExactly(1, 0, 1);
    }

    @Test
    void equalOnInt16IsRefusedAtInvokeAsInTflm() throws Exception {
        PreparedOp prepared = op("EQUAL").input(TensorType.INT16, ROW, 0.5f, 0, new int[] {1, 2, 3})
                .input(TensorType.INT16, ROW, 0.5f, 0, new int[] {1, 2, 3}).output(TensorType.BOOL, ROW).prepare();
        assertThatThrownBy(prepared::eval).isInstanceOf(KernelException.class)
                .satisfies(e -> assertThat(((KernelException) e).stage()).isEqualTo(KernelException.Stage.INVOKE))
                .hasMessageContaining("op 0 EQUAL").hasMessageContaining("INT16");
    }

    @Test
    void logicalOrBroadcastsAndLogicalNotNegates() throws Exception {
        boolean[] a = {true, false, false, true, false, true};
        boolean[] b = {false, false, true};
        assertThat(ints(op("LOGICAL_OR").input(TensorType.BOOL, MATRIX, a).input(TensorType.BOOL, ROW, b)
                .output(TensorType.BOOL, MATRIX).run())).containsExactly(1, 0, 1, 1, 0, 1);
        assertThat(ints(op("LOGICAL_NOT").input(TensorType.BOOL, ROW, new boolean[] {true, false, true})
                .output(TensorType.BOOL, ROW).run())).containsExactly(0, 1, 0);
    }

    @Test
    void logicalNotRefusesNonBoolAtInvokeWithTflmsWords() {
        // TFLM's elementwise Prepare check never fires; its Eval ensures the type
        assertThatThrownBy(() -> op("LOGICAL_NOT").input(TensorType.INT8, ROW, new int[] {1, 0, 1})
                .output(TensorType.INT8, ROW).run())
                .isInstanceOf(KernelException.class)
                .hasMessageEndingWith("input->type != expected_type (INT8 != BOOL)")
                .satisfies(e -> assertThat(((KernelException) e).stage()).isEqualTo(KernelException.Stage.INVOKE));
    }
}
