package dev.tflmstudio.serial.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The session's tick statistics in bounded memory, against sorting every sample as the bridge used to. */
class TickDistributionTest {
    /** The old definition: lower middle median, nearest-rank p95, over every sample sorted. */
    private static long[] sorted(long[] samples, int n) {
        long[] s = Arrays.copyOf(samples, n);
        Arrays.sort(s);
        return s;
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
            long[] s = sorted(samples, n);
            TickStats stats = d.stats();
            assertThat(stats).isEqualTo(new TickStats(n, s[0], s[(n - 1) / 2], s[(int) Math.ceil(0.95 * n) - 1],
                    s[n - 1]));
            assertThat(stats.exact()).isTrue();
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
