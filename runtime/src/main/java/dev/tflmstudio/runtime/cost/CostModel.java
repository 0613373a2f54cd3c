package dev.tflmstudio.runtime.cost;

import dev.tflmstudio.runtime.check.GraphCheck;
import dev.tflmstudio.runtime.kernels.OmittedInputs;
import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.model.Operator;
import dev.tflmstudio.runtime.model.Shape;
import dev.tflmstudio.runtime.model.Subgraph;
import dev.tflmstudio.runtime.model.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntToLongFunction;

/**
 * Counts what every op of a model's main graph costs: MACs or other operations, weight bytes, activation bytes read
 * and written, and scratch bytes. Counting conventions (what {@link CostKind} documents):
 * <ul>
 *   <li>convolutions count every kernel tap of every output element, padding included, as commonly reported
 *       (the reference kernel skips taps outside the image, so it does slightly less work at the borders);</li>
 *   <li>transpose convolution counts every input element times the whole filter slice it scatters into;</li>
 *   <li>activations read are counted once per input use; constants are counted at their size in the file.</li>
 * </ul>
 */
public final class CostModel {

    private static final Set<String> REDUCTIONS = Set.of("MEAN", "SUM", "REDUCE_MAX", "REDUCE_MIN", "REDUCE_PROD",
            "REDUCE_ALL", "REDUCE_ANY", "ARG_MAX", "ARG_MIN", "SOFTMAX", "LOG_SOFTMAX", "L2_NORMALIZATION", "CUMSUM");
    private static final Set<String> WINDOWS = Set.of("AVERAGE_POOL_2D", "MAX_POOL_2D", "L2_POOL_2D");
    private static final Set<String> DATA_MOVEMENT = Set.of("RESHAPE", "SQUEEZE", "EXPAND_DIMS", "CONCATENATION",
            "PAD", "PADV2", "MIRROR_PAD", "STRIDED_SLICE", "SLICE", "SPLIT", "SPLIT_V", "PACK", "UNPACK", "TRANSPOSE",
            "GATHER", "GATHER_ND", "DEPTH_TO_SPACE", "SPACE_TO_DEPTH", "BATCH_TO_SPACE_ND", "SPACE_TO_BATCH_ND",
            "BROADCAST_TO", "BROADCAST_ARGS", "FILL", "ZEROS_LIKE", "SHAPE", "EMBEDDING_LOOKUP",
            "RESIZE_NEAREST_NEIGHBOR", "TILE", "REVERSE_V2", "DYNAMIC_UPDATE_SLICE", "READ_VARIABLE",
            "ASSIGN_VARIABLE", "VAR_HANDLE", "CALL_ONCE", "IF", "WHILE");

    private CostModel() {
    }

    /** Costs of every op of the main graph, with scratch bytes from TFLM's reference-kernel requests. */
    public static ModelCost of(Model model) {
        return of(model, ScratchBytes.forModel(model));
    }

    /** Costs of every op of the main graph; {@code scratchBytes} gives each op's scratch request total. */
    public static ModelCost of(Model model, IntToLongFunction scratchBytes) {
        GraphCheck.verify(model);
        Subgraph g = model.main();
        List<OpCost> ops = new ArrayList<>(g.operators().size());
        for (Operator op : g.operators()) {
            ops.add(cost(g, op, scratchBytes.applyAsLong(op.index())));
        }
        return ModelCost.of(model.source(), ops);
    }

    /** The cost of one op of subgraph {@code g}. */
    public static OpCost cost(Subgraph g, Operator op, long scratchBytes) {
        String name = op.opName();
        long outElements = outputElements(g, op);
        CostKind kind;
        long macs = 0;
        long other = 0;
        if (op.code().isCustom()) {
            kind = CostKind.CUSTOM;
            other = outElements;
        } else if (isMacOp(name)) {
            kind = CostKind.MAC;
            macs = macs(g, op, name, outElements);
            if (name.equals("SVDF")) {
                // The time-weighted sums are reduced over each unit's filters: one add per filter.
                other = outElements * Math.max(1, op.options().getInt("rank", 1));
            }
        } else if (WINDOWS.contains(name)) {
            kind = CostKind.WINDOW;
            other = outElements * (long) op.options().getInt("filter_width", 1)
                    * op.options().getInt("filter_height", 1);
        } else if (REDUCTIONS.contains(name)) {
            kind = CostKind.REDUCTION;
            other = elements(g, op.input(0));
        } else if (DATA_MOVEMENT.contains(name)) {
            kind = CostKind.DATA_MOVEMENT;
        } else {
            kind = CostKind.ELEMENTWISE;
            other = outElements;
        }
        long weights = 0;
        long read = 0;
        for (int t : op.inputs()) {
            if (t < 0) {
                continue;
            }
            Tensor tensor = g.tensor(t);
            if (tensor.hasData()) {
                weights += tensor.data().remaining();
            } else {
                read += Math.max(0, tensor.arenaBytes());
            }
        }
        long write = 0;
        for (int t : op.outputs()) {
            write += Math.max(0, g.tensor(t).arenaBytes());
        }
        return new OpCost(op.index(), name, kind, precision(g, op), macs, other, weights, read, write, scratchBytes);
    }

