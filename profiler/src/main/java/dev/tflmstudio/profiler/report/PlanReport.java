package dev.tflmstudio.profiler.report;

import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.model.Tensor;
import dev.tflmstudio.runtime.plan.ArenaEstimate;
import dev.tflmstudio.runtime.plan.BufferKind;
import dev.tflmstudio.runtime.plan.MemoryPlan;
import dev.tflmstudio.runtime.plan.PlannedBuffer;
import java.util.List;

/**
 * Everything a memory-plan report shows: the chosen plan, the whole-arena prediction, how every planner did,
 * the board fit (null without a device) and the op resolver the model needs.
 */
public record PlanReport(String modelName, Model model, MemoryPlan plan, ArenaEstimate arena,
                         List<PlannerComparison> planners, BoardFit boardFit, String opResolverCpp) {

    public PlanReport {
        planners = List.copyOf(planners);
    }

    /** The tensor a buffer holds, or null for scratch buffers. */
    public Tensor tensorOf(PlannedBuffer b) {
        return b.kind() == BufferKind.TENSOR ? model.subgraphs().get(b.subgraph()).tensor(b.tensor()) : null;
    }

    /** A short label for a buffer: the tensor name, or "scratch N of op M (OPNAME)". */
    public String labelOf(PlannedBuffer b) {
        Tensor t = tensorOf(b);
        if (t != null) {
            return t.name().isEmpty() ? "tensor " + t.index() : t.name();
        }
        String op = model.subgraphs().get(b.subgraph()).operator(b.op()).opName();
        return "scratch " + b.scratchIndex() + " of op " + b.op() + " (" + op + ")";
    }
}
