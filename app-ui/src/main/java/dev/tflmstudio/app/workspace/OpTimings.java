package dev.tflmstudio.app.workspace;

import java.util.ArrayList;
import java.util.List;

/**
 * Wall times of each op of subgraph 0 over the complete local invokes so far, in nanoseconds, one array per invoke
 * in run order (the profiler's statistics need every sample, not just sums).
 *
 * @param samples per invoke, per op; never empty
 */
public record OpTimings(List<long[]> samples) {
    public OpTimings {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no invokes");
        }
        samples = List.copyOf(samples);
    }

    public static OpTimings first(long[] nanos) {
        return new OpTimings(List.of(nanos.clone()));
    }

    /** These timings plus one more invoke. */
    public OpTimings plus(long[] nanos) {
        List<long[]> more = new ArrayList<>(samples);
        more.add(nanos.clone());
        return new OpTimings(more);
    }

    public int invokes() {
        return samples.size();
    }

    /** Ops timed per invoke. */
    public int opCount() {
        return samples.get(0).length;
    }

    /** The latest invoke. */
    public long[] last() {
        return samples.get(samples.size() - 1).clone();
    }

    /** One op's times over the invokes in run order, in microseconds (what the profiler's statistics take). */
    public List<Double> micros(int op) {
        List<Double> us = new ArrayList<>(samples.size());
        for (long[] invoke : samples) {
            us.add(op < invoke.length ? invoke[op] / 1000.0 : Double.NaN);
        }
        return us;
    }

    public double meanNanos(int op) {
        double sum = 0;
        for (long[] invoke : samples) {
            sum += op < invoke.length ? invoke[op] : 0;
        }
        return sum / samples.size();
    }

    public double totalMeanNanos() {
        double t = 0;
        for (int i = 0; i < opCount(); i++) {
            t += meanNanos(i);
        }
        return t;
    }
}
