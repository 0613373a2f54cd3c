package dev.tflmstudio.serial.analysis;

import java.util.Arrays;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * The tick counts of one op (or of whole invocations) over a session, in memory that does not grow with the
 * session. Exact while the ticks take at most {@link #EXACT_VALUES} distinct values (a board's op takes a few
 * dozen: the same work, give or take a cache miss): a sorted table of value and count, so every figure is a tick
 * count the board printed. A value beyond that moves the table into an HdrHistogram of
 * {@value #HISTOGRAM_DIGITS} significant digits (a median or p95 then within 0.1% of the exact one, min and max
 * still exact) and the statistics say they are approximate. Not thread-safe; the owner synchronizes.
 */
final class TickDistribution {
    static final int EXACT_VALUES = 1024;
    static final int HISTOGRAM_DIGITS = 3;

    private long[] values = new long[8];
    private long[] counts = new long[8];
    private int distinct;
    /** Non-negative ticks once the table overflowed; null before. */
    private Histogram histogram;
    /** Negated negative ticks once the table overflowed (an unfinished event prints -1; HdrHistogram takes >= 0). */
    private Histogram negated;
    private long count;
    private long min = Long.MAX_VALUE;
    private long max = Long.MIN_VALUE;

    void add(long ticks) {
        count++;
        min = Math.min(min, ticks);
        max = Math.max(max, ticks);
        if (histogram != null) {
            record(ticks, 1);
            return;
        }
        int at = Arrays.binarySearch(values, 0, distinct, ticks);
        if (at >= 0) {
            counts[at]++;
            return;
        }
        if (distinct == EXACT_VALUES) {
            toHistogram();
            record(ticks, 1);
            return;
        }
        int insert = -at - 1;
        if (distinct == values.length) {
            values = Arrays.copyOf(values, distinct * 2);
            counts = Arrays.copyOf(counts, distinct * 2);
        }
        System.arraycopy(values, insert, values, insert + 1, distinct - insert);
        System.arraycopy(counts, insert, counts, insert + 1, distinct - insert);
        values[insert] = ticks;
        counts[insert] = 1;
        distinct++;
    }

    long count() {
        return count;
    }

    /** Median (lower middle) and p95 by nearest rank, as {@link TickStats} defines them. */
    TickStats stats() {
        if (count == 0) {
            return TickStats.EMPTY;
        }
        long medianRank = (count + 1) / 2;
        long p95Rank = (long) Math.ceil(0.95 * count);
        // The count is kept whole in the summary's invocations; TickStats has room for 2^31 - 1 (24 days at 1,000/s).
        int shownCount = (int) Math.min(count, Integer.MAX_VALUE);
        return new TickStats(shownCount, min, atRank(medianRank), atRank(p95Rank), max, histogram == null);
    }

    /** The value of 1-based rank {@code rank} in ascending order. */
    private long atRank(long rank) {
        if (histogram == null) {
            long seen = 0;
            for (int i = 0; i < distinct; i++) {
                seen += counts[i];
                if (seen >= rank) {
                    return values[i];
                }
            }
            return max;
        }
        long negatives = negated.getTotalCount();
        long value = rank <= negatives
                ? -walk(negated, negatives - rank + 1)
                : walk(histogram, rank - negatives);
        return Math.max(min, Math.min(max, value));
    }

    private static long walk(Histogram h, long rank) {
        long seen = 0;
        for (HistogramIterationValue v : h.recordedValues()) {
            seen += v.getCountAtValueIteratedTo();
            if (seen >= rank) {
                return h.highestEquivalentValue(v.getValueIteratedTo());
            }
        }
        return h.getMaxValue();
    }

    private void toHistogram() {
        histogram = new Histogram(HISTOGRAM_DIGITS);
        negated = new Histogram(HISTOGRAM_DIGITS);
        for (int i = 0; i < distinct; i++) {
            record(values[i], counts[i]);
        }
        values = null;
        counts = null;
    }

    private void record(long ticks, long times) {
        // HdrHistogram tracks up to Long.MAX_VALUE / 2; ticks are 32-bit on every board, larger is garbage.
        long clamped = Math.min(Math.abs(Math.max(ticks, -Long.MAX_VALUE)), Long.MAX_VALUE / 4);
        (ticks < 0 ? negated : histogram).recordValueWithCount(clamped, times);
    }
}
