package dev.tflmstudio.runtime.kernels;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What real TFLM (@ 90b983c2) does with each builtin whose input is omitted (tensor index -1) or absent (the list
 * is shorter), as {@code OmittedInputTest} established by running every variant through {@code tflm_ref}: it runs
 * the op without it, refuses it in Prepare with its words (its {@code NumInputs} check first, then the
 * {@code TF_LITE_ENSURE(context, x != nullptr)} of each input in the order its Prepare takes them), or crashes (its
 * kernel reads the missing tensor unchecked). The registry refuses the second kind in Prepare with TFLM's words;
 * {@code GraphCheck} refuses the third before anything runs. runtime/KERNELS.md has the table in words.
 */
public final class OmittedInputs {
    /** The answer for one operator's input list. */
    public sealed interface Verdict permits Runs, Refused, Crashes {
    }

    /** TFLM runs the op with these inputs (an omitted one is optional). */
    public record Runs() implements Verdict {
    }

    /** TFLM's Prepare refuses it with these words. */
    public record Refused(String words) implements Verdict {
    }

    /** TFLM's kernel reads missing input {@code position} without checking it: real TFLM crashes. */
    public record Crashes(int position) implements Verdict {
    }

    /** How an op's Prepare checks its input count. */
    private enum Arity {
        /** none: a missing input is found by its own null check (or crash) */
        NONE,
        /** {@code TF_LITE_ENSURE_EQ(context, NumInputs(node), n)} */
        ENSURE_EQ,
        /** {@code TF_LITE_ENSURE(context, NumInputs(node) == n)} */
        ENSURE_TRUE,
        /** {@code TF_LITE_ENSURE_EQ(context, node->inputs->size, n)} (reduce.cc) */
        SIZE_EQ,
        /** {@code TF_LITE_ENSURE(context, NumInputs(node) == 2 || NumInputs(node) == 3)} (pad.cc) */
        TWO_OR_THREE,
        /** {@code TF_LITE_ENSURE(context, num_inputs >= 2)} (add_n.cc); variadic */
        AT_LEAST,
        /** variadic without a count check (concatenation.cc, pack.cc) */
        VARIADIC
    }

    /**
     * One op: its count check and the inputs in the order its Prepare takes them, each {@code "p:name"} (refused
     * with {@code name != nullptr was not true.}), {@code "p=words"} (other words), {@code "p!"} (crashes) or
     * {@code "p?"} (optional: TFLM runs without it) or {@code "p~"} (optional when the list ends before it, a crash
     * when it is -1 in the list). For variadic ops the last entry stands for every later input.
     */
    private record Op(Arity arity, int count, List<String> slots) {
    }

    private static final Map<String, Op> OPS = new HashMap<>();

