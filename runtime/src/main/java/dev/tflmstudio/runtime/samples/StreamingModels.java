package dev.tflmstudio.runtime.samples;

import dev.tflmstudio.runtime.model.Quantization;
import dev.tflmstudio.runtime.model.TensorType;
import dev.tflmstudio.runtime.tflite.ModelBuilder;
import dev.tflmstudio.runtime.tflite.ModelBuilder.SubgraphBuilder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;

/**
 * Streaming wake-word models built the way esphome's micro_wake_word models are: a CALL_ONCE init subgraph zeroes
 * each stream state through VAR_HANDLE + ASSIGN_VARIABLE, and every invoke reads each state (READ_VARIABLE),
 * concatenates the new frame, convolves the window and assigns the window's tail back (STRIDED_SLICE +
 * ASSIGN_VARIABLE).
 */
public final class StreamingModels {
    private static final Map<String, Object> NONE = Map.of("fused_activation_function", "NONE");

    private StreamingModels() {
    }

    /** {@code layers} streaming CONV_2D layers of {@code channels} channels, kernel {@code window}x1, then FC. */
    public static byte[] wakeWord(int layers, int channels, int window) {
        ModelBuilder b = new ModelBuilder().description("streaming wake-word test model");
        SubgraphBuilder main = b.subgraph("main");
        SubgraphBuilder init = b.subgraph("init");
        Quantization q = Quantization.perTensor(0.05f, -3);
        int x = main.addTensor("frame", TensorType.INT8, new int[] {1, 1, 1, channels}, 0, q, false);
        main.op("CALL_ONCE", new int[0], new int[0], "CallOnceOptions", Map.of("init_subgraph_index", 1));
        int in = x;
        for (int l = 0; l < layers; l++) {
            Map<String, Object> name = Map.of("container", "", "shared_name", "stream_" + l);
            int[] stateShape = {1, window - 1, 1, channels};
            int h = main.tensor("handle_" + l, TensorType.RESOURCE);
            int state = main.addTensor("state_" + l, TensorType.INT8, stateShape, 0, q, false);
            int window4 = main.addTensor("window_" + l, TensorType.INT8, new int[] {1, window, 1, channels}, 0,
                    q, false);
            int tail = main.addTensor("tail_" + l, TensorType.INT8, stateShape, 0, q, false);
            int begin = main.constant("begin_" + l, TensorType.INT32, new int[] {4}, int32(0, 1, 0, 0));
            int end = main.constant("end_" + l, TensorType.INT32, new int[] {4}, int32(1, window, 1, channels));
            int strides = main.constant("strides_" + l, TensorType.INT32, new int[] {4}, int32(1, 1, 1, 1));
            int filter = main.addTensor("filter_" + l, TensorType.INT8, new int[] {channels, window, 1, channels},
                    b.addBuffer(bytes(channels * window * channels)), Quantization.perTensor(0.02f, 0), false);
            int bias = main.addTensor("bias_" + l, TensorType.INT32, new int[] {channels},
                    b.addBuffer(new byte[4 * channels]), Quantization.perTensor(0.001f, 0), false);
            int out = main.addTensor("conv_" + l, TensorType.INT8, new int[] {1, 1, 1, channels}, 0, q, false);
            main.op("VAR_HANDLE", new int[0], new int[] {h}, "VarHandleOptions", name)
                    .op("READ_VARIABLE", new int[] {h}, new int[] {state}, null, null)
                    .op("CONCATENATION", new int[] {state, in}, new int[] {window4}, "ConcatenationOptions",
                            Map.of("axis", 1, "fused_activation_function", "NONE"))
                    .op("STRIDED_SLICE", new int[] {window4, begin, end, strides}, new int[] {tail},
                            "StridedSliceOptions", Map.of())
                    .op("ASSIGN_VARIABLE", new int[] {h, tail}, new int[0], null, null)
                    .op("CONV_2D", new int[] {window4, filter, bias}, new int[] {out}, "Conv2DOptions",
                            Map.of("padding", "VALID", "stride_w", 1, "stride_h", 1,
                                    "fused_activation_function", "RELU"));
            int ih = init.tensor("handle_" + l, TensorType.RESOURCE);
            int zeros = init.addTensor("zeros_" + l, TensorType.INT8, stateShape,
                    b.addBuffer(new byte[(window - 1) * channels]), q, false);
            init.op("VAR_HANDLE", new int[0], new int[] {ih}, "VarHandleOptions", name)
                    .op("ASSIGN_VARIABLE", new int[] {ih, zeros}, new int[0], null, null);
            in = out;
        }
        int flat = main.addTensor("flat", TensorType.INT8, new int[] {1, channels}, 0, q, false);
        int shape = main.constant("shape", TensorType.INT32, new int[] {2}, int32(1, channels));
        int weights = main.addTensor("fc_weights", TensorType.INT8, new int[] {4, channels},
                b.addBuffer(bytes(4 * channels)), Quantization.perTensor(0.02f, 0), false);
        int y = main.addTensor("scores", TensorType.INT8, new int[] {1, 4}, 0, Quantization.perTensor(0.1f, -128),
                false);
        main.op("RESHAPE", new int[] {in, shape}, new int[] {flat}, "ReshapeOptions",
                        Map.of("new_shape", java.util.List.of(1L, (long) channels)))
                .op("FULLY_CONNECTED", new int[] {flat, weights, -1}, new int[] {y}, "FullyConnectedOptions", NONE)
                .inputs(x).outputs(y);
        return b.build();
    }

    private static byte[] int32(int... values) {
        ByteBuffer buf = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            buf.putInt(v);
        }
        return buf.array();
    }

    private static byte[] bytes(int n) {
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = (byte) ((i * 37 + 11) % 17 - 8);
        }
        return out;
    }
}
