package dev.tflmstudio.serial.analysis;

/**
 * Order statistics of a set of tick counts. Median is the lower middle value and p95 the nearest-rank 95th
 * percentile, so every figure is a tick count the board actually printed, while {@code exact}; an op whose ticks
 * took more than {@value TickDistribution#EXACT_VALUES} distinct values has its median and p95 from a histogram
 * (within 0.1%, min and max still exact) and {@code exact} false.
 *
 * @param count how many tick counts (at most {@link Integer#MAX_VALUE}; the session's invocations count on)
 */
public record TickStats(int count, long min, long median, long p95, long max, boolean exact) {
    public static final TickStats EMPTY = new TickStats(0, 0, 0, 0, 0);

    /** Exact statistics. */
    public TickStats(int count, long min, long median, long p95, long max) {
        this(count, min, median, p95, max, true);
    }
}