    static {
        for (String op : List.of("ABS", "AVERAGE_POOL_2D", "CAST", "CEIL", "COS", "DEPTH_TO_SPACE", "DEQUANTIZE",
                "ELU", "EXP", "HARD_SWISH", "L2_NORMALIZATION", "L2_POOL_2D", "LEAKY_RELU", "LOG", "LOGICAL_NOT",
                "LOGISTIC", "LOG_SOFTMAX", "MAX_POOL_2D", "QUANTIZE", "RELU", "RELU6", "ROUND", "RSQRT", "SIN",
                "SOFTMAX", "SPACE_TO_DEPTH", "SQRT", "SQUARE", "TANH", "ZEROS_LIKE")) {
            op(op, Arity.NONE, 1, "0:input");
        }
        for (String op : List.of("FLOOR", "NEG", "SHAPE", "SQUEEZE", "UNPACK")) {
            op(op, Arity.NONE, 1, "0!");
        }
        for (String op : List.of("ADD", "SUB", "MUL", "DIV", "EQUAL", "NOT_EQUAL", "LESS", "LESS_EQUAL", "GREATER",
                "GREATER_EQUAL")) {
            op(op, Arity.NONE, 2, "0:input1", "1:input2");
        }
        for (String op : List.of("FLOOR_DIV", "FLOOR_MOD", "SQUARED_DIFFERENCE")) {
            op(op, Arity.ENSURE_EQ, 2, "0:input1", "1:input2");
        }
        for (String op : List.of("ARG_MAX", "ARG_MIN", "LOGICAL_AND", "LOGICAL_OR", "MAXIMUM", "MINIMUM", "MEAN",
                "SUM", "MIRROR_PAD")) {
            op(op, Arity.NONE, 2, "0!", "1!");
        }
        for (String op : List.of("BROADCAST_ARGS", "BROADCAST_TO")) {
            op(op, Arity.ENSURE_TRUE, 2, "0!", "1!");
        }
        for (String op : List.of("CUMSUM", "RESIZE_BILINEAR", "RESIZE_NEAREST_NEIGHBOR", "TRANSPOSE")) {
            op(op, Arity.ENSURE_EQ, 2, "0!", "1!");
        }
        for (String op : List.of("REDUCE_ALL", "REDUCE_MAX", "REDUCE_MIN")) {
            op(op, Arity.SIZE_EQ, 2, "0!", "1:axis");
        }
        for (String op : List.of("BATCH_TO_SPACE_ND", "SPACE_TO_BATCH_ND")) {
            op(op, Arity.ENSURE_EQ, 3, "0=input != nullptr && output != nullptr was not true.", "1!", "2!");
        }
        for (String op : List.of("SELECT_V2", "SLICE")) {
            op(op, Arity.ENSURE_EQ, 3, "0!", "1!", "2!");
        }
        op("ADD_N", Arity.AT_LEAST, 2, "0:input_tensor_first", "1:input");
        op("CONCATENATION", Arity.VARIADIC, 1, "0:input_tensor", "1:input");
        op("PACK", Arity.VARIADIC, 1, "0!");
        op("BATCH_MATMUL", Arity.ENSURE_EQ, 2, "0:lhs_data", "1:rhs_data");
        op("CONV_2D", Arity.NONE, 3, "0:input", "1:filter", "2?");
        // its Eval takes the bias when NumInputs is 3 and reads an omitted one unchecked, whatever the types
        op("DEPTHWISE_CONV_2D", Arity.NONE, 3, "0:input", "1:filter", "2~");
        op("FULLY_CONNECTED", Arity.NONE, 3, "0:input", "1:filter", "2?");
        op("TRANSPOSE_CONV", Arity.NONE, 4, "2:input", "1:filter", "0?", "3?");
        op("DYNAMIC_UPDATE_SLICE", Arity.ENSURE_EQ, 3, "0:operand", "1:update", "2:start_indices");
        op("EMBEDDING_LOOKUP", Arity.ENSURE_EQ, 2, "0:lookup", "1:value");
        op("EXPAND_DIMS", Arity.ENSURE_EQ, 2, "0:input", "1:axis");
        op("FILL", Arity.NONE, 2, "0:dims", "1:value");
        op("GATHER", Arity.ENSURE_EQ, 2, "0:input", "1:coords");
        op("GATHER_ND", Arity.ENSURE_EQ, 2, "0:params", "1:indices");
        op("PAD", Arity.TWO_OR_THREE, 3, "0:input", "1:paddings", "2?");
        op("PADV2", Arity.TWO_OR_THREE, 3, "0:input", "1:paddings", "2?");
        op("PRELU", Arity.NONE, 2, "0:input", "1:alpha");
        op("RESHAPE", Arity.NONE, 2, "0=ReshapeOutput(context, node) != kTfLiteOk (1 != 0)", "1?");
        op("REVERSE_V2", Arity.ENSURE_EQ, 2, "0:input", "1:axis");
        op("SPLIT", Arity.NONE, 2, "0:axis", "1!");
        op("SPLIT_V", Arity.ENSURE_EQ, 3, "0!", "1?", "2!");
        op("STRIDED_SLICE", Arity.ENSURE_EQ, 4, "0!", "1!", "2!", "3!");
        // the bias is taken after the activation state: a short list fails on the state, an omitted bias crashes
        // LstmTensors checks the input and the states, then the gate weights, then the biases (TFLM has no CIFG);
        // the input-to-cell weights and the forget gate bias it reads before any check (a crash when omitted);
        // peepholes, projection and layer norms are optional (the survey ran tflm-mnist_lstm_int8 without each)
        op("UNIDIRECTIONAL_SEQUENCE_LSTM", Arity.SIZE_EQ, 24, "2!", "13!",
                "0=internal_tensors_[kLstmInputTensor] != nullptr was not true.",
                "18=internal_tensors_[kLstmOutputStateTensor] != nullptr was not true.",
                "19=internal_tensors_[kLstmCellStateTensor] != nullptr was not true.",
                "1:internal_tensors_[i]", "3:internal_tensors_[i]", "4:internal_tensors_[i]",
                "5:internal_tensors_[i]", "6:internal_tensors_[i]", "7:internal_tensors_[i]",
                "8:internal_tensors_[i]", "12:internal_tensors_[i]", "14:internal_tensors_[i]",
                "15:internal_tensors_[i]", "9?", "10?", "11?", "16?", "17?", "20?", "21?", "22?", "23?");
        op("SVDF", Arity.NONE, 5, "0:input", "1:weights_feature", "2:weights_time", "4:activation_state", "3!");
    }

