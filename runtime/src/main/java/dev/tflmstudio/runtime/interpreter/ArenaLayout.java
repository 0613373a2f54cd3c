package dev.tflmstudio.runtime.interpreter;

import dev.tflmstudio.runtime.check.GraphCheck;
import dev.tflmstudio.runtime.kernels.ScratchBuffer;
import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.model.Subgraph;
import dev.tflmstudio.runtime.model.Tensor;
import dev.tflmstudio.runtime.plan.Lifetimes;
import dev.tflmstudio.runtime.plan.MemoryPlan;
import dev.tflmstudio.runtime.plan.PlannedBuffer;
import dev.tflmstudio.runtime.plan.Planners;
import dev.tflmstudio.runtime.plan.ScratchRequest;
import dev.tflmstudio.runtime.plan.Target;
import java.util.ArrayList;
import java.util.List;

/**
 * Where every tensor of subgraph 0 sits in the one arena: the head laid out by the memory plan (activations and
 * scratch buffers at their planned offsets, made from the scratch requests our kernels actually made in prepare),
 * then a tail holding the variable tensors (16-byte aligned, in tensor order) that persist across invokes.
 * Constants have no arena offset (-1): they stay in the model's mapped buffer.
 */
public final class ArenaLayout {
    private final MemoryPlan plan;
    private final int[] tensorOffset;
    private final int headBytes;
    private final int totalBytes;

    private ArenaLayout(MemoryPlan plan, int[] tensorOffset, int headBytes, int totalBytes) {
        this.plan = plan;
        this.tensorOffset = tensorOffset;
        this.headBytes = headBytes;
        this.totalBytes = totalBytes;
    }

    /**
     * Plans {@code model} with {@code planner} ({@code tflm} or {@code best}) given the scratch requests made in
     * prepare, per op of subgraph 0; an arena over {@link GraphCheck#MAX_ARENA_BYTES} is refused
     * ({@link dev.tflmstudio.runtime.check.InvalidGraphException}) before anything is allocated.
     */
    public static ArenaLayout plan(Model model, String planner, List<List<ScratchBuffer>> scratchByOp) {
        List<ScratchRequest> requests = new ArrayList<>();
        for (int op = 0; op < scratchByOp.size(); op++) {
            for (ScratchBuffer s : scratchByOp.get(op)) {
                requests.add(new ScratchRequest(0, op, s.index(), s.bytes(), "kernel scratch"));
            }
        }
        List<PlannedBuffer> unplaced = Lifetimes.of(model, requests);
        MemoryPlan plan = Planners.plan(unplaced, Planners.byName(planner), Target.HOST64);
        Subgraph main = model.main();
        int[] offsets = new int[main.tensors().size()];
        java.util.Arrays.fill(offsets, -1);
        int head = plan.headBytes();
        for (PlannedBuffer b : plan.buffers()) {
            if (b.subgraph() == 0 && b.tensor() >= 0) {
                offsets[b.tensor()] = b.offset();
            }
        }
        long tail = PlannedBuffer.alignUp(head);
        for (Tensor t : main.tensors()) {
            // variable tensors and VAR_HANDLE outputs (TFLM points those at the op's persistent id) are not
            // planned: they get slots after the head, as TFLM gives them tail bytes
            boolean persistent = t.variable() || Lifetimes.isVarHandleOutput(main, t.index());
            if (persistent && offsets[t.index()] < 0 && !t.hasData()) {
                GraphCheck.checkArena(head, tail);
                offsets[t.index()] = (int) tail;
                tail += PlannedBuffer.alignUp(Math.max(0, t.arenaBytes()));
            }
        }
        GraphCheck.checkArena(head, tail);
        for (Tensor t : main.tensors()) {
            // unplanned non-constant tensors have zero bytes; give them a harmless address
            if (offsets[t.index()] < 0 && !t.hasData()) {
                offsets[t.index()] = 0;
            }
        }
        return new ArenaLayout(plan, offsets, head, (int) Math.max(tail, 16));
    }

    public MemoryPlan plan() {
        return plan;
    }

    /** Arena offset of a tensor of subgraph 0, or -1 for constants. */
    public int tensorOffset(int tensor) {
        return tensorOffset[tensor];
    }

    /** Offset of scratch buffer {@code n} of op {@code op}. */
    public int scratchOffset(int op, int n) {
        return plan.scratch(op, n).map(PlannedBuffer::offset)
                .orElseThrow(() -> new IllegalStateException("scratch " + n + " of op " + op + " is not planned"));
    }

    /** Bytes of the planned head (activations and scratch). */
    public int headBytes() {
        return headBytes;
    }

    /** Bytes of the whole arena: head plus the variable tail. */
    public int totalBytes() {
        return totalBytes;
    }
}
