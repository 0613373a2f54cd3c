package dev.tflmstudio.runtime.kernels;

import dev.tflmstudio.runtime.model.TensorType;
import java.util.Map;
import java.util.Set;

/**
 * Checks the registry puts around every kernel's prepare, for models no converter writes (issue #13's hostile
 * models), where TFLM's result is undefined: it reads or writes outside a tensor ({@code node->outputs->data[0]}
 * past an empty list, {@code MatchingDim} and {@code MatchingFlatSize} being debug-build checks only). Refused
 * here instead of an index error inside the runtime. Before the kernel's prepare (in Prepare): no outputs, constant
 * data shorter than its shape, runtime tensors where this runtime folds constants. After it (so the kernel's own
 * checks keep their TFLM words first; refused at invoke, since TFLM's AllocateTensors succeeds there): shapes,
 * types and sizes that do not fit what the op walks. runtime/KERNELS.md lists them.
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

    /** Elementwise ops whose output has the input's type (the rest convert: CAST, QUANTIZE, int8-to-int16 SOFTMAX). */
    private static final Set<String> CONVERTING = Set.of("CAST", "QUANTIZE", "DEQUANTIZE", "SOFTMAX");

    /** Ops that move elements as bytes of the input's element size into every output. */
    private static final Set<String> DATA_MOVEMENT = Set.of("PAD", "PADV2", "MIRROR_PAD", "STRIDED_SLICE", "SLICE",
            "SPLIT", "SPLIT_V", "UNPACK", "PACK", "TRANSPOSE", "CONCATENATION", "RESHAPE", "SQUEEZE", "EXPAND_DIMS",
            "SPACE_TO_BATCH_ND", "BATCH_TO_SPACE_ND", "DEPTH_TO_SPACE", "SPACE_TO_DEPTH", "REVERSE_V2",
            "BROADCAST_TO");

    /** Ops that cut their data input (the index here) into outputs that together hold all of it. */
    private static final Map<String, Integer> SPLITTING = Map.of("SPLIT", 1, "SPLIT_V", 0, "UNPACK", 0);

    /** Ops that walk the output's batches and depth over the input's (TFLM's {@code MatchingDim} on 0 and 3). */
    private static final Set<String> SAME_BATCH_AND_DEPTH = Set.of("AVERAGE_POOL_2D", "MAX_POOL_2D", "L2_POOL_2D",
            "RESIZE_BILINEAR", "RESIZE_NEAREST_NEIGHBOR");

    /**
     * Inputs this runtime reads in prepare (filters and biases folded into per-channel data): TFLM reads them at
     * Eval, so a runtime tensor there runs in TFLM and is refused here, with words that say so.
     */
    private static final Map<String, int[]> FOLDED_INPUTS = Map.of("CONV_2D", new int[] {1, 2},
            "DEPTHWISE_CONV_2D", new int[] {1, 2}, "FULLY_CONNECTED", new int[] {1, 2},
            "TRANSPOSE_CONV", new int[] {1, 3}, "STRIDED_SLICE", new int[] {1, 2, 3});

    private TensorBounds() {
    }

    /** {@code kernel} with the checks that apply to the builtin {@code name}. */
    static Kernel around(String name, Kernel kernel) {
        boolean outputsRequired = !NO_OUTPUTS_ALLOWED.contains(name);
        boolean elementwise = ELEMENTWISE.contains(name);
        boolean broadcasting = BROADCASTING.contains(name);
        boolean sameBatchAndDepth = SAME_BATCH_AND_DEPTH.contains(name);
        int[] folded = FOLDED_INPUTS.getOrDefault(name, new int[0]);
        boolean sameType = elementwise && !CONVERTING.contains(name) || name.equals("PRELU");
        boolean dataMovement = DATA_MOVEMENT.contains(name);
        Integer splitInput = SPLITTING.get(name);
        return ctx -> {
            if (outputsRequired && ctx.outputCount() == 0) {
                throw ctx.fail("the op has no outputs (NumOutputs(node) is 0)");
            }
            for (int i = 0; i < ctx.inputCount(); i++) {
                TensorData t = ctx.input(i);
                // int4 constants are packed two to a byte (TFLM unpacks them), so their data is shorter
                if (t != null && t.isConstant() && t.type().storageBits() >= 8
                        && t.buffer().capacity() < t.byteLength()) {
                    throw ctx.fail("constant input " + i + " holds " + t.buffer().capacity() + " bytes, its shape "
                            + java.util.Arrays.toString(t.dims()) + " needs " + t.byteLength());
                }
            }
            for (int i : folded) {
                TensorData t = ctx.input(i);
                if (t != null && !t.isConstant()) {
                    throw ctx.fail("input " + i + " is not a constant tensor: this runtime reads it in Prepare"
                            + " (TFLM at Eval)");
                }
            }
            PreparedOp prepared = kernel.prepare(ctx);
            TensorData first = ctx.inputCount() > 0 ? ctx.input(0) : null;
            if (sameType && first != null && first.type() != ctx.output(0).type()) {
                return ctx.refuseAtInvoke("input type " + first.type() + " and output type " + ctx.output(0).type()
                        + " differ: TFLM would write the input's type into the output");
            }
            // SPLIT's data is its second input (the first is the axis)
            TensorData data = name.equals("SPLIT") && ctx.inputCount() > 1 ? ctx.input(1) : first;
            if (dataMovement && data != null) {
                for (int k = 0; k < ctx.outputCount(); k++) {
                    TensorType o = ctx.output(k).type();
                    if (o.tflmByteSize() != data.type().tflmByteSize()) {
                        return ctx.refuseAtInvoke("input type " + data.type() + " and output " + k + " type " + o
                                + " differ in size: TFLM would copy the input's bytes past the output");
                    }
                }
            }
            if (splitInput != null && ctx.input(splitInput) != null) {
                long total = 0;
                for (int k = 0; k < ctx.outputCount(); k++) {
                    total += ctx.output(k).elementCount();
                }
                int in = ctx.input(splitInput).elementCount();
                if (total != in) {
                    return ctx.refuseAtInvoke("the outputs hold " + total + " elements, the input " + in
                            + ": TFLM would copy past an output");
                }
            }
            if (sameBatchAndDepth && first != null && first.rank() == 4 && ctx.output(0).rank() != 4) {
                return ctx.refuseAtInvoke("output rank " + ctx.output(0).rank() + " is not 4 (TFLM reads dims 0 to 3)");
            }
            if (sameBatchAndDepth && first != null && first.rank() == 4 && ctx.output(0).rank() == 4) {
                TensorData in = first;
                TensorData out = ctx.output(0);
                for (int axis : new int[] {0, 3}) {
                    if (in.dim(axis) != out.dim(axis)) {
                        return ctx.refuseAtInvoke("MatchingDim(input_shape, " + axis + ", output_shape, " + axis
                                + ") fails (" + in.dim(axis) + " != " + out.dim(axis) + "): TFLM would read or write"
                                + " outside a tensor");
                    }
                }
            }
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
            if (name.equals("DEPTHWISE_CONV_2D") || name.equals("FULLY_CONNECTED")) {
                String bad = name.equals("FULLY_CONNECTED") ? fullyConnectedProblem(ctx) : depthwiseProblem(ctx);
                if (bad != null) {
                    return ctx.refuseAtInvoke(bad + ": TFLM would read or write outside a tensor");
                }
            }
            return prepared;
        };
    }

    /** TFLM's depthwise reference debug-checks batches, output depth = input depth x multiplier, bias size. */
    private static String depthwiseProblem(OpContext ctx) {
        TensorData in = ctx.input(0);
        TensorData filter = ctx.input(1);
        TensorData bias = ctx.input(2);
        TensorData out = ctx.output(0);
        if (in.rank() != 4 || filter.rank() != 4 || out.rank() != 4) {
            return null; // the kernel refused these
        }
        long dm = ctx.options().getInt("depth_multiplier", 1);
        if (in.dim(0) != out.dim(0)) {
            return "MatchingDim(input_shape, 0, output_shape, 0) fails (" + in.dim(0) + " != " + out.dim(0) + ")";
        }
        if (filter.dim(3) != out.dim(3) || (long) in.dim(3) * dm != out.dim(3)) {
            return "output depth " + out.dim(3) + " is not the filter's " + filter.dim(3) + " and input depth "
                    + in.dim(3) + " x depth_multiplier " + dm;
        }
        if (bias != null && bias.elementCount() < out.dim(3)) {
            return "bias of " + bias.elementCount() + " elements for output depth " + out.dim(3);
        }
        return null;
    }

    /** TFLM's fully connected reads batches x accum_depth inputs and output_depth biases and weight rows. */
    private static String fullyConnectedProblem(OpContext ctx) {
        TensorData in = ctx.input(0);
        TensorData filter = ctx.input(1);
        TensorData bias = ctx.input(2);
        TensorData out = ctx.output(0);
        if (in == null || filter == null || filter.rank() != 2 || out.rank() == 0) {
            return null;
        }
        int depth = out.dim(out.rank() - 1);
        if (depth != filter.dim(0)) {
            return "output depth " + depth + " is not the filter's " + filter.dim(0);
        }
        long batches = depth == 0 ? 0 : out.elementCount() / depth;
        if (in.elementCount() < batches * filter.dim(1)) {
            return "input of " + in.elementCount() + " elements for " + batches + " batches of " + filter.dim(1);
        }
        if (bias != null && bias.elementCount() < depth) {
            return "bias of " + bias.elementCount() + " elements for output depth " + depth;
        }
        return null;
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
