package dev.tflmstudio.app.graph;

import dev.tflmstudio.runtime.model.Operator;
import dev.tflmstudio.runtime.model.Subgraph;
import dev.tflmstudio.runtime.model.Tensor;
import dev.tflmstudio.runtime.model.TensorKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The dataflow graph the graph window draws: one node per operator (or per collapsed chain of operators), one per
 * graph input and output, and one edge per activation tensor flowing between them. Constant tensors (weights) are
 * not nodes; they would triple the node count and hide the structure.
 */
public final class GraphModel {
    /** A chain must have at least this many ops to be collapsed into one node. */
    public static final int MIN_CHAIN = 2;

    /**
     * The ops a chain may fold: elementwise ops (activations, unary maths, arithmetic with a constant, quantize and
     * cast) and reshape-like ones, which change neither the structure nor where the time goes. Compute ops
     * (convolutions, fully connected, pooling, ...) always keep their own node, so a MobileNet keeps its layers.
     */
    static final java.util.Set<String> FOLDABLE = java.util.Set.of(
            "RELU", "RELU6", "RELU_N1_TO_1", "RELU_0_TO_1", "LEAKY_RELU", "PRELU", "ELU", "GELU", "HARD_SWISH",
            "LOGISTIC", "TANH", "ABS", "NEG", "EXP", "LOG", "SQRT", "RSQRT", "SQUARE", "SIN", "COS", "FLOOR",
            "CEIL", "ROUND", "SIGN", "LOGICAL_NOT", "ADD", "SUB", "MUL", "DIV", "MAXIMUM", "MINIMUM",
            "SQUARED_DIFFERENCE", "FLOOR_DIV", "FLOOR_MOD", "POW", "QUANTIZE", "DEQUANTIZE", "CAST", "RESHAPE",
            "SQUEEZE", "EXPAND_DIMS", "SOFTMAX", "LOG_SOFTMAX", "L2_NORMALIZATION", "ZEROS_LIKE", "ONES_LIKE");

    public enum Kind { OP, CHAIN, INPUT, OUTPUT }

    /**
     * @param id       node index in {@link #nodes()}
     * @param kind     what the node stands for
     * @param firstOp  first op index (OP and CHAIN), else -1
     * @param lastOp   last op index (same as firstOp for OP), else -1
     * @param tensor   the tensor of INPUT/OUTPUT nodes, else -1
     * @param label    main text: op name, chain summary, or tensor name
     */
    public record Node(int id, Kind kind, int firstOp, int lastOp, int tensor, String label) {
        public boolean containsOp(int op) {
            return firstOp >= 0 && firstOp <= op && op <= lastOp;
        }

        /** Execution number(s) drawn on the node: {@code #3} or {@code #3–#9}. */
        public String number() {
            return switch (kind) {
                case OP -> "#" + firstOp;
                case CHAIN -> "#" + firstOp + "–#" + lastOp;
                case INPUT -> "input";
                case OUTPUT -> "output";
            };
        }
    }

    /** An activation tensor from one node to another, labelled with its shape. */
    public record Edge(int from, int to, int tensor, String label) {
    }

    private final List<Node> nodes;
    private final List<Edge> edges;
    private final int[] nodeOfOp;

    private GraphModel(List<Node> nodes, List<Edge> edges, int[] nodeOfOp) {
        this.nodes = List.copyOf(nodes);
        this.edges = List.copyOf(edges);
        this.nodeOfOp = nodeOfOp;
    }

    public List<Node> nodes() {
        return nodes;
    }

    public List<Edge> edges() {
        return edges;
    }

    /** The node that shows op {@code op} (a chain node when the op was collapsed), or -1. */
    public int nodeOfOp(int op) {
        return op >= 0 && op < nodeOfOp.length ? nodeOfOp[op] : -1;
    }

