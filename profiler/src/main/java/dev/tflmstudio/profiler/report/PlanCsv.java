package dev.tflmstudio.profiler.report;

import dev.tflmstudio.runtime.plan.AllocationCategory;
import dev.tflmstudio.runtime.plan.BufferKind;
import dev.tflmstudio.runtime.plan.MemoryPlan;
import dev.tflmstudio.runtime.plan.PlannedBuffer;

/**
 * The plan as CSV: one table whose first column says what a row is ({@code summary}, {@code planner},
 * {@code category}, {@code buffer}), so a spreadsheet filter splits it.
 */
public final class PlanCsv {
    private PlanCsv() {
    }

    public static String write(PlanReport r) {
        MemoryPlan plan = r.plan();
        StringBuilder sb = new StringBuilder();
        sb.append("row,key,value\n");
        summary(sb, "model", r.modelName());
        summary(sb, "planner", plan.planner());
        summary(sb, "target", plan.target().id());
        summary(sb, "headBytes", plan.headBytes());
        summary(sb, "tailBytes", r.arena().tailBytes());
        summary(sb, "arenaBytes", r.arena().totalBytes());
        summary(sb, "lowerBoundBytes", plan.lowerBoundBytes());
        summary(sb, "tailExact", r.arena().isExact());
        summary(sb, "peakTime", plan.peakTime());
        summary(sb, "peakBytes", plan.peakBytes());
        if (r.boardFit() != null) {
            summary(sb, "device", r.boardFit().deviceId());
            summary(sb, "recommendedArenaBytes", r.boardFit().recommendedArenaBytes());
            summary(sb, "fitsSram", r.boardFit().fitsSram());
            summary(sb, "fitsFlash", r.boardFit().fitsFlash());
        }
        for (PlannerComparison p : r.planners()) {
            sb.append("planner,").append(p.planner()).append(',').append(p.headBytes()).append('\n');
        }
        for (AllocationCategory c : r.arena().categories()) {
            sb.append("category,").append(quote(c.name())).append(',').append(c.usedBytes()).append('\n');
        }
        sb.append('\n');
        sb.append("row,id,kind,subgraph,tensor,name,rawBytes,size,firstUse,lastUse,offlineOffset,offset\n");
        for (PlannedBuffer b : plan.buffers()) {
            boolean tensor = b.kind() == BufferKind.TENSOR;
            sb.append("buffer,").append(b.id()).append(',').append(tensor ? "tensor" : "scratch").append(',')
                    .append(b.subgraph()).append(',').append(tensor ? String.valueOf(b.tensor()) : "")
                    .append(',').append(quote(r.labelOf(b))).append(',').append(b.rawBytes()).append(',')
                    .append(b.size()).append(',').append(b.firstUse()).append(',').append(b.lastUse()).append(',')
                    .append(b.offlineOffset()).append(',').append(b.offset()).append('\n');
        }
        return sb.toString();
    }

    private static void summary(StringBuilder sb, String key, Object value) {
        sb.append("summary,").append(key).append(',').append(quote(String.valueOf(value))).append('\n');
    }

    static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
