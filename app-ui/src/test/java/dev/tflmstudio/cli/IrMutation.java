package dev.tflmstudio.cli;

import dev.tflmstudio.runtime.model.Quantization;
import dev.tflmstudio.runtime.model.TensorType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The IR-level mutation families: each edits one op or tensor of a {@link FuzzModel} into what a converter would
 * never write but a hostile or broken file can hold, and says what it did. Families marked {@code graphLevel} make
 * problems of the whole graph (which tensors exist, who writes them, which subgraphs call which), checked before any
 * kernel sees the model; the rest make problems a kernel's Prepare must refuse.
 */
enum IrMutation {
    /** One dimension of an op's tensor changed (0, 1, off by one, doubled), or the rank changed. */
    SHAPE(false),
    /** An op's tensor given another element type. */
    TYPE(false),
    /** Scales 0, NaN, negative, infinite, tiny or huge; zero points out of range; per-channel counts off. */
    QUANT(false),
    /** An op input wired to another tensor of the subgraph (often a constant of another shape or type). */
    INPUT_REWIRE(false),
    /** An op input omitted (-1), required or not. */
    INPUT_OMIT(false),
    /** An input or output dropped, or one more added. */
    ARITY(false),
    /** A builtin option set to 0, -1, a large value, another enum value or NaN; or the options removed. */
    OPTIONS(false),
    /** The op replaced by another builtin on the same tensors. */
    OPCODE(false),
    /** A constant's bytes cut short or made longer than its shape. */
    CONST_DATA(false),
    /** An op's output wired onto a constant (TFLM writes into the flatbuffer's data). */
    OUTPUT_ON_CONSTANT(true),
    /** An op's output wired onto a tensor another op writes, or onto a model input. */
    TWO_WRITERS(true),
    /** A tensor index past the subgraph's tensors (op inputs/outputs, subgraph inputs/outputs). */
    INDEX_RANGE(true),
    /** A dimension large enough that byte sizes overflow 32 bits or allocations exhaust memory. */
    HUGE_SHAPE(true),
    /** A control-flow op's subgraph index changed (cycles, itself, out of range). */
    SUBGRAPH_INDEX(true);

    private static final TensorType[] TYPES = {TensorType.FLOAT32, TensorType.INT8, TensorType.INT16,
            TensorType.INT32, TensorType.INT64, TensorType.BOOL, TensorType.UINT8, TensorType.INT4,
            TensorType.FLOAT16, TensorType.STRING, TensorType.COMPLEX64};
    private static final String[] OPS = {"ADD", "SUB", "MUL", "DIV", "CONV_2D", "DEPTHWISE_CONV_2D",
            "FULLY_CONNECTED", "AVERAGE_POOL_2D", "MAX_POOL_2D", "SOFTMAX", "RESHAPE", "CONCATENATION", "PAD",
            "PADV2", "MEAN", "SUM", "QUANTIZE", "DEQUANTIZE", "TRANSPOSE_CONV", "STRIDED_SLICE", "SLICE", "GATHER",
            "GATHER_ND", "TRANSPOSE", "SPLIT", "SPLIT_V", "PACK", "UNPACK", "LEAKY_RELU", "RELU", "LOGISTIC", "TANH",
            "BATCH_MATMUL", "SVDF", "UNIDIRECTIONAL_SEQUENCE_LSTM", "ARG_MAX", "CUMSUM", "SELECT_V2", "L2_NORMALIZATION",
            "RESIZE_BILINEAR", "RESIZE_NEAREST_NEIGHBOR", "MIRROR_PAD", "SPACE_TO_BATCH_ND", "BATCH_TO_SPACE_ND",
            "DEPTH_TO_SPACE", "SPACE_TO_DEPTH", "EXPAND_DIMS", "SQUEEZE", "FILL", "BROADCAST_TO", "EMBEDDING_LOOKUP",
            "PRELU", "HARD_SWISH", "SQUARED_DIFFERENCE", "MAXIMUM", "EQUAL", "LOG_SOFTMAX", "ELU", "ADD_N", "CAST",
            "REDUCE_MAX", "DYNAMIC_UPDATE_SLICE", "SHAPE", "ZEROS_LIKE", "ABS", "RSQRT", "EXP", "FLOOR_DIV",
            "REVERSE_V2", "L2_POOL_2D", "GELU", "SELECT", "CONCATENATION", "TILE", "WHILE", "IF", "CALL_ONCE",
            "VAR_HANDLE", "READ_VARIABLE", "ASSIGN_VARIABLE"};
    private static final float[] SCALES = {0f, Float.NaN, -1f, Float.POSITIVE_INFINITY, 1e-30f, 1e30f, -0f,
            Float.MIN_VALUE};
    private static final long[] ZERO_POINTS = {300, -200, 128, -129, 65536, Long.MIN_VALUE, 1L << 40};
    private static final long[] INTS = {0, -1, 2, 3, 7, -7, 1 << 20, Integer.MAX_VALUE, Integer.MIN_VALUE};

