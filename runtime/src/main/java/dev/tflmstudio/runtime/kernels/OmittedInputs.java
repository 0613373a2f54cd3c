package dev.tflmstudio.runtime.kernels;

import dev.tflmstudio.runtime.model.Operator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What real TFLM (@ 90b983c2) does with each builtin's input list when an input is omitted (tensor index -1), the
 * list is shorter than the op takes, or longer, as {@code OmittedInputTest} (and {@code ControlFlowArityTest},
 * {@code LstmOmittedInputsTest}) established by running every variant through {@code tflm_ref}: it runs the op
 * (an omitted input is optional, an extra one ignored), refuses it in Prepare with its words (its input-count
 * check, and the {@code TF_LITE_ENSURE(context, x != nullptr)} of each input, in the order its Prepare makes them),
 * or crashes (its kernel reads the missing tensor unchecked). The registry refuses the second kind in Prepare with
 * TFLM's words; {@code GraphCheck} refuses the third before anything runs. runtime/KERNELS.md has the table in
 * words. Where the count TFLM checks depends on the called subgraphs (IF's branch inputs, WHILE), the kernel
 * checks it, in TFLM's words.
 */
public final class OmittedInputs {
    /** The answer for one operator's input list. */
    public sealed interface Verdict permits Runs, Refused, Crashes {
    }

    /** TFLM runs the op with these inputs (an omitted one is optional, an extra one ignored). */
    public record Runs() implements Verdict {
    }

    /** TFLM's Prepare refuses it with these words. */
    public record Refused(String words) implements Verdict {
    }

    /** TFLM's kernel reads missing input {@code position} without checking it: real TFLM crashes. */
    public record Crashes(int position) implements Verdict {
    }

    /** How an op's Prepare checks its input count {@code n} against the table's {@code count}. */
    private enum Arity {
        /** none: extra inputs are ignored, a missing one is found by its own null check (or crash) */
        NONE,
        /** {@code TF_LITE_ENSURE_EQ(context, NumInputs(node), count)} */
        ENSURE_EQ,
        /** {@code TF_LITE_ENSURE(context, NumInputs(node) == count)} */
        ENSURE_TRUE,
        /** {@code TF_LITE_ENSURE_EQ(context, node->inputs->size, count)} (reduce.cc, svdf_common.cc, lstm) */
        SIZE_EQ,
        /** {@code TF_LITE_ENSURE(context, node->inputs->size == count)} (call_once.cc, with count 0) */
        SIZE_TRUE,
        /** {@code TF_LITE_ENSURE(context, node->inputs->size > 0)} (if.cc) */
        SIZE_POSITIVE,
        /** {@code TF_LITE_ENSURE(context, NumInputs(node) == count - 1 || NumInputs(node) == count)} (pad, reshape) */
        ONE_LESS_OR_EQ,
        /** {@code TF_LITE_ENSURE(context, has_bias || node->inputs->size == count - 1)}, has_bias: size is count */
        BIAS_OR_ONE_LESS,
        /** {@code TF_LITE_ENSURE(context, num_inputs >= count)} (add_n.cc); variadic */
        AT_LEAST,
        /** variadic without a count check (concatenation.cc) */
        VARIADIC,
        /** pack.cc: no count check; its Eval reads input 0 and the first {@code values_count}, ignores the rest */
        VALUES_COUNT;

        /** TFLM's words when {@code n} inputs fail this check, or null when they pass. */
        String refusal(int n, int count) {
            return switch (this) {
                case NONE, VARIADIC, VALUES_COUNT -> null;
                case ENSURE_EQ -> n == count ? null : "NumInputs(node) != " + count + " (" + n + " != " + count + ")";
                case ENSURE_TRUE -> n == count ? null : "NumInputs(node) == " + count + " was not true.";
                case SIZE_EQ -> n == count ? null
                        : "node->inputs->size != " + count + " (" + n + " != " + count + ")";
                case SIZE_TRUE -> n == count ? null : "node->inputs->size == " + count + " was not true.";
                case SIZE_POSITIVE -> n > 0 ? null : "node->inputs->size > 0 was not true.";
                case ONE_LESS_OR_EQ -> n == count - 1 || n == count ? null : "NumInputs(node) == " + (count - 1)
                        + " || NumInputs(node) == " + count + " was not true.";
                case BIAS_OR_ONE_LESS -> n == count - 1 || n == count ? null
                        : "has_bias || node->inputs->size == " + (count - 1) + " was not true.";
                case AT_LEAST -> n >= count ? null : "num_inputs >= " + count + " was not true.";
            };
        }
    }

    /**
     * One op: its count check and the inputs in the order its Prepare takes them, each {@code "p:name"} (refused
     * with {@code name != nullptr was not true.}), {@code "p=words"} (other words), {@code "p!"} (crashes) or
     * {@code "p?"} (optional: TFLM runs without it) or {@code "p~"} (optional when the list ends before it, a crash
     * when it is -1 in the list), and {@code "#"} where the count check comes (first when there is none). For
     * variadic ops the last entry stands for every later input.
     */
    private record Op(Arity arity, int count, List<String> slots) {
    }

    private static final Map<String, Op> OPS = new HashMap<>();

    /** Builtins whose effect is a subgraph call or a resource variable: TFLM runs them with no outputs. */
    private static final Set<String> NO_OUTPUTS = Set.of("IF", "WHILE", "CALL_ONCE", "ASSIGN_VARIABLE");

    static {
        // the count check first, then the input's null check
        for (String op : List.of("ABS", "CAST", "COS", "DEPTH_TO_SPACE", "DEQUANTIZE", "ELU", "EXP", "HARD_SWISH",
                "L2_NORMALIZATION", "L2_POOL_2D", "LEAKY_RELU", "LOG", "LOGICAL_NOT", "LOG_SOFTMAX", "QUANTIZE",
                "RSQRT", "SIN", "SOFTMAX", "SPACE_TO_DEPTH", "SQRT", "SQUARE", "ZEROS_LIKE")) {
            op(op, Arity.ENSURE_EQ, 1, "0:input");
        }
        // the input's null check first (an empty list fails there), then the count
        for (String op : List.of("CEIL", "ROUND", "TANH")) {
            op(op, Arity.ENSURE_EQ, 1, "0:input", "#");
        }
        for (String op : List.of("AVERAGE_POOL_2D", "LOGISTIC", "MAX_POOL_2D", "RELU", "RELU6")) {
            op(op, Arity.NONE, 1, "0:input");
        }
        for (String op : List.of("SHAPE", "SQUEEZE")) {
            op(op, Arity.ENSURE_EQ, 1, "0!");
        }
        for (String op : List.of("FLOOR", "NEG", "UNPACK")) {
            op(op, Arity.NONE, 1, "0!");
        }
        for (String op : List.of("ADD", "SUB", "DIV", "EQUAL", "NOT_EQUAL", "LESS", "LESS_EQUAL", "GREATER",
                "GREATER_EQUAL")) {
            op(op, Arity.NONE, 2, "0:input1", "1:input2");
        }
        op("MUL", Arity.ENSURE_EQ, 2, "0:input1", "1:input2", "#");
        for (String op : List.of("FLOOR_DIV", "FLOOR_MOD", "SQUARED_DIFFERENCE")) {
            op(op, Arity.ENSURE_EQ, 2, "0:input1", "1:input2");
        }
        for (String op : List.of("ARG_MAX", "ARG_MIN", "LOGICAL_AND", "LOGICAL_OR", "MAXIMUM", "MINIMUM",
                "MIRROR_PAD")) {
            op(op, Arity.NONE, 2, "0!", "1!");
        }
        for (String op : List.of("MEAN", "SUM")) {
            op(op, Arity.SIZE_EQ, 2, "0!", "1!", "#");
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
        op("PACK", Arity.VALUES_COUNT, 1, "0!");
        op("BATCH_MATMUL", Arity.ENSURE_EQ, 2, "0:lhs_data", "1:rhs_data");
        // has_bias is "node->inputs->size == 3", checked after the input and the filter
        op("CONV_2D", Arity.BIAS_OR_ONE_LESS, 3, "0:input", "1:filter", "#", "2?");
        // its Eval takes the bias when NumInputs is 3 and reads an omitted one unchecked, whatever the types
        op("DEPTHWISE_CONV_2D", Arity.BIAS_OR_ONE_LESS, 3, "0:input", "1:filter", "#", "2~");
        // no count check: extra inputs are ignored
        op("FULLY_CONNECTED", Arity.NONE, 3, "0:input", "1:filter", "2?");
        op("TRANSPOSE_CONV", Arity.BIAS_OR_ONE_LESS, 4, "2:input", "1:filter", "#", "0?", "3?");
        op("DYNAMIC_UPDATE_SLICE", Arity.ENSURE_EQ, 3, "0:operand", "1:update", "2:start_indices");
        op("EMBEDDING_LOOKUP", Arity.ENSURE_EQ, 2, "0:lookup", "1:value");
        op("EXPAND_DIMS", Arity.ENSURE_EQ, 2, "0:input", "1:axis");
        op("FILL", Arity.NONE, 2, "0:dims", "1:value");
        op("GATHER", Arity.ENSURE_EQ, 2, "0:input", "1:coords");
        op("GATHER_ND", Arity.ENSURE_EQ, 2, "0:params", "1:indices");
        op("PAD", Arity.ONE_LESS_OR_EQ, 3, "0:input", "1:paddings", "2?");
        op("PADV2", Arity.ONE_LESS_OR_EQ, 3, "0:input", "1:paddings", "2?");
        op("PRELU", Arity.NONE, 2, "0:input", "1:alpha");
        op("RESHAPE", Arity.ONE_LESS_OR_EQ, 2, "0=ReshapeOutput(context, node) != kTfLiteOk (1 != 0)", "1?");
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
        // the control-flow and variable ops (ControlFlowArityTest); IF's branch inputs and WHILE's inputs the
        // kernels count against the called subgraphs, and GraphCheck refuses an omitted one once the counts match
        op("IF", Arity.SIZE_POSITIVE, 1, "0:cond");
        op("WHILE", Arity.NONE, 0);
        op("CALL_ONCE", Arity.ENSURE_TRUE, 0);
        op("VAR_HANDLE", Arity.NONE, 0);
        op("READ_VARIABLE", Arity.NONE, 1, "0!");
        op("ASSIGN_VARIABLE", Arity.ENSURE_EQ, 2, "0!", "1!");
        // the inputs first, then (after type and rank checks) the count; the bias is read unchecked when -1
        op("SVDF", Arity.SIZE_EQ, 5, "0:input", "1:weights_feature", "2:weights_time", "4:activation_state", "#",
                "3!");
    }

    private OmittedInputs() {
    }

    private static void op(String name, Arity arity, int count, String... slots) {
        OPS.put(name, new Op(arity, count, List.of(slots)));
    }

    /** True when the table has the op (a builtin it lacks needs one input in {@code GraphCheck}, none omitted). */
    public static boolean covers(String op) {
        return OPS.containsKey(op);
    }

    /**
     * Whether TFLM runs builtin {@code op} with an empty output list: IF, WHILE, CALL_ONCE, ASSIGN_VARIABLE, and an
     * UNPACK of {@code num} 0 (an axis of size 0), whose Eval copies into {@code num} outputs and so writes nothing
     * (it reads output 0's shape only for a debug-build check). Every other kernel reads output 0.
     */
    public static boolean runsWithoutOutputs(Operator op) {
        String name = op.opName();
        return NO_OUTPUTS.contains(name) || name.equals("UNPACK") && op.options().getInt("num", 0) == 0;
    }

    /** What TFLM does with {@code op}'s input list (tensor indices, -1 for omitted); null if not covered. */
    public static Verdict verdict(Operator op) {
        Op o = op.code().isCustom() ? null : OPS.get(op.opName());
        if (o == null) {
            return null;
        }
        List<Integer> inputs = op.inputs();
        int n = inputs.size();
        if (!o.slots().contains("#")) {
            String words = o.arity().refusal(n, o.count());
            if (words != null) {
                return new Refused(words);
            }
        }
        if (o.arity() == Arity.AT_LEAST || o.arity() == Arity.VARIADIC || o.arity() == Arity.VALUES_COUNT) {
            int read = o.arity() == Arity.VALUES_COUNT
                    ? Math.max(1, op.options().getInt("values_count", n)) : n;
            for (int p = 0; p < read; p++) {
                Verdict v = check(o.slots().get(Math.min(p, o.slots().size() - 1)), p, inputs);
                if (v != null) {
                    return v;
                }
            }
            return new Runs();
        }
        for (String slot : o.slots()) {
            Verdict v;
            if (slot.equals("#")) {
                String words = o.arity().refusal(n, o.count());
                v = words == null ? null : new Refused(words);
            } else {
                int digits = 0;
                while (Character.isDigit(slot.charAt(digits))) {
                    digits++;
                }
                v = check(slot, Integer.parseInt(slot.substring(0, digits)), inputs);
            }
            if (v != null) {
                return v;
            }
        }
        return new Runs();
    }

    /** What the check {@code slot} makes of input {@code p}: null when it passes. */
    private static Verdict check(String slot, int p, List<Integer> inputs) {
        if (p < inputs.size() && inputs.get(p) >= 0) {
            return null;
        }
        int digits = 0;
        while (Character.isDigit(slot.charAt(digits))) {
            digits++;
        }
        char kind = slot.charAt(digits);
        if (kind == '?' || kind == '~' && p >= inputs.size()) {
            return null;
        }
        if (kind == '!' || kind == '~') {
            return new Crashes(p);
        }
        String words = slot.substring(digits + 1);
        return new Refused(kind == ':' ? words + " != nullptr was not true." : words);
    }

    /** {@code kernel} refusing in Prepare, with TFLM's words, the input lists TFLM's Prepare refuses. */
    static Kernel around(String name, Kernel kernel) {
        if (!covers(name)) {
            return kernel;
        }
        return ctx -> {
            if (verdict(ctx.op()) instanceof Refused r) {
                throw ctx.fail(r.words());
            }
            return kernel.prepare(ctx);
        };
    }
}