    /** Builds the graph of a subgraph; with {@code collapseChains}, runs of simple ops become one node each. */
    public static GraphModel of(Subgraph g, boolean collapseChains) {
        int opCount = g.operators().size();
        int[] producer = new int[g.tensors().size()];
        java.util.Arrays.fill(producer, -1);
        for (Operator op : g.operators()) {
            for (int t : op.outputs()) {
                if (t >= 0) {
                    producer[t] = op.index();
                }
            }
        }
        List<List<Integer>> opPreds = new ArrayList<>();
        List<List<Integer>> opSuccs = new ArrayList<>();
        for (int i = 0; i < opCount; i++) {
            opPreds.add(new ArrayList<>());
            opSuccs.add(new ArrayList<>());
        }
        for (Operator op : g.operators()) {
            for (int t : op.inputs()) {
                if (t >= 0 && producer[t] >= 0 && !opPreds.get(op.index()).contains(producer[t])) {
                    opPreds.get(op.index()).add(producer[t]);
                    opSuccs.get(producer[t]).add(op.index());
                }
            }
        }

        List<Node> nodes = new ArrayList<>();
        int[] nodeOfOp = new int[opCount];
        Map<Integer, Integer> inputNode = new HashMap<>();
        for (int t : g.inputs()) {
            inputNode.put(t, nodes.size());
            nodes.add(new Node(nodes.size(), Kind.INPUT, -1, -1, t, tensorName(g.tensor(t))));
        }
        // Folding every op into one node would leave nothing to look at.
        boolean fold = collapseChains && opCount > 0 && chainEnd(g, 0, opPreds, opSuccs) < opCount - 1;
        int i = 0;
        while (i < opCount) {
            int end = fold ? chainEnd(g, i, opPreds, opSuccs) : i;
            int id = nodes.size();
            if (end - i + 1 >= MIN_CHAIN) {
                nodes.add(new Node(id, Kind.CHAIN, i, end, -1, chainLabel(g, i, end)));
            } else {
                end = i;
                nodes.add(new Node(id, Kind.OP, i, i, -1, g.operator(i).opName()));
            }
            for (int k = i; k <= end; k++) {
                nodeOfOp[k] = id;
            }
            i = end + 1;
        }

        List<Edge> edges = new ArrayList<>();
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (Operator op : g.operators()) {
            int to = nodeOfOp[op.index()];
            for (int t : op.inputs()) {
                if (t < 0 || g.tensor(t).kind() == TensorKind.CONSTANT) {
                    continue;
                }
                int from = producer[t] >= 0 ? nodeOfOp[producer[t]] : inputNode.getOrDefault(t, -1);
                if (from >= 0 && from != to && seen.add(((long) from << 32) | to)) {
                    edges.add(new Edge(from, to, t, g.tensor(t).shape().toString()));
                }
            }
        }
        for (int t : g.outputs()) {
            int id = nodes.size();
            nodes.add(new Node(id, Kind.OUTPUT, -1, -1, t, tensorName(g.tensor(t))));
            int from = producer[t] >= 0 ? nodeOfOp[producer[t]] : inputNode.getOrDefault(t, -1);
            if (from >= 0) {
                edges.add(new Edge(from, id, t, g.tensor(t).shape().toString()));
            }
        }
        return new GraphModel(nodes, edges, nodeOfOp);
    }

    /**
     * Last op of the chain starting at {@code start}: consecutive {@link #FOLDABLE} ops where each one's only
     * consumer is the next op and the next op's only producer is this one. Only execution-order neighbours join,
     * so a chain's ops stay a contiguous range of execution numbers.
     */
    private static int chainEnd(Subgraph g, int start, List<List<Integer>> preds, List<List<Integer>> succs) {
        int opCount = g.operators().size();
        if (!FOLDABLE.contains(g.operator(start).opName())) {
            return start;
        }
        int end = start;
        while (end + 1 < opCount && succs.get(end).size() == 1 && succs.get(end).get(0) == end + 1
                && preds.get(end + 1).size() == 1 && FOLDABLE.contains(g.operator(end + 1).opName())) {
            end++;
        }
        return end;
    }

    private static String chainLabel(Subgraph g, int first, int last) {
        Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        for (int k = first; k <= last; k++) {
            counts.merge(g.operator(k).opName(), 1, Integer::sum);
        }
        StringBuilder sb = new StringBuilder().append(last - first + 1).append(" ops: ");
        int shown = 0;
        for (var e : counts.entrySet()) {
            if (shown++ == 2) {
                sb.append(", …");
                break;
            }
            sb.append(shown > 1 ? ", " : "").append(e.getValue()).append("× ").append(e.getKey());
        }
        return sb.toString();
    }

    private static String tensorName(Tensor t) {
        return t.name().isEmpty() ? "t" + t.index() : t.name();
    }
}
