package dev.tflmstudio.profiler.run;

import java.util.Arrays;
import java.util.List;

/**
 * Timing statistics of one op over a run's invocations, in microseconds. The first invocation is kept apart
 * ({@code firstMicros}) because it pays for cold caches and lazy setup; min, median, p95 and max describe the
 * steady state, i.e. every invocation but the first when there are two or more. Values a source did not report
 * (a reference log that gives only medians) are null.
 *
 * @param count        invocations measured
 * @param medianMicros steady-state median: the lower middle value, so it is always a time that was measured (as
 *                     the serial bridge's board statistics count it)
 * @param p95Micros    steady-state 95th percentile, nearest-rank
 */
public record OpStats(int count, Double minMicros, double medianMicros, Double p95Micros, Double maxMicros,
                      Double firstMicros) {

    /** Statistics of measured samples, in invocation order. */
    public static OpStats of(List<Double> samplesMicros) {
        if (samplesMicros.isEmpty()) {
            throw new IllegalArgumentException("no samples");
        }
        double first = samplesMicros.get(0);
        double[] steady = samplesMicros.stream().skip(samplesMicros.size() > 1 ? 1 : 0)
                .mapToDouble(Double::doubleValue).sorted().toArray();
        int n = steady.length;
        double median = steady[(n - 1) / 2];
        double p95 = steady[(int) Math.ceil(0.95 * n) - 1];
        return new OpStats(samplesMicros.size(), steady[0], median, p95, steady[n - 1], first);
    }

    /** Only a median is known (e.g. from a log that prints per-op medians). */
    public static OpStats medianOnly(int count, double medianMicros) {
        return new OpStats(count, null, medianMicros, null, null, null);
    }

    /** Statistics of a single value (an estimate). */
    public static OpStats single(double micros) {
        return of(Arrays.asList(micros));
    }
}
