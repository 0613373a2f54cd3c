package dev.tflmstudio.profiler.report;

/** One planner's head size next to the lower bound. */
public record PlannerComparison(String planner, int headBytes, int lowerBoundBytes) {
    public int gapBytes() {
        return headBytes - lowerBoundBytes;
    }

    public boolean atLowerBound() {
        return headBytes == lowerBoundBytes;
    }
}
