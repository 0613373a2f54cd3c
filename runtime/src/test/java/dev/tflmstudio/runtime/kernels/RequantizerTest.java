package dev.tflmstudio.runtime.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The branch-free requantizer gives what {@link FixedPoint#multiplyByQuantizedMultiplier} gives, for every shift. */
class RequantizerTest {
    private static final int[] EDGES = {0, 1, -1, 2, -2, Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE - 1,
            Integer.MIN_VALUE + 1, 1 << 30, -(1 << 30), (1 << 30) - 1, 12345678, -12345678, 1 << 16, -(1 << 16)};

    private static int reference(int acc, int m, int shift, int offset, int lo, int hi) {
        int v = FixedPoint.multiplyByQuantizedMultiplier(acc, m, shift) + offset;
        return v < lo ? lo : (v > hi ? hi : v);
    }

    @Test
    void matchesMultiplyByQuantizedMultiplierOnEdgesAndRandomValues() {
        Random r = new Random(12);
        int[] mult = new int[80];
        int[] shift = new int[mult.length];
        for (int c = 0; c < mult.length; c++) {
            // shifts -40..39 cover the branch-free range and beyond it; multipliers as QuantizeMultiplier makes them,
            // plus 0 and 2^31 - 1
            shift[c] = c - 40;
            mult[c] = c % 7 == 0 ? 0 : c % 11 == 0 ? Integer.MAX_VALUE : (1 << 30) + r.nextInt(1 << 30);
        }
        Requantizer q = new Requantizer(mult, shift, -5, -128, 127);
        Requantizer exact = new Requantizer(new int[] {mult[45]}, new int[] {shift[45]}, 3, -128, 127);
        int[] acc = new int[mult.length];
        byte[] out = new byte[mult.length];
        for (int round = 0; round < 2000; round++) {
            for (int c = 0; c < acc.length; c++) {
                acc[c] = round < EDGES.length ? EDGES[round] : r.nextInt() >> r.nextInt(32);
            }
            q.pixels(acc, 1, out, 0);
            for (int c = 0; c < acc.length; c++) {
                int want = reference(acc[c], mult[c], shift[c], -5, -128, 127);
                assertThat(q.apply(acc[c], c)).as("acc %d channel %d", acc[c], c).isEqualTo(want);
                assertThat(out[c]).as("pixels: acc %d channel %d", acc[c], c).isEqualTo((byte) want);
            }
            byte[] row = new byte[3 * acc.length];
            exact.channelRow(acc, 0, acc.length, 0, row, 1, 3);
            for (int k = 0; k < acc.length; k++) {
                assertThat(row[1 + 3 * k]).as("row: acc %d", acc[k])
                        .isEqualTo((byte) reference(acc[k], mult[45], shift[45], 3, -128, 127));
            }
        }
    }

    @Test
    void aMultiplierOfIntMinSaturatesAsTheReferenceDoes() {
        Requantizer q = new Requantizer(new int[] {Integer.MIN_VALUE}, new int[] {0}, 0, -1000, 1000);
        assertThat(q.apply(Integer.MIN_VALUE, 0)).isEqualTo(reference(Integer.MIN_VALUE, Integer.MIN_VALUE, 0, 0,
                -1000, 1000));
        assertThat(q.apply(77, 0)).isEqualTo(reference(77, Integer.MIN_VALUE, 0, 0, -1000, 1000));
    }
}
