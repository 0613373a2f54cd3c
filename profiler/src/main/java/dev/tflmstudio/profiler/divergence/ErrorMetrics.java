package dev.tflmstudio.profiler.divergence;

/**
 * How far one tensor is from another: the largest absolute difference, the root mean square error and the cosine
 * similarity (1 = same direction; a zero vector against a zero vector counts as 1, against anything else as 0).
 */
public record ErrorMetrics(double maxAbs, double rmse, double cosine) {

    /** Metrics of {@code b} against {@code a}; both must have the same length. */
    public static ErrorMetrics of(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("tensors differ in size: " + a.length + " vs " + b.length);
        }
        double max = 0;
        double sq = 0;
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            double x = a[i];
            double y = b[i];
            double d = Math.abs(x - y);
            if (Double.isNaN(d)) {
                // NaN on one side only is maximal disagreement; NaN on both sides agrees.
                d = Double.isNaN(x) && Double.isNaN(y) ? 0 : Double.POSITIVE_INFINITY;
                x = Double.isNaN(x) ? 0 : x;
                y = Double.isNaN(y) ? 0 : y;
            }
            max = Math.max(max, d);
            sq += d * d;
            dot += x * y;
            na += x * x;
            nb += y * y;
        }
        double rmse = a.length == 0 ? 0 : Math.sqrt(sq / a.length);
        double cosine = na == 0 && nb == 0 ? 1 : na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
        return new ErrorMetrics(max, rmse, cosine);
    }

    /** True when any metric passes its threshold. */
    public boolean exceeds(Thresholds t) {
        return maxAbs > t.maxAbs() || rmse > t.rmse() || cosine < t.minCosine();
    }
}