    final boolean graphLevel;

    IrMutation(boolean graphLevel) {
        this.graphLevel = graphLevel;
    }

    /**
     * Applies this family once to a random op of a random subgraph of {@code m} and says what it did, or returns
     * null when the model has nothing this family can edit.
     */
    String apply(FuzzModel m, Random r) {
        FuzzModel.G g = m.subgraphs.get(r.nextInt(m.subgraphs.size()));
        if (g.ops.isEmpty() || g.tensors.isEmpty()) {
            return null;
        }
        int opIndex = r.nextInt(g.ops.size());
        FuzzModel.Op op = g.ops.get(opIndex);
        String where = "subgraph " + m.subgraphs.indexOf(g) + " op " + opIndex + " " + opName(op);
        return switch (this) {
            case SHAPE -> shape(g, op, r, where);
            case TYPE -> {
                FuzzModel.T t = someTensor(g, op, r);
                if (t == null) {
                    yield null;
                }
                TensorType old = t.type;
                t.type = TYPES[r.nextInt(TYPES.length)];
                yield where + ": tensor '" + t.name + "' " + old + " -> " + t.type;
            }
            case QUANT -> quant(g, op, r, where);
            case INPUT_REWIRE -> {
                if (op.in.isEmpty()) {
                    yield null;
                }
                int i = r.nextInt(op.in.size());
                int to = r.nextInt(g.tensors.size());
                op.in.set(i, to);
                yield where + ": input " + i + " -> tensor " + to;
            }
            case INPUT_OMIT -> {
                if (op.in.isEmpty()) {
                    yield null;
                }
                int i = r.nextInt(op.in.size());
                op.in.set(i, -1);
                yield where + ": input " + i + " -> -1";
            }
            case ARITY -> arity(g, op, r, where);
            case OPTIONS -> options(op, r, where);
            case OPCODE -> {
                String old = opName(op);
                op.builtin = OPS[r.nextInt(OPS.length)];
                op.custom = null;
                if (r.nextBoolean()) {
                    op.optionsTable = null;
                    op.options.clear();
                }
                yield where + ": " + old + " -> " + op.builtin + (op.optionsTable == null ? " (no options)" : "");
            }
            case CONST_DATA -> {
                List<FuzzModel.T> constants = g.tensors.stream().filter(t -> t.data != null).toList();
                if (constants.isEmpty()) {
                    yield null;
                }
                FuzzModel.T t = constants.get(r.nextInt(constants.size()));
                int len = r.nextBoolean() ? r.nextInt(t.data.length + 1) : t.data.length + 1 + r.nextInt(16);
                t.data = java.util.Arrays.copyOf(t.data, len);
                yield "constant '" + t.name + "' data -> " + len + " bytes";
            }
            case OUTPUT_ON_CONSTANT -> {
                List<Integer> constants = indices(g, t -> t.data != null);
                if (op.out.isEmpty() || constants.isEmpty()) {
                    yield null;
                }
                int to = constants.get(r.nextInt(constants.size()));
                op.out.set(0, to);
                yield where + ": output 0 -> constant tensor " + to;
            }
            case TWO_WRITERS -> {
                List<Integer> written = new ArrayList<>(g.inputs);
                g.ops.stream().filter(o -> o != op).forEach(o -> written.addAll(o.out));
                if (op.out.isEmpty() || written.isEmpty()) {
                    yield null;
                }
                int to = written.get(r.nextInt(written.size()));
                op.out.set(r.nextInt(op.out.size()), to);
                yield where + ": an output -> tensor " + to + ", written elsewhere";
            }
            case INDEX_RANGE -> {
                int bad = r.nextBoolean() ? g.tensors.size() + r.nextInt(4) : -2 - r.nextInt(1000);
                List<Integer> list = switch (r.nextInt(4)) {
                    case 0 -> op.in;
                    case 1 -> op.out;
                    case 2 -> g.inputs;
                    default -> g.outputs;
                };
                if (list.isEmpty()) {
                    list.add(bad);
                } else {
                    list.set(r.nextInt(list.size()), bad);
                }
                yield where + ": a tensor index -> " + bad;
            }
            case HUGE_SHAPE -> {
                FuzzModel.T t = someTensor(g, op, r);
                if (t == null || t.shape.length == 0) {
                    yield null;
                }
                int axis = r.nextInt(t.shape.length);
                t.shape[axis] = r.nextBoolean() ? Integer.MAX_VALUE : 1 << (20 + r.nextInt(11));
                yield where + ": tensor '" + t.name + "' dim " + axis + " -> " + t.shape[axis];
            }
            case SUBGRAPH_INDEX -> subgraphIndex(m, op, r, where);
        };
    }

