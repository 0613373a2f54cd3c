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
 * still exact) and the statistics say they are approximate. The steady state (every count but the first, which a
 * board's cold caches make slower) is read from the same table, so each op records into one. Not thread-safe; the
 * owner synchronizes.
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
    private long first;
    private long min = Long.MAX_VALUE;
    private long max = Long.MIN_VALUE;
    /** Min and max of every count after the first: exact, which the histogram's could not give. */
    private long steadyMin = Long.MAX_VALUE;
    private long steadyMax = Long.MIN_VALUE;

    void add(long ticks) {
        if (count == 0) {
            first = ticks;
        } else {
            steadyMin = Math.min(steadyMin, ticks);
            steadyMax = Math.max(steadyMax, ticks);
        }
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

    /** Over every count: median (lower middle) and p95 by nearest rank, as {@link TickStats} defines them. */
    TickStats stats() {
        return stats(count, min, max, false);
    }

    /** Over every count but the first ({@link TickStats#EMPTY} until there are two). */
    TickStats steadyStats() {
        return stats(count - 1, steadyMin, steadyMax, true);
    }

    private TickStats stats(long n, long low, long high, boolean skipFirst) {
        if (n <= 0) {
            return TickStats.EMPTY;
        }
        long medianRank = (n + 1) / 2;
        long p95Rank = (long) Math.ceil(0.95 * n);
        // The count is kept whole in the summary's invocations; TickStats has room for 2^31 - 1 (24 days at 1,000/s).
        int shownCount = (int) Math.min(n, Integer.MAX_VALUE);
        return new TickStats(shownCount, low, clamp(atRank(medianRank, skipFirst), low, high),
                clamp(atRank(p95Rank, skipFirst), low, high), high, histogram == null);
    }

    private static long clamp(long value, long low, long high) {
        return Math.max(low, Math.min(high, value));
    }

    /** The value of 1-based rank {@code rank} in ascending order, without the first count if {@code skipFirst}. */
    private long atRank(long rank, boolean skipFirst) {
        if (histogram == null) {
            long seen = 0;
            for (int i = 0; i < distinct; i++) {
                seen += counts[i] - (skipFirst && values[i] == first ? 1 : 0);
                if (seen >= rank) {
                    return values[i];
                }
            }
            return max;
        }
        long negatives = negated.getTotalCount() - (skipFirst && first < 0 ? 1 : 0);
        if (rank <= negatives) {
            return -walk(negated, negatives - rank + 1, skipFirst && first < 0 ? magnitude(first) : -1);
        }
        return walk(histogram, rank - negatives, skipFirst && first >= 0 ? magnitude(first) : -1);
    }

    /** Walks {@code h} to {@code rank}, leaving one count of {@code skip} out (none when it is -1). */
    private static long walk(Histogram h, long rank, long skip) {
        long seen = 0;
        boolean skipped = skip < 0;
        for (HistogramIterationValue v : h.recordedValues()) {
            seen += v.getCountAtValueIteratedTo();
            if (!skipped && h.valuesAreEquivalent(v.getValueIteratedTo(), skip)) {
                seen--;
                skipped = true;
            }
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
        (ticks < 0 ? negated : histogram).recordValueWithCount(magnitude(ticks), times);
    }

    /** What the histograms record: HdrHistogram takes 0 to Long.MAX_VALUE / 2 (boards' ticks are 32-bit). */
    private static long magnitude(long ticks) {
        return Math.min(Math.abs(Math.max(ticks, -Long.MAX_VALUE)), Long.MAX_VALUE / 4);
    }
}
