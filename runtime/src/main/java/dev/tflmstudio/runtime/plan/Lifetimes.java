package dev.tflmstudio.runtime.plan;

import dev.tflmstudio.runtime.check.GraphCheck;
import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.model.OfflineMemoryAllocation;
import dev.tflmstudio.runtime.model.Operator;
import dev.tflmstudio.runtime.model.Subgraph;
import dev.tflmstudio.runtime.model.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Builds the planner's input exactly as TFLM's {@code AllocationInfoBuilder} does: one flat list of all tensors
 * (subgraph 0 first, by tensor index) followed by the scratch requests, each with its lifetime in "scopes" (inputs
 * at 0, op i of subgraph 0 at i+1, every control-flow callee advancing time), then keeps the entries that need
 * allocating: no constant data, not a variable (unless an offline plan pins it), and a non-zero size (as Prepare
 * left it: see {@link LegacyScalars}).
 */
public final class Lifetimes {
    private final Model model;
    private final List<ScratchRequest> scratch;
    private final int[] subgraphStart;
    private final int[] first;
    private final int[] last;
    private int scope;

    private Lifetimes(Model model, List<ScratchRequest> scratch) {
        this.model = model;
        this.scratch = scratch;
        int n = 0;
        subgraphStart = new int[model.subgraphs().size()];
        for (Subgraph sg : model.subgraphs()) {
            subgraphStart[sg.index()] = n;
            n += sg.tensors().size();
        }
        first = new int[n + scratch.size()];
        last = new int[n + scratch.size()];
        Arrays.fill(first, -1);
        Arrays.fill(last, -1);
    }

    /** The unplaced buffers (offset -1) of {@code model} in planner id order, for {@code target}. */
    public static List<PlannedBuffer> of(Model model, Target target) {
        return of(model, ScratchRequests.of(model, target));
    }

    /** The unplaced buffers of {@code model} as a build with {@code kernels} plans them. */
    public static List<PlannedBuffer> of(Model model, Target target, KernelSet kernels) {
        return of(model, ScratchRequests.of(model, target, kernels));
    }

    /**
     * Same, with explicit scratch requests (for tests and other kernel sets). The graph is checked first
     * ({@link GraphCheck}): marking follows subgraph calls, which must not loop.
     */
    public static List<PlannedBuffer> of(Model model, List<ScratchRequest> scratch) {
        GraphCheck.verify(model);
        Lifetimes l = new Lifetimes(model, scratch);
        l.mark(0);
        return l.buffers();
    }

    /** The global AllocationInfo index of a tensor (the index an offline plan uses). */
    public static int globalTensorIndex(Model model, int subgraph, int tensor) {
        int n = 0;
        for (int s = 0; s < subgraph; s++) {
            n += model.subgraphs().get(s).tensors().size();
        }
        return n + tensor;
    }

    private void mark(int subgraphIndex) {
        Subgraph sg = model.subgraphs().get(subgraphIndex);
        int base = subgraphStart[subgraphIndex];
        for (int t : sg.inputs()) {
            created(base + t, scope);
            used(base + t, scope);
        }
        for (Operator op : sg.operators()) {
            scope++;
            for (int t : op.outputs()) {
                created(base + t, scope);
            }
            int startScope = scope;
            for (int callee : GraphCheck.callees(op)) {
                scope++;
                mark(callee);
            }
            for (int t : op.inputs()) {
                if (t >= 0) {
                    used(base + t, scope);
                }
            }
            for (int t : op.outputs()) {
                used(base + t, scope);
            }
            int scratchBase = first.length - scratch.size();
            for (int r = 0; r < scratch.size(); r++) {
                ScratchRequest req = scratch.get(r);
                if (req.subgraph() == subgraphIndex && req.op() == op.index()) {
                    created(scratchBase + r, startScope);
                    used(scratchBase + r, scope);
                }
            }
        }
        for (int t : sg.outputs()) {
            created(base + t, scope);
            used(base + t, scope);
        }
    }

    private void created(int i, int time) {
        if (first[i] == -1) {
            first[i] = time;
        }
    }

    private void used(int i, int time) {
        last[i] = time;
    }

    private List<PlannedBuffer> buffers() {
        List<Integer> offline = offlineOffsets();
        List<PlannedBuffer> out = new ArrayList<>();
        for (Subgraph sg : model.subgraphs()) {
            int base = subgraphStart[sg.index()];
            Set<Integer> scalars = LegacyScalars.of(sg);
            for (Tensor t : sg.tensors()) {
                long bytes = LegacyScalars.asPrepared(t, scalars).arenaBytes();
                if (bytes < 0) {
                    if (t.hasData()) {
                        continue;
                    }
                    throw new IllegalArgumentException("subgraph " + sg.index() + " " + t + ": TFLM cannot size "
                            + t.type() + " tensors");
                }
                int global = base + t.index();
                int offlineOffset = offline == null ? PlannedBuffer.ONLINE : offline.get(global);
                // VAR_HANDLE's Prepare points its output at the op's persistent resource id, so TFLM finds it
                // allocated when it plans
                boolean needs = !t.hasData() && bytes != 0 && !isVarHandleOutput(sg, t.index())
                        && (!t.variable() || offlineOffset != PlannedBuffer.ONLINE);
                if (!needs) {
                    continue;
                }
                out.add(new PlannedBuffer(out.size(), BufferKind.TENSOR, sg.index(), t.index(), -1, -1, bytes,
                        PlannedBuffer.alignUp(bytes), first[global], last[global], offlineOffset,
                        PlannedBuffer.UNPLACED));
            }
        }
        int scratchBase = first.length - scratch.size();
        for (int r = 0; r < scratch.size(); r++) {
            ScratchRequest req = scratch.get(r);
            out.add(new PlannedBuffer(out.size(), BufferKind.SCRATCH, req.subgraph(), -1, req.op(), req.index(),
                    req.bytes(), PlannedBuffer.alignUp(req.bytes()), first[scratchBase + r], last[scratchBase + r],
                    PlannedBuffer.ONLINE, PlannedBuffer.UNPLACED));
        }
        return out;
    }

    /** True for the output of a VAR_HANDLE op: its data is set in Prepare, so TFLM never plans it. */
    public static boolean isVarHandleOutput(Subgraph sg, int tensor) {
        for (Operator op : sg.operators()) {
            if (op.opName().equals("VAR_HANDLE") && !op.outputs().isEmpty() && op.output(0) == tensor) {
                return true;
            }
        }
        return false;
    }

    private List<Integer> offlineOffsets() {
        OfflineMemoryAllocation plan = model.offlinePlan();
        if (plan == null) {
            return null;
        }
        int tensors = model.totalTensorCount();
        if (plan.offsets().size() != tensors) {
            throw new IllegalArgumentException("Nbr of offline buffer offsets (" + plan.offsets().size()
                    + ") in metadata not equal nbr tensors (" + tensors + ")");
        }
        return plan.offsets();
    }
}
