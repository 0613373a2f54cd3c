package dev.tflmstudio.profiler.divergence;

/**
 * When an op's error counts as divergence: any of max abs error above {@code maxAbs}, RMSE above {@code rmse}, or
 * cosine similarity below {@code minCosine}.
 */
public record Thresholds(double maxAbs, double rmse, double minCosine) {
    /** Bit-exact: any difference at all diverges. */
    public static final Thresholds EXACT = new Thresholds(0, 0, 1);
}