    private static boolean isMacOp(String name) {
        return switch (name) {
            case "CONV_2D", "DEPTHWISE_CONV_2D", "FULLY_CONNECTED", "TRANSPOSE_CONV", "BATCH_MATMUL", "SVDF",
                    "UNIDIRECTIONAL_SEQUENCE_LSTM" -> true;
            default -> false;
        };
    }

    private static long macs(Subgraph g, Operator op, String name, long outElements) {
        if (OmittedInputs.verdict(op) instanceof OmittedInputs.Refused) {
            return 0; // an operand TFLM's Prepare requires is missing: the op never runs
        }
        switch (name) {
            case "CONV_2D": {
                // filter [out_channels, kh, kw, in_channels per group]: one MAC per tap per output element.
                Shape f = shape(g, op.input(1));
                return outElements * (f.elementCount() / f.dim(0));
            }
            case "DEPTHWISE_CONV_2D": {
                // filter [1, kh, kw, out_channels]: each output channel sees kh*kw taps of one input channel.
                Shape f = shape(g, op.input(1));
                return outElements * f.dim(1) * f.dim(2);
            }
            case "FULLY_CONNECTED": {
                // filter [units, accum_depth]
                Shape f = shape(g, op.input(1));
                return outElements * f.dim(f.rank() - 1);
            }
            case "TRANSPOSE_CONV": {
                // inputs: output_shape, filter [out_channels, kh, kw, in_channels], input; each input element is
                // scattered through kh*kw*out_channels taps.
                Shape f = shape(g, op.input(1));
                return elements(g, op.input(2)) * (f.elementCount() / f.dim(3));
            }
            case "BATCH_MATMUL": {
                Shape lhs = shape(g, op.input(0));
                boolean adjX = op.options().getBool("adj_x", false);
                int depth = lhs.dim(adjX ? lhs.rank() - 2 : lhs.rank() - 1);
                return outElements * depth;
            }
            case "SVDF": {
                // weights_feature [filters, input_size] and weights_time [filters, memory_size], per batch row.
                Shape in = shape(g, op.input(0));
                long batch = in.dim(0);
                return batch * (elements(g, op.input(1)) + elements(g, op.input(2)));
            }
            default: {
                // UNIDIRECTIONAL_SEQUENCE_LSTM: per time step and batch row, every gate weight (inputs 1-11,
                // peepholes included) and the projection (16) is one MAC per element.
                Shape inputToCell = shape(g, op.input(3));
                long steps = elements(g, op.input(0)) / inputToCell.dim(inputToCell.rank() - 1);
                long perStep = 0;
                for (int i = 1; i <= 11; i++) {
                    perStep += elements(g, op.input(i));
                }
                perStep += elements(g, op.input(16));
                return steps * perStep;
            }
        }
    }

    private static Shape shape(Subgraph g, int tensor) {
        return g.tensor(tensor).shape();
    }

    /** Element count of an input, 0 for an omitted optional input. */
    private static long elements(Subgraph g, int tensor) {
        return tensor < 0 ? 0 : g.tensor(tensor).elementCount();
    }

    private static long outputElements(Subgraph g, Operator op) {
        long n = 0;
        for (int t : op.outputs()) {
            n += g.tensor(t).elementCount();
        }
        return n;
    }

    /** The type of the first activation input (what the kernel computes in), else of the first output. */
    private static String precision(Subgraph g, Operator op) {
        for (int t : op.inputs()) {
            if (t >= 0 && !g.tensor(t).hasData()) {
                return g.tensor(t).type().name().toLowerCase(Locale.ROOT);
            }
        }
        return op.outputs().isEmpty() ? "none" : g.tensor(op.output(0)).type().name().toLowerCase(Locale.ROOT);
    }
}