    private OmittedInputs() {
    }

    private static void op(String name, Arity arity, int count, String... slots) {
        OPS.put(name, new Op(arity, count, List.of(slots)));
    }

    /** True when the table has the op (the others keep {@code GraphCheck}'s own minimum counts). */
    public static boolean covers(String op) {
        return OPS.containsKey(op);
    }

    /** What TFLM does with {@code op} given these input tensor indices (-1 for omitted); null if not covered. */
    public static Verdict verdict(String op, List<Integer> inputs) {
        Op o = OPS.get(op);
        if (o == null) {
            return null;
        }
        int n = inputs.size();
        String arity = switch (o.arity()) {
            case ENSURE_EQ -> n == o.count() ? null : "NumInputs(node) != " + o.count() + " (" + n + " != " + o.count() + ")";
            case ENSURE_TRUE -> n == o.count() ? null : "NumInputs(node) == " + o.count() + " was not true.";
            case SIZE_EQ -> n == o.count() ? null : "node->inputs->size != " + o.count() + " (" + n + " != " + o.count() + ")";
            case TWO_OR_THREE -> n == 2 || n == 3 ? null : "NumInputs(node) == 2 || NumInputs(node) == 3 was not true.";
            case AT_LEAST -> n >= o.count() ? null : "num_inputs >= " + o.count() + " was not true.";
            case NONE, VARIADIC -> null;
        };
        if (arity != null) {
            return new Refused(arity);
        }
        boolean variadic = o.arity() == Arity.AT_LEAST || o.arity() == Arity.VARIADIC;
        int positions = variadic ? n : o.count();
        for (int k = 0; k < (variadic ? positions : o.slots().size()); k++) {
            String slot = o.slots().get(Math.min(k, o.slots().size() - 1));
            int digits = 0;
            while (Character.isDigit(slot.charAt(digits))) {
                digits++;
            }
            int p = variadic ? k : Integer.parseInt(slot.substring(0, digits));
            if (p < n && inputs.get(p) >= 0) {
                continue;
            }
            char kind = slot.charAt(digits);
            if (kind == '?' || kind == '~' && p >= n) {
                continue;
            }
            if (kind == '!' || kind == '~') {
                return new Crashes(p);
            }
            String words = slot.substring(digits + 1);
            return new Refused(kind == ':' ? words + " != nullptr was not true." : words);
        }
        return new Runs();
    }

    /** {@code kernel} refusing in Prepare, with TFLM's words, the input lists TFLM's Prepare refuses. */
    static Kernel around(String name, Kernel kernel) {
        if (!covers(name)) {
            return kernel;
        }
        return ctx -> {
            if (verdict(name, ctx.op().inputs()) instanceof Refused r) {
                throw ctx.fail(r.words());
            }
            return kernel.prepare(ctx);
        };
    }
}
