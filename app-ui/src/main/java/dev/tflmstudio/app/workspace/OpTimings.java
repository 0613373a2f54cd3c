package dev.tflmstudio.app.workspace;

/**
 * Wall times of each op of subgraph 0 over the complete local invokes so far, in nanoseconds.
 *
 * @param last     the latest invoke
 * @param sum      summed over {@code invokes}
 * @param min      fastest seen
 * @param max      slowest seen
 * @param invokes  complete invokes counted
 */
public record OpTimings(long[] last, long[] sum, long[] min, long[] max, int invokes) {
    public static OpTimings first(long[] nanos) {
        return new OpTimings(nanos.clone(), nanos.clone(), nanos.clone(), nanos.clone(), 1);
    }

    /** These timings plus one more invoke. */
    public OpTimings plus(long[] nanos) {
        long[] s = sum.clone();
        long[] lo = min.clone();
        long[] hi = max.clone();
        for (int i = 0; i < nanos.length && i < s.length; i++) {
            s[i] += nanos[i];
            lo[i] = Math.min(lo[i], nanos[i]);
            hi[i] = Math.max(hi[i], nanos[i]);
        }
        return new OpTimings(nanos.clone(), s, lo, hi, invokes + 1);
    }

    public double meanNanos(int op) {
        return invokes == 0 ? 0 : (double) sum[op] / invokes;
    }

    public double totalMeanNanos() {
        double t = 0;
        for (int i = 0; i < sum.length; i++) {
            t += meanNanos(i);
        }
        return t;
    }
}
