package dev.tflmstudio.runtime.check;

import dev.tflmstudio.runtime.kernels.KernelRegistry;
import dev.tflmstudio.runtime.kernels.OmittedInputs;
import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.model.Operator;
import dev.tflmstudio.runtime.model.Subgraph;
import dev.tflmstudio.runtime.model.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a model's graph must satisfy before anything prepares, plans or runs it, checked in one linear pass: the
 * reader accepts files whose structure is sound but whose graph is not (hand-edited or corrupted), and TFLM itself
 * would recurse forever, write out of bounds or run out of memory on them. Each refusal is one
 * {@link InvalidGraphException} line naming the subgraph, operator and tensor.
 *
 * <ul>
 *   <li>tensor, input and output indices in range; never -1 as an output; no input omitted (-1) or absent that
 *       real TFLM's kernel reads unchecked ({@link OmittedInputs}, and IF's and WHILE's inputs once their counts
 *       match the called subgraphs: TFLM crashes; where its Prepare refuses a list, too short or too long, the
 *       kernel's registration does, in its words); a builtin the table does not cover yet needs one input, none
 *       omitted; custom ops are left to their kernels' own checks (not surveyed against TFLM);</li>
 *   <li>every op but IF, WHILE, CALL_ONCE, ASSIGN_VARIABLE, custom ops and an UNPACK of {@code num} 0 has an
 *       output;</li>
 *   <li>no op writes a constant, a subgraph input or a tensor another op writes;</li>
 *   <li>the subgraph calls of IF, WHILE and CALL_ONCE (from subgraph 0) form no cycle and nest at most
 *       {@link #MAX_CALL_DEPTH} deep;</li>
 *   <li>byte sizes, computed without overflow: each tensor and all variables together within
 *       {@link #MAX_ARENA_BYTES}, all planned tensors together within the planner's 32-bit offsets.</li>
 * </ul>
 */
public final class GraphCheck {
    /**
     * The largest arena this runtime allocates, and so the largest tensor: 256 MiB, eight times the 32 MiB arena
     * TFLM's reference runs use and more RAM than any microcontroller board has.
     */
    public static final long MAX_ARENA_BYTES = 256L << 20;
    /** Deepest nesting of subgraph calls (each level is a Java stack frame in the planner and the interpreter). */
    public static final int MAX_CALL_DEPTH = 64;

    private static final CheckOutcomes OUTCOMES = new CheckOutcomes();

    private GraphCheck() {
    }

    /**
     * Throws {@link InvalidGraphException} with the first problem found; returns when the graph is sound. Checks each
     * model once: later calls for the same instance give the same outcome without a pass.
     */
    public static void verify(Model model) {
        CheckOutcomes.Outcome known = OUTCOMES.of(model);
        if (known == null) {
            try {
                check(model);
                known = new CheckOutcomes.Outcome(null);
            } catch (InvalidGraphException e) {
                known = new CheckOutcomes.Outcome(e.getMessage());
            }
            OUTCOMES.record(model, known);
        }
        if (known.refusal() != null) {
            throw new InvalidGraphException(known.refusal());
        }
    }

    private static void check(Model model) {
        long planned = 0;
        long variables = 0;
        for (Subgraph sg : model.subgraphs()) {
            checkIndices(sg);
            for (Tensor t : sg.tensors()) {
                if (t.hasData()) {
                    continue; // constants stay in the model file, whose size the reader bounded
                }
                long bytes = bytes(sg, t);
                if (t.variable()) {
                    variables += aligned(bytes);
                } else {
                    planned += aligned(bytes);
                }
            }
            checkOperators(model, sg);
            checkWriters(sg);
        }
        if (variables > MAX_ARENA_BYTES) {
            throw new InvalidGraphException(String.format(Locale.ROOT, "the variable tensors take %,d bytes together,"
                    + " over the %s limit on one arena", variables, limitText()));
        }
        if (planned > Integer.MAX_VALUE) {
            throw new InvalidGraphException(String.format(Locale.ROOT, "the activation tensors take %,d bytes "
                    + "together, more than the memory planner's 32-bit offsets (2 GiB) can place", planned));
        }
        SubgraphCalls.check(model);
    }

    /**
     * Refuses an arena of {@code bytes} (head plus variables) over {@link #MAX_ARENA_BYTES}, before it is
     * allocated.
     */
    public static void checkArena(long headBytes, long totalBytes) {
        if (totalBytes > MAX_ARENA_BYTES || headBytes > MAX_ARENA_BYTES) {
            throw new InvalidGraphException(String.format(Locale.ROOT, "the arena needs %,d bytes (a planned head "
                    + "of %,d plus variables), over the %s limit on one arena", Math.max(totalBytes, headBytes),
                    headBytes, limitText()));
        }
    }

    /** The subgraphs {@code op} calls, in the order TFLM marks them (the kernels' option defaults included). */
    public static List<Integer> callees(Operator op) {
        if (op.code().isCustom()) {
            return List.of();
        }
        return switch (op.opName()) {
            case "IF" -> List.of(op.options().getInt("then_subgraph_index", 0),
                    op.options().getInt("else_subgraph_index", 0));
            case "WHILE" -> List.of(op.options().getInt("cond_subgraph_index", 0),
                    op.options().getInt("body_subgraph_index", 0));
            case "CALL_ONCE" -> List.of(op.options().getInt("init_subgraph_index", 0));
            default -> List.of();
        };
    }

    static String limitText() {
        return String.format(Locale.ROOT, "%d MiB (%,d-byte)", MAX_ARENA_BYTES >> 20, MAX_ARENA_BYTES);
    }

    static String where(Subgraph sg, Operator op) {
        return "subgraph " + sg.index() + ", operator " + op.index() + " (" + op.opName() + ")";
    }

    static String tensorText(Subgraph sg, int index) {
        Tensor t = sg.tensor(index);
        return "tensor " + index + (t.name().isEmpty() ? "" : " '" + t.name() + "'");
    }

    private static void checkIndices(Subgraph sg) {
        int n = sg.tensors().size();
        for (int i = 0; i < sg.inputs().size(); i++) {
            inRange(sg.inputs().get(i), n, "subgraph " + sg.index() + ": input " + i);
        }
        for (int i = 0; i < sg.outputs().size(); i++) {
            inRange(sg.outputs().get(i), n, "subgraph " + sg.index() + ": output " + i);
        }
        for (Operator op : sg.operators()) {
            for (int i = 0; i < op.inputs().size(); i++) {
                if (op.inputs().get(i) != -1) {
                    inRange(op.inputs().get(i), n, where(sg, op) + ": input " + i);
                }
            }
            for (int i = 0; i < op.outputs().size(); i++) {
                inRange(op.outputs().get(i), n, where(sg, op) + ": output " + i);
            }
            for (int i = 0; i < op.intermediates().size(); i++) {
                inRange(op.intermediates().get(i), n, where(sg, op) + ": intermediate " + i);
            }
        }
    }

    private static void inRange(int index, int count, String what) {
        if (index < 0 || index >= count) {
            throw new InvalidGraphException(what + " is tensor " + index + ", out of range (" + count + " tensors)");
        }
    }

    /** Bytes of a non-constant tensor in the arena, refused when unknown, overflowing or over the arena limit. */
    private static long bytes(Subgraph sg, Tensor t) {
        String what = "subgraph " + sg.index() + ", " + tensorText(sg, t.index()) + " " + t.type() + t.shape();
        int size = t.type().tflmByteSize();
        if (size < 0) {
            throw new InvalidGraphException(what + ": TFLM cannot size " + t.type() + " tensors in the arena");
        }
        long bytes = size;
        for (int d : t.shape().toArray()) {
            if (d < 0) {
                throw new InvalidGraphException(what + ": negative dimension " + d);
            }
            try {
                bytes = Math.multiplyExact(bytes, d);
            } catch (ArithmeticException e) {
                throw new InvalidGraphException(what + ": its byte size overflows 64 bits");
            }
        }
        if (bytes > MAX_ARENA_BYTES) {
            throw new InvalidGraphException(String.format(Locale.ROOT, "%s: needs %,d bytes, over the %s limit on "
                    + "one arena", what, bytes, limitText()));
        }
        return bytes;
    }

    private static void checkOperators(Model model, Subgraph sg) {
        KernelRegistry kernels = KernelRegistry.standard();
        for (Operator op : sg.operators()) {
            boolean custom = op.code().isCustom();
            if (op.outputs().isEmpty() && !custom && !OmittedInputs.runsWithoutOutputs(op)) {
                throw new InvalidGraphException(where(sg, op) + ": has no outputs; " + op.opName()
                        + " writes at least one");
            }
            // Only ops this runtime runs are held to their inputs; the others are never prepared.
            if (custom || kernels.find(op.code()) == null) {
                continue;
            }
            OmittedInputs.Verdict tflm = OmittedInputs.verdict(op);
            if (tflm instanceof OmittedInputs.Crashes c) {
                throw new InvalidGraphException(where(sg, op) + ": input " + c.position() + " is "
                        + (c.position() < op.inputs().size() ? "omitted (-1)" : "absent (the op has "
                        + op.inputs().size() + ")") + ", and TFLM's " + op.opName() + " reads it without checking"
                        + " (real TFLM crashes on this model)");
            }
            int called = tflm instanceof OmittedInputs.Runs ? omittedCalledInput(model, op) : -1;
            if (called >= 0) {
                throw new InvalidGraphException(where(sg, op) + ": input " + called + " is omitted (-1), and TFLM's "
                        + op.opName() + " copies it into the called subgraph without checking (real TFLM crashes"
                        + " on this model)");
            }
            if (tflm != null) {
                continue; // TFLM runs it, or its Prepare refuses it (the kernel's registration does, in its words)
            }
            // a builtin with a kernel the table has not surveyed yet: at least one input, none omitted
            if (op.inputs().isEmpty()) {
                throw new InvalidGraphException(where(sg, op) + ": has no inputs; " + op.opName()
                        + " needs at least 1");
            }
            for (int i = 0; i < op.inputs().size(); i++) {
                if (op.inputs().get(i) == -1) {
                    throw new InvalidGraphException(where(sg, op) + ": input " + i + " is omitted (-1), but "
                            + op.opName() + " needs it (it has no optional inputs)");
                }
            }
        }
    }

    /**
     * The first omitted input IF (its branch inputs) or WHILE copies into a called subgraph, once the counts TFLM's
     * Prepare checks match the subgraphs (other counts the kernels refuse in TFLM's words); -1 when there is none.
     */
    private static int omittedCalledInput(Model model, Operator op) {
        List<Integer> callees = callees(op);
        int subgraphs = model.subgraphs().size();
        if (!op.opName().equals("IF") && !op.opName().equals("WHILE")
                || callees.stream().anyMatch(c -> c < 0 || c >= subgraphs)) {
            return -1; // not IF or WHILE, or a call the subgraph-call check refuses
        }
        Subgraph first = model.subgraphs().get(callees.get(0));
        int n = op.inputs().size();
        int from;
        boolean countsMatch;
        if (op.opName().equals("IF")) {
            from = 1;
            countsMatch = n - 1 == first.inputs().size() && op.outputs().size() == first.outputs().size();
        } else {
            Subgraph body = model.subgraphs().get(callees.get(1));
            from = 0;
            countsMatch = n == first.inputs().size() && n == body.inputs().size() && n == op.outputs().size()
                    && n == body.outputs().size();
        }
        for (int i = from; countsMatch && i < n; i++) {
            if (op.inputs().get(i) == -1) {
                return i;
            }
        }
        return -1;
    }

    /** No constant, subgraph input or other op's output is written by an op. */
    private static void checkWriters(Subgraph sg) {
        String[] writer = new String[sg.tensors().size()];
        for (int i = 0; i < sg.inputs().size(); i++) {
            writer[sg.inputs().get(i)] = "input " + i + " of subgraph " + sg.index();
        }
        for (Operator op : sg.operators()) {
            for (int out : op.outputs()) {
                Tensor t = sg.tensor(out);
                if (t.hasData()) {
                    throw new InvalidGraphException(where(sg, op) + ": output " + tensorText(sg, out)
                            + " is a constant (it has data in the file); an op may not write it");
                }
                if (writer[out] != null) {
                    throw new InvalidGraphException(where(sg, op) + ": output " + tensorText(sg, out)
                            + " is already written by " + writer[out] + "; each tensor has one writer");
                }
                writer[out] = "operator " + op.index() + " (" + op.opName() + ")";
            }
        }
    }

    /** {@code bytes} rounded up to 16, as the planner sees them. */
    private static long aligned(long bytes) {
        return (bytes + 15) / 16 * 16;
    }

    /** The call graph of IF, WHILE and CALL_ONCE from subgraph 0: in range, acyclic, bounded depth. */
    private static final class SubgraphCalls {
        private SubgraphCalls() {
        }

        /** One edge: subgraph {@code from}'s operator {@code op} calls {@code to}. */
        private record Call(int from, Operator op, int to) {
        }

        static void check(Model model) {
            int n = model.subgraphs().size();
            List<List<Call>> calls = new ArrayList<>(n);
            for (Subgraph sg : model.subgraphs()) {
                List<Call> out = new ArrayList<>();
                for (Operator op : sg.operators()) {
                    for (int callee : callees(op)) {
                        if (callee < 0 || callee >= n) {
                            throw new InvalidGraphException(where(sg, op) + ": calls subgraph " + callee
                                    + ", out of range (" + n + " subgraphs)");
                        }
                        out.add(new Call(sg.index(), op, callee));
                    }
                }
                calls.add(out);
            }
            // iterative depth-first search, so a deep or looping graph cannot overflow this stack either
            int[] state = new int[n]; // 0 unvisited, 1 on the current path, 2 done
            List<Call> path = new ArrayList<>();
            List<Integer> next = new ArrayList<>();
            state[0] = 1;
            next.add(0);
            int current = 0;
            while (true) {
                int depth = path.size();
                int i = next.get(depth);
                List<Call> out = calls.get(current);
                if (i < out.size()) {
                    next.set(depth, i + 1);
                    Call c = out.get(i);
                    if (state[c.to()] == 1) {
                        throw new InvalidGraphException(cycleText(path, c));
                    }
                    if (state[c.to()] == 0) {
                        if (depth + 1 > MAX_CALL_DEPTH) {
                            throw new InvalidGraphException(where(model.subgraphs().get(c.from()), c.op())
                                    + ": subgraph calls nest deeper than " + MAX_CALL_DEPTH + " levels");
                        }
                        state[c.to()] = 1;
                        path.add(c);
                        next.add(0);
                        current = c.to();
                    }
                    continue;
                }
                state[current] = 2;
                next.remove(depth);
                if (depth == 0) {
                    return;
                }
                current = path.remove(depth - 1).from();
            }
        }

        /** {@code subgraph 1 -> 2 -> 1 (subgraph 1, operator 0 (IF) calls 2; ...)}: the loop closed by {@code last}. */
        private static String cycleText(List<Call> path, Call last) {
            List<Call> loop = new ArrayList<>();
            int start = 0;
            while (start < path.size() && path.get(start).from() != last.to()) {
                start++;
            }
            loop.addAll(path.subList(start, path.size()));
            loop.add(last);
            StringBuilder chain = new StringBuilder("subgraph " + last.to());
            StringBuilder via = new StringBuilder();
            for (Call c : loop) {
                chain.append(" -> ").append(c.to());
                if (via.length() > 0) {
                    via.append("; ");
                }
                via.append("subgraph ").append(c.from()).append(", operator ").append(c.op().index()).append(" (")
                        .append(c.op().opName()).append(") calls ").append(c.to());
            }
            return chain + " (" + via + "): a subgraph may not call itself, directly or through others";
        }
    }
}
