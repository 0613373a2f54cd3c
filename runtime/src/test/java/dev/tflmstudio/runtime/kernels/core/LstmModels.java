package dev.tflmstudio.runtime.kernels.core;

import dev.tflmstudio.runtime.model.Quantization;
import dev.tflmstudio.runtime.model.TensorType;
import dev.tflmstudio.runtime.tflite.ModelBuilder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Map;

/**
 * Builds one-op UNIDIRECTIONAL_SEQUENCE_LSTM models (no peephole, projection or layer norm) in float32 or int16x8.
 * Gates are indexed I, F, C, O as in TFLite's input order. For int16x8 the quantization is chosen so the
 * arithmetic is easy to follow by hand: input scale 2^-12 and weight scale 1 (so a gate's pre-activation in Q3.12
 * is the raw dot product plus bias), hidden and output scale 2^-15, cell scale 2^-11.
 */
final class LstmModels {
    static final int I = 0;
    static final int F = 1;
    static final int C = 2;
    static final int O = 3;

    private LstmModels() {
    }

    /** The gate weights and biases: {@code inW[gate][unit * inDim + d]}, {@code recW[gate][unit * state + d]}. */
    record Weights(double[][] inW, double[][] recW, double[][] bias) {
        static Weights zero(int inDim, int state) {
            double[][] in = new double[4][inDim * state];
            double[][] rec = new double[4][state * state];
            double[][] bias = new double[4][state];
            return new Weights(in, rec, bias);
        }

        Weights copy() {
            return new Weights(deep(inW), deep(recW), deep(bias));
        }

        private static double[][] deep(double[][] a) {
            double[][] r = new double[a.length][];
            for (int i = 0; i < a.length; i++) {
                r[i] = Arrays.copyOf(a[i], a[i].length);
            }
            return r;
        }
    }

    /**
     * @param type FLOAT32 or INT16 (activations; weights are then FLOAT32 or INT8, bias FLOAT32 or INT64)
     * @param inputShape [batch, time, inDim], or [time, batch, inDim] when {@code timeMajor}
     */
    static byte[] build(TensorType type, int[] inputShape, int state, boolean timeMajor, float cellClip, Weights w) {
        boolean f32 = type == TensorType.FLOAT32;
        int batch = timeMajor ? inputShape[1] : inputShape[0];
        int inDim = inputShape[2];
        ModelBuilder b = new ModelBuilder();
        int[] in = new int[24];
        Arrays.fill(in, -1);
        in[0] = b.addTensor("input", type, inputShape, 0, f32 ? null : Quantization.perTensor(1f / 4096, 0));
        TensorType wt = f32 ? TensorType.FLOAT32 : TensorType.INT8;
        TensorType bt = f32 ? TensorType.FLOAT32 : TensorType.INT64;
        Quantization wq = f32 ? null : Quantization.perTensor(1f, 0);
        for (int g = 0; g < 4; g++) {
            in[1 + g] = b.addTensor("in_w" + g, wt, new int[] {state, inDim}, b.addBuffer(values(wt, w.inW()[g])),
                    wq);
            in[5 + g] = b.addTensor("rec_w" + g, wt, new int[] {state, state},
                    b.addBuffer(values(wt, w.recW()[g])), wq);
            in[12 + g] = b.addTensor("bias" + g, bt, new int[] {state}, b.addBuffer(values(bt, w.bias()[g])),
                    f32 ? null : Quantization.perTensor(1f / 4096, 0));
        }
        in[18] = b.addTensor("hidden", type, new int[] {batch, state}, 0,
                f32 ? null : Quantization.perTensor(1f / 32768, 0), true);
        in[19] = b.addTensor("cell", type, new int[] {batch, state}, 0,
                f32 ? null : Quantization.perTensor(1f / 2048, 0), true);
        int[] outShape = {inputShape[0], inputShape[1], state};
        int out = b.addTensor("output", type, outShape, 0, f32 ? null : Quantization.perTensor(1f / 32768, 0));
        b.addOperator("UNIDIRECTIONAL_SEQUENCE_LSTM", in, new int[] {out}, "UnidirectionalSequenceLSTMOptions",
                Map.of("fused_activation_function", "TANH", "cell_clip", cellClip, "proj_clip", 0f, "time_major",
                        timeMajor, "asymmetric_quantize_inputs", false));
        return b.inputs(in[0]).outputs(out).build();
    }

    private static byte[] values(TensorType t, double[] v) {
        ByteBuffer bb = ByteBuffer.allocate(v.length * t.tflmByteSize()).order(ByteOrder.LITTLE_ENDIAN);
        for (double d : v) {
            switch (t) {
                case FLOAT32 -> bb.putFloat((float) d);
                case INT8 -> bb.put((byte) d);
                case INT64 -> bb.putLong((long) d);
                default -> throw new IllegalArgumentException(t.toString());
            }
        }
        return bb.array();
    }

    static byte[] floats(float... v) {
        ByteBuffer bb = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
            bb.putFloat(f);
        }
        return bb.array();
    }

    static byte[] shorts(int... v) {
        ByteBuffer bb = ByteBuffer.allocate(2 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int s : v) {
            bb.putShort((short) s);
        }
        return bb.array();
    }

    static float[] toFloats(byte[] raw) {
        ByteBuffer bb = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        float[] r = new float[raw.length / 4];
        for (int i = 0; i < r.length; i++) {
            r[i] = bb.getFloat();
        }
        return r;
    }

    static int[] toShorts(byte[] raw) {
        ByteBuffer bb = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        int[] r = new int[raw.length / 2];
        for (int i = 0; i < r.length; i++) {
            r[i] = bb.getShort();
        }
        return r;
    }
}
