package dev.tflmstudio.serial.analysis;

import dev.tflmstudio.serial.parse.LogEvent.PlanBuffer;
import java.util.List;

/**
 * The buffers of a board's {@code GreedyMemoryPlanner::PrintMemoryPlan()} (only printed by builds with
 * {@code -DTF_LITE_SHOW_MEMORY_USE}).
 *
 * @param buffers   the planner's buffers in id order
 * @param headBytes the planned size: the largest {@code offset + size}
 */
public record MeasuredPlan(List<PlanBuffer> buffers, long headBytes) {
    public MeasuredPlan {
        buffers = List.copyOf(buffers);
    }

    static MeasuredPlan of(List<PlanBuffer> buffers) {
        long head = 0;
        for (PlanBuffer b : buffers) {
            head = Math.max(head, b.offset() + b.size());
        }
        return new MeasuredPlan(buffers, head);
    }
}
