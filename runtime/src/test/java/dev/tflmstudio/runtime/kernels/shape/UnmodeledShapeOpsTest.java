package dev.tflmstudio.runtime.kernels.shape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.model.TensorType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The shape ops with no model in the shared corpus (BROADCAST_ARGS, SHAPE, REVERSE_V2, DYNAMIC_UPDATE_SLICE), on
 * small hand-checked cases that follow TFLite's semantics.
 */
class UnmodeledShapeOpsTest {

    @Test
    void broadcastArgsGivesTheBroadcastShape() throws Exception {
        OpHarness h = new OpHarness();
        int a = h.constInt32(new int[] {3}, 8, 1, 6);
        int b = h.constInt32(new int[] {2}, 7, 1);
        int out = h.activation(TensorType.INT32, 3);
        assertThat(h.prepare("BROADCAST_ARGS", List.of(a, b), List.of(out), Map.of()).eval().int32s(out))
                .containsExactly(8, 7, 6);
    }

    @Test
    void broadcastArgsRefusesIncompatibleShapesAtInvoke() throws Exception {
        OpHarness h = new OpHarness();
        int a = h.constInt64(new int[] {2}, 3, 4);
        int b = h.constInt64(new int[] {2}, 5, 4);
        int out = h.activation(TensorType.INT64, 2);
        OpHarness.Run run = h.prepare("BROADCAST_ARGS", List.of(a, b), List.of(out), Map.of());
        assertThatThrownBy(run::eval).isInstanceOf(KernelException.class)
                .extracting(e -> ((KernelException) e).stage()).isEqualTo(KernelException.Stage.INVOKE);
    }

    @Test
    void shapeListsTheInputDimensions() throws Exception {
        OpHarness h = new OpHarness();
        int in = h.activation(TensorType.INT8, 1, 4, 5, 3);
        int out = h.activation(TensorType.INT32, 4);
        assertThat(h.prepare("SHAPE", List.of(in), List.of(out), Map.of()).eval().int32s(out))
                .containsExactly(1, 4, 5, 3);
        // TFLM's Eval writes int32 only: an int64 out_type fails at invoke (the differential sweep saw it)
        OpHarness wide = new OpHarness();
        int in2 = wide.activation(TensorType.INT8, 1, 4, 5, 3);
        int out2 = wide.activation(TensorType.INT64, 4);
        var prepared = wide.prepare("SHAPE", List.of(in2), List.of(out2), Map.of());
        org.assertj.core.api.Assertions.assertThatThrownBy(prepared::eval)
                .hasMessageContaining("Output type INT64 (4) not supported.");
    }

    @Test
    void reverseV2FlipsTheGivenAxes() throws Exception {
        OpHarness h = new OpHarness();
        int in = h.constFloat(new int[] {2, 3}, 1, 2, 3, 4, 5, 6);
        int axis = h.constInt32(new int[] {1}, -1);
        int out = h.activation(TensorType.FLOAT32, 2, 3);
        assertThat(h.prepare("REVERSE_V2", List.of(in, axis), List.of(out), Map.of()).eval().floats(out))
                .containsExactly(3, 2, 1, 6, 5, 4);

        OpHarness both = new OpHarness();
        int in2 = both.constInt32(new int[] {2, 2}, 1, 2, 3, 4);
        int axes = both.constInt32(new int[] {2}, 0, 1);
        int out2 = both.activation(TensorType.INT32, 2, 2);
        assertThat(both.prepare("REVERSE_V2", List.of(in2, axes), List.of(out2), Map.of()).eval().int32s(out2))
                .containsExactly(4, 3, 2, 1);
    }

    @Test
    void dynamicUpdateSliceClampsTheStartIndices() throws Exception {
        OpHarness h = new OpHarness();
        int operand = h.constInt32(new int[] {3, 3}, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        int update = h.constInt32(new int[] {2, 2}, -1, -2, -3, -4);
        int start = h.constInt32(new int[] {2}, 2, -5);
        int out = h.activation(TensorType.INT32, 3, 3);
        // start (2, -5) is clamped to (1, 0): the update lands in the bottom-left corner.
        assertThat(h.prepare("DYNAMIC_UPDATE_SLICE", List.of(operand, update, start), List.of(out), Map.of())
                .eval().int32s(out)).containsExactly(1, 2, 3, -1, -2, 6, -3, -4, 9);
    }

    @Test
    void gatherRefusesAnOutOfRangeIndexAtInvoke() throws Exception {
        OpHarness h = new OpHarness();
        int params = h.constFloat(new int[] {3, 2}, 1, 2, 3, 4, 5, 6);
        int indices = h.constInt32(new int[] {2}, 2, 3);
        int out = h.activation(TensorType.FLOAT32, 2, 2);
        OpHarness.Run run = h.prepare("GATHER", List.of(params, indices), List.of(out), Map.of("axis", 0));
        assertThatThrownBy(run::eval).isInstanceOf(KernelException.class)
                .hasMessageContaining("op 0 GATHER");
    }
}
