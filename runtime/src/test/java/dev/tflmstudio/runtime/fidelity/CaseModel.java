package dev.tflmstudio.runtime.fidelity;

import dev.tflmstudio.runtime.model.Quantization;
import dev.tflmstudio.runtime.model.TensorType;
import dev.tflmstudio.runtime.tflite.ModelBuilder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * One generated test model in the making: a {@link ModelBuilder} plus the random choices of a case (shapes, types,
 * quantization with zero points often at the type's ends, constant data), all from one seed.
 */
final class CaseModel {
    static final TensorType F32 = TensorType.FLOAT32;
    static final TensorType I8 = TensorType.INT8;
    static final TensorType I16 = TensorType.INT16;
    static final TensorType I32 = TensorType.INT32;
    static final TensorType I64 = TensorType.INT64;
    static final TensorType BOOL = TensorType.BOOL;
    static final TensorType U8 = TensorType.UINT8;
    /** Every type a TFLM kernel might meet in a small model. */
    static final TensorType[] ALL = {F32, I8, I16, I32, I64, BOOL, U8};

    final Random r;
    private final ModelBuilder b = new ModelBuilder();
    private final List<Integer> inputs = new ArrayList<>();
    private final List<Integer> outputs = new ArrayList<>();
    private final StringBuilder label = new StringBuilder();
    /** Rewrites the input list of every op of one name as it is added (the omitted-input variants), or null. */
    private String rewrittenOp;
    private java.util.function.UnaryOperator<int[]> inputRewrite;

    CaseModel(long seed) {
        this.r = new Random(seed);
    }

    /** Words that say what this case is (types, options), for the mismatch report. */
    CaseModel note(Object what) {
        label.append(label.length() == 0 ? "" : " ").append(what);
        return this;
    }

    String label() {
        return label.toString();
    }

    int input(TensorType t, int[] shape, Quantization q) {
        int i = b.addTensor("in" + inputs.size(), t, shape, 0, q);
        inputs.add(i);
        return i;
    }

    int output(TensorType t, int[] shape, Quantization q) {
        int i = b.addTensor("out" + outputs.size(), t, shape, 0, q);
        outputs.add(i);
        return i;
    }

    /** A tensor between two ops: neither a model input nor output. */
    int intermediate(TensorType t, int[] shape, Quantization q) {
        return b.addTensor("mid", t, shape, 0, q);
    }

    /** A variable tensor (state an op keeps between invokes; TFLM zeroes it on allocation). */
    int variable(TensorType t, int[] shape, Quantization q) {
        return b.addTensor("state", t, shape, 0, q, true);
    }

    int constant(TensorType t, int[] shape, Quantization q, byte[] data) {
        return b.addTensor("c", t, shape, b.addBuffer(data), q);
    }

    /** A constant of random values of its type. */
    int randomConstant(TensorType t, int[] shape, Quantization q) {
        return constant(t, shape, q, randomData(t, count(shape)));
    }

    /** A runtime input or a random constant (constants give the op values other than the fill rule). */
    int operand(TensorType t, int[] shape, Quantization q) {
        return r.nextInt(3) == 0 ? input(t, shape, q) : randomConstant(t, shape, q);
    }

    /** From now on, every {@code op} operator gets {@code rewrite} of the input list its family gives it. */
    CaseModel rewriteInputs(String op, java.util.function.UnaryOperator<int[]> rewrite) {
        rewrittenOp = op;
        inputRewrite = rewrite;
        return this;
    }

    void op(String name, int[] in, int[] out, String table, Map<String, Object> options) {
        b.addOperator(name, name.equals(rewrittenOp) ? inputRewrite.apply(in.clone()) : in, out, table, options);
    }

    byte[] build() {
        b.inputs(inputs.stream().mapToInt(Integer::intValue).toArray());
        b.outputs(outputs.stream().mapToInt(Integer::intValue).toArray());
        return b.build();
    }

    // ---- random choices -------------------------------------------------------------------------------------

    int between(int lo, int hi) {
        return lo + r.nextInt(hi - lo + 1);
    }

    boolean chance(int percent) {
        return r.nextInt(100) < percent;
    }

    @SafeVarargs
    final <T> T pick(T... options) {
        return options[r.nextInt(options.length)];
    }

    /** Mostly one of {@code likely}; now and then any type, so refusals are compared too. */
    TensorType type(TensorType... likely) {
        return chance(85) ? pick(likely) : pick(ALL);
    }

    String activation() {
        return chance(50) ? "NONE" : pick("NONE", "RELU", "RELU6", "RELU_N1_TO_1", "TANH");
    }

    int[] shape(int minRank, int maxRank, int maxDim) {
        int[] s = new int[between(minRank, maxRank)];
        for (int i = 0; i < s.length; i++) {
            s[i] = chance(3) ? 0 : between(1, maxDim);
        }
        return s;
    }

    /** Quantization for a tensor of type t (none for float, int32, int64, bool). */
    Quantization quant(TensorType t) {
        return switch (t) {
            case INT8 -> Quantization.perTensor(scale(0.004f, 0.1f), zeroPoint(-128, 127));
            case UINT8 -> Quantization.perTensor(scale(0.004f, 0.1f), zeroPoint(0, 255));
            case INT16 -> Quantization.perTensor(scale(0.00003f, 0.0005f), chance(90) ? 0 : between(-5, 5));
            default -> null;
        };
    }

    /** A zero point, at one of the type's ends a third of the time. */
    int zeroPoint(int lo, int hi) {
        int k = r.nextInt(6);
        return k == 0 ? lo : k == 1 ? hi : between(lo, hi);
    }

    float scale(float lo, float hi) {
        double v = lo * Math.pow(hi / lo, r.nextDouble());
        return (float) Double.parseDouble(String.format("%.3g", v));
    }

    Quantization perChannel(float[] scales, int dimension) {
        List<Float> s = new ArrayList<>();
        List<Long> z = new ArrayList<>();
        for (float f : scales) {
            s.add(f);
            z.add(0L);
        }
        return new Quantization(s, z, dimension, List.of(), List.of());
    }

    byte[] randomData(TensorType t, int n) {
        if (t == TensorType.INT4) {
            byte[] packed = new byte[(n + 1) / 2];
            r.nextBytes(packed);
            return packed;
        }
        int w = Math.max(1, t.tflmByteSize());
        ByteBuffer bb = ByteBuffer.allocate(n * w).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            switch (t) {
                case FLOAT32 -> bb.putFloat(chance(2) ? 0f : (float) (r.nextDouble() * 2 - 1));
                case INT8, UINT8 -> bb.put((byte) r.nextInt(256));
                case BOOL -> bb.put((byte) r.nextInt(2));
                case INT16 -> bb.putShort((short) (chance(50) ? r.nextInt(65536) : between(-300, 300)));
                case INT32 -> bb.putInt(between(-1000, 1000));
                case INT64 -> bb.putLong(between(-1000, 1000));
                default -> bb.put(new byte[w]);
            }
        }
        return bb.array();
    }

    static int count(int[] shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    static byte[] int32s(int... v) {
        ByteBuffer bb = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int x : v) {
            bb.putInt(x);
        }
        return bb.array();
    }

    static byte[] int64s(int... v) {
        ByteBuffer bb = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int x : v) {
            bb.putLong(x);
        }
        return bb.array();
    }

    /** An int32 (or now and then int64) index constant. */
    int indexConstant(int[] shape, int... values) {
        boolean wide = chance(15);
        return constant(wide ? I64 : I32, shape, null, wide ? int64s(values) : int32s(values));
    }
}
