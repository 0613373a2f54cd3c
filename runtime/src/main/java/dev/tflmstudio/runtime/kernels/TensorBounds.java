package dev.tflmstudio.runtime.kernels;

import java.util.Set;

/**
 * Checks every registered kernel gets around its prepare, for models no converter writes (issue #13's hostile
 * models): an op with no outputs, and an elementwise op whose output holds another number of elements than its
 * input. TFLM reads {@code node->outputs->data[0]} past the list for the first and walks the input's flat size over
 * the output for the second ({@code MatchingFlatSize} is a debug-build check only): undefined, so these are refused
 * here instead of an index error inside the runtime. The second is refused at invoke, after the kernel's own
 * Prepare checks (which keep their TFLM words), since TFLM's AllocateTensors succeeds there.
 */
final class TensorBounds {
    /** Ops whose schema allows no outputs. */
    private static final Set<String> NO_OUTPUTS_ALLOWED = Set.of("ASSIGN_VARIABLE", "CALL_ONCE", "IF", "WHILE");

    /** Ops that map each input element to the output element at the same flat index. */
    private static final Set<String> ELEMENTWISE = Set.of("ABS", "CEIL", "COS", "DEQUANTIZE", "ELU", "EXP", "FLOOR",
            "GELU", "HARD_SWISH", "L2_NORMALIZATION", "LEAKY_RELU", "LOG", "LOGICAL_NOT", "LOGISTIC", "LOG_SOFTMAX",
            "NEG", "QUANTIZE", "RELU", "RELU6", "RELU_N1_TO_1", "RELU_0_TO_1", "ROUND", "RSQRT", "SIN", "SOFTMAX",
            "SQRT", "SQUARE", "TANH", "ZEROS_LIKE", "CAST");

    /**
     * Binary ops that broadcast (TFLM's {@code BroadcastBinaryFunction6DSlow} and friends walk the output shape)
     * or, for inputs of one shape, walk the flat size they share with the output.
     */
    private static final Set<String> BROADCASTING = Set.of("ADD", "SUB", "MUL", "DIV", "FLOOR_DIV", "FLOOR_MOD",
            "MAXIMUM", "MINIMUM", "SQUARED_DIFFERENCE", "PRELU", "EQUAL", "NOT_EQUAL", "LESS", "LESS_EQUAL",
            "GREATER", "GREATER_EQUAL", "LOGICAL_AND", "LOGICAL_OR");

    private TensorBounds() {
    }

    /** {@code kernel} with the checks that apply to the builtin {@code name}. */
    static Kernel around(String name, Kernel kernel) {
        boolean outputsRequired = !NO_OUTPUTS_ALLOWED.contains(name);
        boolean elementwise = ELEMENTWISE.contains(name);
        boolean broadcasting = BROADCASTING.contains(name);
        return ctx -> {
            if (outputsRequired && ctx.outputCount() == 0) {
                throw ctx.fail("the op has no outputs (NumOutputs(node) is 0)");
            }
            PreparedOp prepared = kernel.prepare(ctx);
            if (elementwise && ctx.inputCount() > 0 && ctx.input(0) != null) {
                int in = ctx.input(0).elementCount();
                int out = ctx.output(0).elementCount();
                if (in != out) {
                    return ctx.refuseAtInvoke("input has " + in + " elements, output " + out
                            + " (MatchingFlatSize(input_shape, output_shape) fails: TFLM would read or write"
                            + " outside a tensor)");
                }
            }
            if (broadcasting && ctx.inputCount() >= 2 && ctx.input(0) != null && ctx.input(1) != null) {
                String bad = broadcastProblem(ctx.input(0).dims(), ctx.input(1).dims(), ctx.output(0).dims());
                if (bad != null) {
                    return ctx.refuseAtInvoke(bad + " (TFLM would read or write outside a tensor)");
                }
            }
            return prepared;
        };
    }

    /**
     * Why inputs of shapes {@code a} and {@code b} do not fit an output of shape {@code out}, or null when they do:
     * each input must broadcast to the output (its dimensions, from the last, equal to the output's or 1, any
     * extra leading ones 1), and inputs of one shape (no broadcast: a flat loop) must have the output's size.
     */
    static String broadcastProblem(int[] a, int[] b, int[] out) {
        for (int[] in : new int[][] {a, b}) {
            for (int i = 1; i <= in.length; i++) {
                int d = in[in.length - i];
                int o = i <= out.length ? out[out.length - i] : 1;
                if (d != o && d != 1) {
                    return "input shape " + java.util.Arrays.toString(in) + " does not broadcast to the output shape "
                            + java.util.Arrays.toString(out);
                }
            }
        }
        if (java.util.Arrays.equals(a, b) && count(a) != count(out)) {
            return "inputs of shape " + java.util.Arrays.toString(a) + " and an output of shape "
                    + java.util.Arrays.toString(out) + " differ in size";
        }
        return null;
    }

    private static long count(int[] dims) {
        long n = 1;
        for (int d : dims) {
            n *= d;
        }
        return n;
    }

    /** A custom kernel: every custom op this runtime has writes an output. */
    static Kernel aroundCustom(Kernel kernel) {
        return ctx -> {
            if (ctx.outputCount() == 0) {
                throw ctx.fail("the op has no outputs (NumOutputs(node) is 0)");
            }
            return kernel.prepare(ctx);
        };
    }
}
