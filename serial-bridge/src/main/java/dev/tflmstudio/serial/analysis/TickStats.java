package dev.tflmstudio.serial.analysis;

import java.util.Arrays;

/**
 * Order statistics of a set of tick counts. Median is the lower middle value and p95 the nearest-rank 95th
 * percentile, so every figure is a tick count the board actually printed.
 */
public record TickStats(int count, long min, long median, long p95, long max) {
    public static final TickStats EMPTY = new TickStats(0, 0, 0, 0, 0);

    /** Statistics of {@code values[from, to)}. */
    public static TickStats of(long[] values, int from, int to) {
        int n = to - from;
        if (n <= 0) {
            return EMPTY;
        }
        long[] sorted = Arrays.copyOfRange(values, from, to);
        Arrays.sort(sorted);
        int p95Rank = (int) Math.ceil(0.95 * n);
        return new TickStats(n, sorted[0], sorted[(n - 1) / 2], sorted[p95Rank - 1], sorted[n - 1]);
    }
}
