package dev.tflmstudio.runtime.kernels;

import dev.tflmstudio.runtime.model.TensorType;
import java.util.Map;
import java.util.Set;

/**
 * Checks the registry puts around every kernel's prepare, for models no converter writes (issue #13's hostile
 * models), where TFLM's result is undefined: it reads or writes outside a tensor ({@code node->outputs->data[0]}
 * past an empty list, {@code MatchingDim} and {@code MatchingFlatSize} being debug-build checks only). Refused
 * here instead of an index error inside the runtime. Before the kernel's prepare (in Prepare): no outputs, constant
 * data shorter than its shape. After it (so the kernel's own checks keep their TFLM words first; refused at
 * invoke, since TFLM's AllocateTensors succeeds there): shapes, types and sizes that do not fit what the op walks.
 * runtime/KERNELS.md lists them.
 */
final class TensorBounds {
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

    /**
     * Ops whose output has the type of one input (the index here), besides the elementwise ones: arithmetic,
     * reductions, SELECT_V2's x.
     */
    private static final Map<String, Integer> SAME_TYPE_AS_INPUT = Map.ofEntries(Map.entry("PRELU", 0),
            Map.entry("ADD", 0), Map.entry("SUB", 0), Map.entry("MUL", 0), Map.entry("DIV", 0),
            Map.entry("FLOOR_DIV", 0), Map.entry("FLOOR_MOD", 0), Map.entry("MAXIMUM", 0), Map.entry("MINIMUM", 0),
            Map.entry("SQUARED_DIFFERENCE", 0), Map.entry("MEAN", 0), Map.entry("SUM", 0),
            Map.entry("REDUCE_MAX", 0), Map.entry("REDUCE_MIN", 0), Map.entry("REDUCE_PROD", 0),
            Map.entry("SELECT_V2", 1));

    /** Ops that move elements as bytes of the input's element size into every output. */
    private static final Set<String> DATA_MOVEMENT = Set.of("PAD", "PADV2", "MIRROR_PAD", "STRIDED_SLICE", "SLICE",
            "SPLIT", "SPLIT_V", "UNPACK", "PACK", "TRANSPOSE", "CONCATENATION", "RESHAPE", "SQUEEZE", "EXPAND_DIMS",
            "SPACE_TO_BATCH_ND", "BATCH_TO_SPACE_ND", "DEPTH_TO_SPACE", "SPACE_TO_DEPTH", "REVERSE_V2",
            "BROADCAST_TO");

    /** Ops that cut their data input (the index here) into outputs that together hold all of it. */
    private static final Map<String, Integer> SPLITTING = Map.of("SPLIT", 1, "SPLIT_V", 0, "UNPACK", 0);

    /** Ops that join all their inputs into the output. */
    private static final Set<String> JOINING = Set.of("CONCATENATION", "PACK");

    /** Reductions over a constant axis operand (input 1). */
    private static final Set<String> REDUCING = Set.of("MEAN", "SUM", "REDUCE_MAX", "REDUCE_MIN", "REDUCE_PROD");

    /** Ops that write a 4-D output (TFLM indexes its dims 0 to 3). */
    private static final Set<String> FOUR_D_OUTPUT = Set.of("DEPTH_TO_SPACE", "SPACE_TO_DEPTH", "AVERAGE_POOL_2D",
            "MAX_POOL_2D", "L2_POOL_2D", "RESIZE_BILINEAR", "RESIZE_NEAREST_NEIGHBOR");

    /** Ops that walk the output's batches and depth over the input's (TFLM's {@code MatchingDim} on 0 and 3). */
    private static final Set<String> SAME_BATCH_AND_DEPTH = Set.of("AVERAGE_POOL_2D", "MAX_POOL_2D", "L2_POOL_2D",
            "RESIZE_BILINEAR", "RESIZE_NEAREST_NEIGHBOR");

    private TensorBounds() {
    }