    private static String opName(FuzzModel.Op op) {
        return op.custom != null ? op.custom : op.builtin;
    }

    /** An input or output tensor of the op (not -1), or null. */
    private static FuzzModel.T someTensor(FuzzModel.G g, FuzzModel.Op op, Random r) {
        List<Integer> all = new ArrayList<>(op.in);
        all.addAll(op.out);
        all.removeIf(i -> i < 0 || i >= g.tensors.size());
        return all.isEmpty() ? null : g.tensors.get(all.get(r.nextInt(all.size())));
    }

    private static List<Integer> indices(FuzzModel.G g, java.util.function.Predicate<FuzzModel.T> which) {
        List<Integer> l = new ArrayList<>();
        for (int i = 0; i < g.tensors.size(); i++) {
            if (which.test(g.tensors.get(i))) {
                l.add(i);
            }
        }
        return l;
    }

    private static String shape(FuzzModel.G g, FuzzModel.Op op, Random r, String where) {
        FuzzModel.T t = someTensor(g, op, r);
        if (t == null) {
            return null;
        }
        int[] old = t.shape.clone();
        int kind = r.nextInt(4);
        if (kind == 0 || t.shape.length == 0) {
            // One more dimension (of 1 or 2), or one fewer.
            if (t.shape.length > 0 && r.nextBoolean()) {
                t.shape = java.util.Arrays.copyOf(t.shape, t.shape.length - 1);
            } else {
                int[] s = java.util.Arrays.copyOf(t.shape, t.shape.length + 1);
                s[s.length - 1] = 1 + r.nextInt(2);
                t.shape = s;
            }
        } else {
            int axis = r.nextInt(t.shape.length);
            int d = t.shape[axis];
            t.shape[axis] = switch (r.nextInt(6)) {
                case 0 -> 0;
                case 1 -> 1;
                case 2 -> d + 1;
                case 3 -> Math.max(0, d - 1);
                case 4 -> d * 2;
                default -> -1 - r.nextInt(3);
            };
        }
        return where + ": tensor '" + t.name + "' shape " + java.util.Arrays.toString(old) + " -> "
                + java.util.Arrays.toString(t.shape);
    }

