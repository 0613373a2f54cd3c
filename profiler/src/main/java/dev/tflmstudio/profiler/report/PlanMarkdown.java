package dev.tflmstudio.profiler.report;

import dev.tflmstudio.runtime.plan.AllocationCategory;
import dev.tflmstudio.runtime.plan.MemoryPlan;
import dev.tflmstudio.runtime.plan.PlannedBuffer;

/** The {@code plan} summary as Markdown (the default stdout output). */
public final class PlanMarkdown {
    private PlanMarkdown() {
    }

    public static String write(PlanReport r) {
        MemoryPlan plan = r.plan();
        StringBuilder sb = new StringBuilder();
        sb.append("# Memory plan: ").append(r.modelName()).append("\n\n");
        sb.append("| | bytes |\n|---|---:|\n");
        row(sb, "planner", plan.planner());
        row(sb, "target", plan.target().id());
        row(sb, "kernels", plan.kernels().id());
        row(sb, "head (planned activations + scratch)", plan.headBytes());
        row(sb, "tail (persistent)" + (r.arena().isExact() ? "" : " *estimate*"), r.arena().tailBytes());
        row(sb, "arena_used_bytes", r.arena().totalBytes());
        row(sb, "lower bound (peak live bytes)", plan.lowerBoundBytes());
        row(sb, "gap to lower bound", plan.gapBytes());
        row(sb, "peak", plan.peakBytes() + " B at t=" + plan.peakTime());
        if (!r.arena().isExact()) {
            sb.append("\nTail is an estimate: persistent allocations of ")
                    .append(String.join(", ", r.arena().estimatedParts())).append(" are not confirmed.\n");
        }
        sb.append("\n## Planners\n\n| planner | head | gap to bound |\n|---|---:|---:|\n");
        for (PlannerComparison p : r.planners()) {
            sb.append("| ").append(p.planner()).append(" | ").append(p.headBytes()).append(" | ")
                    .append(p.gapBytes()).append(" |\n");
        }
        sb.append("| lower bound | ").append(plan.lowerBoundBytes()).append(" | |\n");
        sb.append("\n## RecordingMicroAllocator\n\n| category | used | requested | count |\n|---|---:|---:|---:|\n");
        for (AllocationCategory c : r.arena().categories()) {
            sb.append("| ").append(c.name()).append(" | ").append(c.usedBytes()).append(" | ")
                    .append(c.requestedBytes()).append(" | ").append(c.count()).append(" |\n");
        }
        r.arena().resourceVariables().ifPresent(v -> {
            sb.append("\n## Resource variables\n\n").append(v.summary()).append(".\n\n")
                    .append("| | where | bytes |\n|---|---|---:|\n")
                    .append("| variable buffers (").append(String.join(", ", v.names()))
                    .append(") | main arena tail, Persistent buffer data | ").append(v.bufferBytes()).append(" |\n")
                    .append("| MicroAllocator + MicroResourceVariables (").append(v.slots())
                    .append(" slots) | the variables' own arena | ").append(v.arenaBytes()).append(" |\n");
        });
        if (r.boardFit() != null) {
            BoardFit f = r.boardFit();
            sb.append("\n## Board fit: ").append(f.deviceName()).append(" (").append(f.deviceId()).append(")\n\n");
            sb.append("| | bytes |\n|---|---:|\n");
            row(sb, "recommended kTensorArenaSize", f.recommendedArenaBytes());
            row(sb, "headroom (" + f.headroomRule() + ")", f.headroomBytes());
            row(sb, "planning peak during AllocateTensors", f.planningPeakBytes());
            row(sb, "largest SRAM region", f.largestSramBytes());
            row(sb, "fits SRAM", f.fitsSram() ? "yes" : "NO");
            row(sb, "model (flash)", f.modelBytes());
            row(sb, "TFLM runtime code (estimate)", f.runtimeCodeBytes());
            row(sb, "flash", f.flashBytes());
            row(sb, "fits flash", f.fitsFlash() ? "yes" : "NO");
        }
        sb.append("\n## Buffers\n\n| id | kind | buffer | size | first | last | offset |\n")
                .append("|---:|---|---|---:|---:|---:|---:|\n");
        for (PlannedBuffer b : plan.buffers()) {
            sb.append("| ").append(b.id()).append(" | ").append(b.kind().name().toLowerCase()).append(" | ")
                    .append(r.labelOf(b).replace("|", "\\|")).append(" | ").append(b.size()).append(" | ")
                    .append(b.firstUse()).append(" | ").append(b.lastUse()).append(" | ").append(b.offset())
                    .append(" |\n");
        }
        sb.append("\n## Op resolver\n\n```cpp\n").append(r.opResolverCpp()).append("```\n");
        return sb.toString();
    }

    private static void row(StringBuilder sb, String name, Object value) {
        sb.append("| ").append(name).append(" | ").append(value).append(" |\n");
    }
}
