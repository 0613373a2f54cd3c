package dev.tflmstudio.runtime.kernels.math;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tflmstudio.runtime.kernels.FixedPoint;
import org.junit.jupiter.api.Test;

/** Spot checks of the TFLM/gemmlowp helpers against the real values they approximate. */
class FixedPointMathTest {

    @Test
    void inverseSquareRootAsMultiplierAndShift() {
        for (int input : new int[] {2, 4, 100, 12345, 1 << 20, Integer.MAX_VALUE}) {
            long packed = FixedPointMath.invSqrtQuantizedMultiplierExp(input);
            double value = FixedPoint.multiplierOf(packed) * Math.pow(2, FixedPoint.shiftOf(packed) - 31);
            assertThat(value).as("1/sqrt(%d)", input).isCloseTo(1 / Math.sqrt(input),
                    org.assertj.core.data.Percentage.withPercentage(0.01));
        }
    }

    @Test
    void logOfQ12ValuesInQ5() {
        // log(x) for x = 1, e, 100 (input Q12.19, output Q5.26)
        for (double x : new double[] {1.0, Math.E, 100.0}) {
            int raw = (int) Math.round(x * (1 << 19));
            int log = FixedPointMath.logXForXGreaterThanOrEqualTo1(raw, 12, 5);
            assertThat(log / (double) (1 << 26)).as("log(%s)", x).isCloseTo(Math.log(x),
                    org.assertj.core.data.Offset.offset(1e-5));
        }
    }

    @Test
    void reciprocalAndSignBits() {
        int[] bits = new int[1];
        int r = FixedPointMath.reciprocal(3, 31, bits);
        // 1/3 = r * 2^(bits - 31)... GetReciprocal returns 1/(1 + x) of the normalised value: 3 = 1.5 * 2^1
        assertThat(r / (double) Integer.MAX_VALUE).isCloseTo(1 / 1.5, org.assertj.core.data.Offset.offset(1e-8));
        assertThat(bits[0]).isEqualTo(31 - Integer.numberOfLeadingZeros(3));
        assertThat(FixedPointMath.countLeadingSignBits(0)).isEqualTo(31);
        assertThat(FixedPointMath.countLeadingSignBits(-1)).isEqualTo(31);
        assertThat(FixedPointMath.countLeadingSignBits(1)).isEqualTo(30);
        assertThat(FixedPointMath.countLeadingSignBits(Integer.MIN_VALUE)).isEqualTo(0);
    }

    @Test
    void hardSwishSixteenBitPrimitives() {
        assertThat(FixedPointMath.srdhm16(Short.MIN_VALUE, Short.MIN_VALUE)).isEqualTo(Short.MAX_VALUE);
        assertThat(FixedPointMath.srdhm16((short) 16384, (short) 16384)).isEqualTo((short) 8192);
        assertThat(FixedPointMath.sdhm16((short) -3, (short) 16384)).isEqualTo((short) -1);
        assertThat(FixedPointMath.roundingDivideByPOT16((short) -3, 1)).isEqualTo((short) -2);
        assertThat(FixedPointMath.saturatingLeftShift16((short) 20000, 1)).isEqualTo(Short.MAX_VALUE);
        assertThat(FixedPointMath.downScaleInt32ToInt16Multiplier(Integer.MAX_VALUE)).isEqualTo(Short.MAX_VALUE);
        assertThat(FixedPointMath.downScaleInt32ToInt16Multiplier(1 << 30)).isEqualTo((short) (1 << 14));
    }
}