    /** {@code kernel} with the checks that apply to the builtin {@code name}. */
    static Kernel around(String name, Kernel kernel) {
        boolean elementwise = ELEMENTWISE.contains(name);
        boolean broadcasting = BROADCASTING.contains(name);
        boolean sameBatchAndDepth = SAME_BATCH_AND_DEPTH.contains(name);
        Integer sameTypeInput = elementwise && !CONVERTING.contains(name) ? Integer.valueOf(0)
                : SAME_TYPE_AS_INPUT.get(name);
        boolean dataMovement = DATA_MOVEMENT.contains(name);
        Integer splitInput = SPLITTING.get(name);
        return ctx -> {
            if (ctx.outputCount() == 0 && !OmittedInputs.runsWithoutOutputs(ctx.op())) {
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
            if (name.equals("CONV_2D") && int16WithOtherBias(ctx)) {
                // TFLM's Eval words; its Prepare passes, but the kernel here would read this bias as int64 in
                // prepare, past its end for a narrower type
                return ctx.refuseAtInvoke("Bias type " + OpContext.typeAndCode(ctx.input(2).type())
                        + " not supported.");
            }
            if (FOUR_D_OUTPUT.contains(name) && ctx.output(0).rank() != 4) {
                throw ctx.fail("output rank " + ctx.output(0).rank() + " is not 4");
            }
            if (name.equals("FULLY_CONNECTED") || name.equals("CONV_2D") || name.equals("DEPTHWISE_CONV_2D")
                    || name.equals("TRANSPOSE_CONV")) {
                // before the kernel's prepare, which sizes its per-channel data by the output depth
                String bad = name.equals("FULLY_CONNECTED") ? fullyConnectedProblem(ctx) : convProblem(ctx, name);
                if (bad != null) {
                    return ctx.refuseAtInvoke(bad + ": TFLM would read or write outside a tensor");
                }
            }
            PreparedOp prepared = kernel.prepare(ctx);
            TensorData first = ctx.inputCount() > 0 ? ctx.input(0) : null;
            TensorData typed = sameTypeInput == null ? null : ctx.input(sameTypeInput);
            if (typed != null && typed.type() != ctx.output(0).type()) {
                return ctx.refuseAtInvoke("input type " + typed.type() + " and output type " + ctx.output(0).type()
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
            if (JOINING.contains(name)) {
                // PACK joins its first values_count inputs and ignores the rest, as TFLM's Eval does
                int joined = name.equals("PACK")
                        ? Math.min(ctx.inputCount(), ctx.options().getInt("values_count", ctx.inputCount()))
                        : ctx.inputCount();
                long total = 0;
                for (int i = 0; i < joined; i++) {
                    total += ctx.input(i) == null ? 0 : ctx.input(i).elementCount();
                }
                if (total != ctx.output(0).elementCount()) {
                    return ctx.refuseAtInvoke("the inputs hold " + total + " elements, the output "
                            + ctx.output(0).elementCount() + ": TFLM would copy past a tensor");
                }
            }
            if ((name.equals("SPACE_TO_BATCH_ND") || name.equals("BATCH_TO_SPACE_ND")) && first != null
                    && first.rank() > 0 && first.rank() == ctx.output(0).rank()) {
                int depth = first.dim(first.rank() - 1);
                int outDepth = ctx.output(0).dim(first.rank() - 1);
                if (depth != outDepth) {
                    return ctx.refuseAtInvoke("input depth " + depth + " and output depth " + outDepth
                            + " differ: TFLM would copy past the output");
                }
            }
            if (REDUCING.contains(name)) {
                String bad = reduceProblem(ctx);
                if (bad != null) {
                    return ctx.refuseAtInvoke(bad + ": TFLM would write past the output");
                }
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
            return prepared;
        };
    }

    /** An int16 convolution with a bias neither int32 nor int64 (TFLM's int16 Eval takes only those). */
    private static boolean int16WithOtherBias(OpContext ctx) {
        TensorData in = ctx.input(0);
        TensorData bias = ctx.input(2);
        return in != null && in.type() == TensorType.INT16 && bias != null && bias.type() != TensorType.INT32
                && bias.type() != TensorType.INT64;
    }

    /** A reduction over a constant int32 axis whose output does not hold the reduced input's elements. */
    private static String reduceProblem(OpContext ctx) {
        TensorData in = ctx.input(0);
        TensorData axis = ctx.inputCount() > 1 ? ctx.input(1) : null;
        if (in == null || axis == null || !axis.isConstant() || axis.type() != TensorType.INT32) {
            return null;
        }
        boolean[] reduced = new boolean[in.rank()];
        for (int i = 0; i < axis.elementCount(); i++) {
            int a = axis.getInt32(i);
            a = a < 0 ? a + in.rank() : a;
            if (a < 0 || a >= in.rank()) {
                return null; // the kernel's own refusal
            }
            reduced[a] = true;
        }
        long kept = 1;
        for (int d = 0; d < in.rank(); d++) {
            kept *= reduced[d] ? 1 : in.dim(d);
        }
        int out = ctx.output(0).elementCount();
        return kept == out ? null : "the input " + in.shape() + " reduced keeps " + kept + " elements, the output "
                + "holds " + out;
    }

    /** CONV_2D and DEPTHWISE_CONV_2D: TFLM debug-checks batches, output depth against the filter, bias size. */
    private static String convProblem(OpContext ctx, String name) {
        if (name.equals("TRANSPOSE_CONV")) {
            return transposeConvProblem(ctx);
        }
        TensorData in = ctx.input(0);
        TensorData filter = ctx.input(1);
        TensorData bias = ctx.input(2);
        TensorData out = ctx.output(0);
        if (in == null || filter == null || in.rank() != 4 || filter.rank() != 4 || out.rank() != 4) {
            return null; // the kernel refuses these
        }
        if (name.equals("DEPTHWISE_CONV_2D")) {
            return depthwiseProblem(ctx);
        }
        if (in.dim(0) != out.dim(0)) {
            return "MatchingDim(input_shape, 0, output_shape, 0) fails (" + in.dim(0) + " != " + out.dim(0) + ")";
        }
        if (filter.dim(0) != out.dim(3)) {
            return "MatchingDim(filter_shape, 0, output_shape, 3) fails (" + filter.dim(0) + " != " + out.dim(3)
                    + ")";
        }
        if (bias != null && bias.elementCount() < out.dim(3)) {
            return "bias of " + bias.elementCount() + " elements for output depth " + out.dim(3);
        }
        return null;
    }

    /** TRANSPOSE_CONV (input 2 the data, 1 the filter, 3 the bias): input depth and output depth per filter. */
    private static String transposeConvProblem(OpContext ctx) {
        TensorData in = ctx.input(2);
        TensorData filter = ctx.input(1);
        TensorData out = ctx.output(0);
        if (in == null || filter == null || in.rank() != 4 || filter.rank() != 4 || out.rank() != 4) {
            return null; // the kernel refuses these
        }
        if (in.dim(0) != out.dim(0) || in.dim(3) != filter.dim(3) || filter.dim(0) != out.dim(3)) {
            return "input " + in.shape() + ", filter " + filter.shape() + " and output " + out.shape()
                    + " do not match in batches and depths";
        }
        TensorData bias = ctx.inputCount() > 3 ? ctx.input(3) : null;
        if (bias != null && bias.elementCount() < out.dim(3)) {
            return "bias of " + bias.elementCount() + " elements for output depth " + out.dim(3);
        }
        return null;
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
        if (in == null || filter == null || out.rank() == 0) {
            return null;
        }
        if (filter.rank() < 2) {
            return "filter of rank " + filter.rank() + " (TFLM reads its last two dimensions)";
        }
        int rows = filter.dim(filter.rank() - 2);
        int accum = filter.dim(filter.rank() - 1);
        int depth = out.dim(out.rank() - 1);
        if (depth != rows) {
            return "output depth " + depth + " is not the filter's " + rows;
        }
        long batches = depth == 0 ? 0 : out.elementCount() / depth;
        if (in.elementCount() < batches * accum) {
            return "input of " + in.elementCount() + " elements for " + batches + " batches of " + accum;
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
