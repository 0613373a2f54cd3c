package dev.tflmstudio.runtime.kernels.signal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tflmstudio.runtime.kernels.KernelRegistry;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.TensorData;
import dev.tflmstudio.runtime.model.Operator;
import dev.tflmstudio.runtime.model.OperatorCode;
import dev.tflmstudio.runtime.model.Options;
import dev.tflmstudio.runtime.model.Shape;
import dev.tflmstudio.runtime.model.Tensor;
import dev.tflmstudio.runtime.model.TensorType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The stateful framing ops (SignalDelay, SignalFramer, SignalStacker), which no shared model uses, on hand-checked
 * sequences of invokes that follow TFLM's circular-buffer semantics; and their reset.
 */
class FramingOpsTest {

    @Test
    void delayShiftsTheStreamByDelayLength() throws Exception {
        Op op = Op.of("SignalDelay", Map.of("delay_length", 3), List.of(new int[] {2, 4}),
                List.of(TensorType.INT16), List.of(new int[] {2, 4}));
        op.input(1, 2, 3, 4, 11, 12, 13, 14);
        assertThat(op.run().int16s(0)).containsExactly(0, 0, 0, 1, 0, 0, 0, 11);
        op.input(5, 6, 7, 8, 15, 16, 17, 18);
        assertThat(op.run().int16s(0)).containsExactly(2, 3, 4, 5, 12, 13, 14, 15);
        ((Delay) op.prepared).reset();
        op.input(9, 9, 9, 9, 9, 9, 9, 9);
        assertThat(op.run().int16s(0)).containsExactly(0, 0, 0, 9, 0, 0, 0, 9);
    }

    @Test
    void framerEmitsOverlappingFramesAndSaysWhenTheyAreComplete() throws Exception {
        Op op = Op.of("SignalFramer", Map.of("frame_size", 4, "frame_step", 2, "prefill", false),
                List.of(new int[] {4}), List.of(TensorType.INT16, TensorType.BOOL), List.of(new int[] {2, 4},
                        new int[] {}));
        op.input(1, 2, 3, 4);
        Op run = op.run();
        assertThat(run.int16s(0)).containsExactly(0, 0, 0, 0, 1, 2, 3, 4);
        assertThat(run.bool(1)).isFalse();
        op.input(5, 6, 7, 8);
        run = op.run();
        assertThat(run.int16s(0)).containsExactly(3, 4, 5, 6, 5, 6, 7, 8);
        assertThat(run.bool(1)).isTrue();
    }

    @Test
    void framerWithPrefillStartsWithZeros() throws Exception {
        Op op = Op.of("SignalFramer", Map.of("frame_size", 3, "frame_step", 2, "prefill", true),
                List.of(new int[] {2}), List.of(TensorType.INT16, TensorType.BOOL), List.of(new int[] {1, 3},
                        new int[] {}));
        op.input(7, 8);
        assertThat(op.run().int16s(0)).containsExactly(0, 7, 8);
        assertThat(op.bool(1)).isTrue();
    }

    @Test
    void stackerPadsWithTheFirstFrameAndStepsThroughFrames() throws Exception {
        Op op = Op.of("SignalStacker", Map.of("num_channels", 2, "stacker_left_context", 1,
                "stacker_right_context", 1, "stacker_step", 1), List.of(new int[] {2}),
                List.of(TensorType.INT16, TensorType.BOOL), List.of(new int[] {6}, new int[] {}));
        op.input(1, 2);
        assertThat(op.run().bool(1)).isFalse();
        op.input(3, 4);
        Op run = op.run();
        assertThat(run.bool(1)).isTrue();
        assertThat(run.int16s(0)).containsExactly(1, 2, 1, 2, 3, 4);
        op.input(5, 6);
        assertThat(op.run().int16s(0)).containsExactly(1, 2, 3, 4, 5, 6);
    }

    @Test
    void overlapAddSumsOverlappingFramesAndSaturatesInt16() throws Exception {
        Op op = Op.of("SignalOverlapAdd", Map.of("T", 7, "frame_step", 2), List.of(new int[] {2, 4}),
                List.of(TensorType.INT16), List.of(new int[] {4}));
        op.input(1, 2, 3, 4, 10, 32767, 30, 40);
        // frame 0: buffer [1,2,3,4] -> out 1,2, keep [3,4,0,0]; frame 1: [13,4+32767 saturated,30,40] -> out 13,32767
        assertThat(op.run().int16s(0)).containsExactly(1, 2, 13, 32767);
        op.input(0, 0, 0, 1, 0, 0, 0, 0);
        // the kept [30,40,0,0] carries into the next invoke
        assertThat(op.run().int16s(0)).containsExactly(30, 40, 0, 1);
    }

    /** One custom op over fresh arena tensors: tensor 0 is the input, outputs follow. */
    private static final class Op {
        private final TensorData[] tensors;
        private final PreparedOp prepared;

        private Op(TensorData[] tensors, PreparedOp prepared) {
            this.tensors = tensors;
            this.prepared = prepared;
        }

        static Op of(String name, Map<String, Object> options, List<int[]> inputShapes, List<TensorType> outputTypes,
                     List<int[]> outputShapes) throws Exception {
            List<Tensor> list = new ArrayList<>();
            list.add(new Tensor(0, "in", TensorType.INT16, Shape.of(inputShapes.get(0)), null, 0, false, null, false,
                    null));
            List<Integer> outs = new ArrayList<>();
            for (int i = 0; i < outputTypes.size(); i++) {
                list.add(new Tensor(i + 1, "out" + i, outputTypes.get(i), Shape.of(outputShapes.get(i)), null, 0,
                        false, null, false, null));
                outs.add(i + 1);
            }
            ByteBuffer arena = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
            TensorData[] data = new TensorData[list.size()];
            for (int i = 0; i < data.length; i++) {
                data[i] = new TensorData(list.get(i));
                data[i].bind(arena, 256 * i);
            }
            Operator op = new Operator(0, new OperatorCode(OperatorCode.CUSTOM, name, 1), List.of(0), outs,
                    List.of(), Options.NONE, new Options("flexbuffers", options), null);
            OpContext ctx = new OpContext(null, null, op, data);
            return new Op(data, KernelRegistry.standard().find(op.code()).prepare(ctx));
        }

        void input(int... values) {
            for (int i = 0; i < values.length; i++) {
                tensors[0].setInt16(i, values[i]);
            }
        }

        Op run() throws Exception {
            prepared.eval();
            return this;
        }

        int[] int16s(int output) {
            TensorData t = tensors[output + 1];
            int[] v = new int[t.elementCount()];
            for (int i = 0; i < v.length; i++) {
                v[i] = t.getInt16(i);
            }
            return v;
        }

        boolean bool(int output) {
            return tensors[output + 1].getBool(0);
        }
    }
}
