package dev.tflmstudio.serial.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The session's tick statistics in bounded memory, against sorting every sample as the bridge used to. */
class TickDistributionTest {
    private static long[] sorted(long[] samples, int n) {
        long[] s = Arrays.copyOf(samples, n);
        Arrays.sort(s);
        return s;
    }

    /** The old definition: lower middle median, nearest-rank p95, over every sample sorted. */
    private static TickStats bySorting(long[] samples, int from, int to) {
        int n = to - from;
        if (n == 0) {
            return TickStats.EMPTY;
        }
        long[] s = Arrays.copyOfRange(samples, from, to);
        Arrays.sort(s);
        return new TickStats(n, s[0], s[(n - 1) / 2], s[(int) Math.ceil(0.95 * n) - 1], s[n - 1]);
    }

    @Test
    void whileTheTicksTakeFewValuesEveryFigureIsTheTickCountSortingGives() {
        Random random = new Random(13);
        for (int n : new int[] {1, 2, 3, 4, 19, 20, 21, 100, 101, 5_000}) {
            TickDistribution d = new TickDistribution();
            long[] samples = new long[n];
            for (int i = 0; i < n; i++) {
                // A board's op: a large count give or take a few hundred ticks, now and then an unfinished -1.
                samples[i] = random.nextInt(50) == 0 ? -1 : 4_000_000_000L + random.nextInt(900);
                d.add(samples[i]);
            }
            assertThat(d.stats()).isEqualTo(bySorting(samples, 0, n)).matches(TickStats::exact);
            assertThat(d.steadyStats()).as("all but the first").isEqualTo(bySorting(samples, 1, n));
        }
    }

    @Test
    void pastTheExactTableTheMedianAndP95AreWithinATenthOfAPercentAndSaySo() {
        Random random = new Random(7);
        int n = 200_000;
        long[] samples = new long[n];
        TickDistribution d = new TickDistribution();
        for (int i = 0; i < n; i++) {
            samples[i] = i % 1000 == 0 ? -1 - random.nextInt(3) : 20_000 + random.nextInt(3_000_000);
            d.add(samples[i]);
        }
        long[] s = sorted(samples, n);
        TickStats stats = d.stats();
        assertThat(stats.exact()).isFalse();
        assertThat(stats.count()).isEqualTo(n);
        assertThat(stats.min()).isEqualTo(s[0]);
        assertThat(stats.max()).isEqualTo(s[n - 1]);
        assertThat((double) stats.median()).isCloseTo(s[(n - 1) / 2], org.assertj.core.data.Percentage.withPercentage(0.1));
        assertThat((double) stats.p95()).isCloseTo(s[(int) Math.ceil(0.95 * n) - 1],
                org.assertj.core.data.Percentage.withPercentage(0.1));
        TickStats steady = d.steadyStats();
        TickStats exactSteady = bySorting(samples, 1, n);
        assertThat(steady.count()).isEqualTo(n - 1);
        assertThat(steady.min()).isEqualTo(exactSteady.min());
        assertThat(steady.max()).isEqualTo(exactSteady.max());
        assertThat((double) steady.median()).isCloseTo(exactSteady.median(),
                org.assertj.core.data.Percentage.withPercentage(0.1));
        assertThat(steady.exact()).isFalse();
    }

    @Test
    void theSteadyStateLeavesOutTheColdFirstCountEvenPastTheExactTable() {
        TickDistribution d = new TickDistribution();
        d.add(1_000_000);
        for (int i = 0; i < 3_000; i++) {
            d.add(10 + i % 1_500);
        }
        assertThat(d.stats().max()).isEqualTo(1_000_000);
        assertThat(d.steadyStats().max()).isEqualTo(1_509);
        assertThat(d.steadyStats().p95()).isEqualTo(bySortingSteady());
    }

    /** p95 of two rounds of 10..1509 (every value below 2,048: the histogram's buckets are one tick wide there). */
    private static long bySortingSteady() {
        long[] v = new long[3_000];
        for (int i = 0; i < v.length; i++) {
            v[i] = 10 + i % 1_500;
        }
        return bySorting(v, 0, v.length).p95();
    }

    @Test
    void negativeTicksStayInOrderPastTheExactTable() {
        TickDistribution d = new TickDistribution();
        for (int i = 0; i < 2_000; i++) {
            d.add(-1 - i);
        }
        d.add(5);
        TickStats stats = d.stats();
        assertThat(stats.exact()).isFalse();
        assertThat(stats.min()).isEqualTo(-2_000);
        assertThat(stats.max()).isEqualTo(5);
        assertThat((double) stats.median()).isCloseTo(-1_000, org.assertj.core.data.Percentage.withPercentage(0.1));
    }
}
