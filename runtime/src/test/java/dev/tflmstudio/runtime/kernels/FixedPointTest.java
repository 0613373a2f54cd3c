package dev.tflmstudio.runtime.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The shared arithmetic against values TFLM's own definitions give. */
class FixedPointTest {

    @Test
    void quantizeMultiplierIsFrexpStyle() {
        long q = FixedPoint.quantizeMultiplier(0.5);
        assertThat(FixedPoint.multiplierOf(q)).isEqualTo(1 << 30);
        assertThat(FixedPoint.shiftOf(q)).isZero();
        q = FixedPoint.quantizeMultiplier(0.75);
        assertThat(FixedPoint.multiplierOf(q)).isEqualTo(1610612736);
        assertThat(FixedPoint.shiftOf(q)).isZero();
        q = FixedPoint.quantizeMultiplier(3.0);
        assertThat(FixedPoint.multiplierOf(q)).isEqualTo(1610612736);
        assertThat(FixedPoint.shiftOf(q)).isEqualTo(2);
        // a mantissa that rounds up to 2^31 is halved and the shift bumped
        q = FixedPoint.quantizeMultiplier(Math.nextDown(1.0));
        assertThat(FixedPoint.multiplierOf(q)).isEqualTo(1 << 30);
        assertThat(FixedPoint.shiftOf(q)).isEqualTo(1);
        // below 2^-31 flushes to zero
        q = FixedPoint.quantizeMultiplier(1e-12);
        assertThat(FixedPoint.multiplierOf(q)).isZero();
        assertThat(FixedPoint.shiftOf(q)).isZero();
        assertThat(FixedPoint.quantizeMultiplier(0.0)).isZero();
    }

    @Test
    void saturatingRoundingDoublingHighMulMatchesGemmlowp() {
        assertThat(FixedPoint.saturatingRoundingDoublingHighMul(Integer.MIN_VALUE, Integer.MIN_VALUE))
                .isEqualTo(Integer.MAX_VALUE);
        assertThat(FixedPoint.saturatingRoundingDoublingHighMul(1 << 30, 1 << 30)).isEqualTo(1 << 29);
        // gemmlowp's nudge rounds positive halves up and negative halves toward zero
        assertThat(FixedPoint.saturatingRoundingDoublingHighMul(3, 1 << 30)).isEqualTo(2);
        assertThat(FixedPoint.saturatingRoundingDoublingHighMul(-3, 1 << 30)).isEqualTo(-1);
    }

    @Test
    void roundingDivideByPotRoundsHalfAwayFromZero() {
        assertThat(FixedPoint.roundingDivideByPOT(5, 1)).isEqualTo(3);
        assertThat(FixedPoint.roundingDivideByPOT(-5, 1)).isEqualTo(-3);
        assertThat(FixedPoint.roundingDivideByPOT(4, 1)).isEqualTo(2);
        assertThat(FixedPoint.roundingDivideByPOT(-7, 2)).isEqualTo(-2);
        assertThat(FixedPoint.roundingDivideByPOT(1 << 30, 31)).isEqualTo(1);
    }

    @Test
    void multiplyByQuantizedMultiplierHasBothTflmVariants() {
        long half = FixedPoint.quantizeMultiplier(0.5);
        int m = FixedPoint.multiplierOf(half);
        int s = FixedPoint.shiftOf(half);
        assertThat(FixedPoint.multiplyByQuantizedMultiplier(101, m, s)).isEqualTo(51);
        assertThat(FixedPoint.multiplyByQuantizedMultiplier(-101, m, s)).isEqualTo(-50);
        // the 64-bit variant reduces the multiplier to 16 bits and rounds half up
        assertThat(FixedPoint.multiplyByQuantizedMultiplier(101L, m, s)).isEqualTo(51);
        assertThat(FixedPoint.multiplyByQuantizedMultiplier(-101L, m, s)).isEqualTo(-50);
        long three = FixedPoint.quantizeMultiplier(3.0);
        assertThat(FixedPoint.multiplyByQuantizedMultiplier(7, FixedPoint.multiplierOf(three),
                FixedPoint.shiftOf(three))).isEqualTo(21);
    }

    @Test
    void roundfIsTfLiteRound() {
        assertThat(FixedPoint.roundf(2.5f)).isEqualTo(3f);
        assertThat(FixedPoint.roundf(-2.5f)).isEqualTo(-3f);
        assertThat(FixedPoint.roundf(0.49999997f)).isEqualTo(0f);
        assertThat(FixedPoint.roundHalfAwayFromZeroD(0.49999999999999994)).isEqualTo(0.0);
        assertThat(FixedPoint.cvttsd2si(Double.NaN)).isEqualTo(Integer.MIN_VALUE);
        assertThat(FixedPoint.cvttsd2si(3e9)).isEqualTo(Integer.MIN_VALUE);
    }

    @Test
    void gemmlowpTranscendentalsHitKnownPoints() {
        // exp(0) is one (saturated Q0), exp(-1) in Q0.31 with 5 integer bits of input
        assertThat(FixedPoint.expOnNegativeValues(0, 5)).isEqualTo(Integer.MAX_VALUE);
        int minusOne = -(1 << 26);
        double e = FixedPoint.expOnNegativeValues(minusOne, 5) / 2147483648.0;
        assertThat(e).isCloseTo(Math.exp(-1), org.assertj.core.data.Offset.offset(1e-6));
        assertThat(FixedPoint.logistic(0, 4)).isEqualTo(1 << 30);
        double t = FixedPoint.tanh(1 << 27, 4) / 2147483648.0;
        assertThat(t).isCloseTo(Math.tanh(1.0), org.assertj.core.data.Offset.offset(1e-6));
        double r = FixedPoint.oneOverOnePlusXForXIn01(1 << 30) / 2147483648.0;
        assertThat(r).isCloseTo(1 / 1.5, org.assertj.core.data.Offset.offset(1e-6));
    }
}