    private static String quant(FuzzModel.G g, FuzzModel.Op op, Random r, String where) {
        FuzzModel.T t = someTensor(g, op, r);
        if (t == null) {
            return null;
        }
        Quantization q = t.q != null ? t.q : Quantization.perTensor(0.5f, 0);
        List<Float> scales = new ArrayList<>(q.scales());
        List<Long> zps = new ArrayList<>(q.zeroPoints());
        int dim = q.quantizedDimension();
        String what;
        switch (r.nextInt(6)) {
            case 0, 1 -> {
                float s = SCALES[r.nextInt(SCALES.length)];
                if (scales.isEmpty()) {
                    scales.add(s);
                    zps.add(0L);
                } else {
                    scales.set(r.nextInt(scales.size()), s);
                }
                what = "a scale -> " + s;
            }
            case 2 -> {
                long z = ZERO_POINTS[r.nextInt(ZERO_POINTS.length)];
                if (zps.isEmpty()) {
                    zps.add(z);
                    scales.add(0.5f);
                } else {
                    zps.set(r.nextInt(zps.size()), z);
                }
                what = "a zero point -> " + z;
            }
            case 3 -> {
                int n = r.nextInt(5);
                while (scales.size() > n) {
                    scales.remove(scales.size() - 1);
                }
                while (scales.size() < n) {
                    scales.add(0.25f);
                }
                if (r.nextBoolean()) {
                    while (zps.size() > n) {
                        zps.remove(zps.size() - 1);
                    }
                    while (zps.size() < n) {
                        zps.add(0L);
                    }
                }
                what = scales.size() + " scales, " + zps.size() + " zero points";
            }
            case 4 -> {
                dim = r.nextBoolean() ? t.shape.length + r.nextInt(3) : -1;
                what = "quantized dimension -> " + dim;
            }
            default -> {
                t.q = null;
                return where + ": tensor '" + t.name + "' quantization removed";
            }
        }
        t.q = new Quantization(scales, zps, dim, q.min(), q.max());
        return where + ": tensor '" + t.name + "' " + what;
    }

    private static String arity(FuzzModel.G g, FuzzModel.Op op, Random r, String where) {
        boolean inputs = r.nextBoolean();
        List<Integer> list = inputs ? op.in : op.out;
        String side = inputs ? "inputs" : "outputs";
        switch (r.nextInt(3)) {
            case 0 -> {
                if (list.isEmpty()) {
                    return null;
                }
                list.remove(list.size() - 1);
                return where + ": last of the " + side + " dropped";
            }
            case 1 -> {
                list.clear();
                return where + ": no " + side;
            }
            default -> {
                int extra = r.nextInt(g.tensors.size());
                list.add(extra);
                return where + ": tensor " + extra + " added to the " + side;
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static String options(FuzzModel.Op op, Random r, String where) {
        if (op.options.isEmpty() || r.nextInt(8) == 0) {
            boolean had = op.optionsTable != null;
            op.optionsTable = null;
            op.options.clear();
            return had ? where + ": options removed" : null;
        }
        List<String> keys = new ArrayList<>(op.options.keySet());
        String key = keys.get(r.nextInt(keys.size()));
        Object v = op.options.get(key);
        Object nv;
        if (v instanceof Boolean b) {
            nv = !b;
        } else if (v instanceof Float || v instanceof Double) {
            nv = new float[] {0f, -1f, Float.NaN, Float.POSITIVE_INFINITY, 1e30f, 1e-30f}[r.nextInt(6)];
        } else if (v instanceof Number) {
            nv = INTS[r.nextInt(INTS.length)];
        } else if (v instanceof String) {
            // An enum: another name of it is unknown here, so a number (in range or not) the writer stores as is.
            nv = (long) r.nextInt(8) - 1;
        } else if (v instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof Number) {
            List<Object> c = new ArrayList<>(l);
            if (r.nextBoolean()) {
                c.set(r.nextInt(c.size()), INTS[r.nextInt(INTS.length)]);
            } else {
                c.remove(c.size() - 1);
            }
            nv = c;
        } else {
            return null;
        }
        op.options.put(key, nv);
        return where + ": option " + key + " " + v + " -> " + nv;
    }

    private static String subgraphIndex(FuzzModel m, FuzzModel.Op op, Random r, String where) {
        List<String> keys = op.options.keySet().stream().filter(k -> k.endsWith("subgraph_index")).toList();
        if (keys.isEmpty()) {
            return null;
        }
        String key = keys.get(r.nextInt(keys.size()));
        int to = r.nextInt(4) == 0 ? m.subgraphs.size() + r.nextInt(3) : r.nextInt(m.subgraphs.size());
        ((Map<String, Object>) op.options).put(key, to);
        return where + ": option " + key + " -> " + to;
    }
}
