package dev.tflmstudio.runtime.kernels;

/**
 * The integer arithmetic TFLM's reference kernels share, bit for bit: {@code QuantizeMultiplier} (frexp-style),
 * {@code MultiplyByQuantizedMultiplier} (TFLM's default double-rounding build, 32- and 64-bit input variants) and
 * gemmlowp's fixed-point primitives and transcendental approximations (exp on negative values, 1/(1+x), logistic,
 * tanh). Fixed-point values are raw {@code int}s; a "Q(i)" value has {@code i} integer bits and {@code 31 - i}
 * fractional bits, as gemmlowp's {@code FixedPoint<int32_t, i>}.
 */
public final class FixedPoint {
    private FixedPoint() {
    }

    /**
     * {@code QuantizeMultiplier}: {@code real = multiplier * 2^(shift - 31)}, multiplier in [2^30, 2^31) (0 for 0).
     * Returned as {@code (long) shift << 32 | multiplier & 0xffffffffL}; use {@link #multiplierOf}/{@link #shiftOf}.
     */
    public static long quantizeMultiplier(double real) {
        if (real == 0.0) {
            return 0L;
        }
        int exp = Math.getExponent(real);
        double mantissa;
        int shift;
        if (exp == Double.MIN_EXPONENT - 1) {
            // subnormal: normalise first (frexp handles these too)
            double scaled = real * 0x1p54;
            exp = Math.getExponent(scaled);
            mantissa = scaled / Math.scalb(1.0, exp + 1);
            shift = exp + 1 - 54;
        } else {
            // frexp: real = mantissa * 2^shift with |mantissa| in [0.5, 1)
            shift = exp + 1;
            mantissa = real / Math.scalb(1.0, shift);
        }
        long qFixed = roundHalfAwayFromZero(mantissa * (1L << 31));
        if (qFixed == (1L << 31)) {
            qFixed /= 2;
            shift++;
        }
        if (shift < -31) {
            shift = 0;
            qFixed = 0;
        }
        return ((long) shift << 32) | (qFixed & 0xffffffffL);
    }

    public static int multiplierOf(long quantized) {
        return (int) quantized;
    }

    public static int shiftOf(long quantized) {
        return (int) (quantized >> 32);
    }

    /** {@code std::round} for doubles: halves away from zero. */
    public static long roundHalfAwayFromZero(double x) {
        double r = roundAbs(Math.abs(x));
        return (long) (x < 0 ? -r : r);
    }

    /** Rounds a non-negative value half up, exactly (no double rounding in {@code x + 0.5}). */
    private static double roundAbs(double ax) {
        double f = Math.floor(ax);
        return ax - f >= 0.5 ? f + 1 : f;
    }

    /** {@code TfLiteRound} / {@code roundf} for floats: halves away from zero, result as a float. */
    public static float roundf(float x) {
        if (Float.isNaN(x) || Float.isInfinite(x) || Math.abs(x) >= 0x1p23f) {
            return x;
        }
        return (float) Math.copySign(roundAbs(Math.abs((double) x)), x);
    }

    /** gemmlowp {@code SaturatingRoundingDoublingHighMul}. */
    public static int saturatingRoundingDoublingHighMul(int a, int b) {
        if (a == b && a == Integer.MIN_VALUE) {
            return Integer.MAX_VALUE;
        }
        long ab = (long) a * b;
        long nudge = ab >= 0 ? (1L << 30) : (1L - (1L << 30));
        return (int) ((ab + nudge) / (1L << 31));
    }

    /** gemmlowp {@code RoundingDivideByPOT}: rounds half away from zero. */
    public static int roundingDivideByPOT(int x, int exponent) {
        int mask = (int) ((1L << exponent) - 1);
        int remainder = x & mask;
        int threshold = (mask >> 1) + (x < 0 ? 1 : 0);
        return (x >> exponent) + (remainder > threshold ? 1 : 0);
    }

    /** {@code RoundingDivideByPOT} on 64-bit values (used by 16x8 kernels via {@code int64} accumulators). */
    public static long roundingDivideByPOT(long x, int exponent) {
        long mask = (1L << exponent) - 1;
        long remainder = x & mask;
        long threshold = (mask >> 1) + (x < 0 ? 1 : 0);
        return (x >> exponent) + (remainder > threshold ? 1 : 0);
    }

    /** gemmlowp {@code SaturatingRoundingMultiplyByPOT<exponent>}. */
    public static int saturatingRoundingMultiplyByPOT(int x, int exponent) {
        if (exponent == 0) {
            return x;
        }
        if (exponent < 0) {
            return roundingDivideByPOT(x, -exponent);
        }
        int threshold = (1 << (31 - exponent)) - 1;
        if (x > threshold) {
            return Integer.MAX_VALUE;
        }
        if (x < -threshold) {
            return Integer.MIN_VALUE;
        }
        return x << exponent;
    }

    /** TFLM {@code MultiplyByQuantizedMultiplier(int32_t x, ...)} (double rounding, the default build). */
    public static int multiplyByQuantizedMultiplier(int x, int multiplier, int shift) {
        int leftShift = shift > 0 ? shift : 0;
        int rightShift = shift > 0 ? 0 : -shift;
        return roundingDivideByPOT(saturatingRoundingDoublingHighMul(x * (1 << leftShift), multiplier), rightShift);
    }

    /** TFLM {@code MultiplyByQuantizedMultiplier(int64_t x, ...)}: the reduced 16-bit multiplier variant. */
    public static int multiplyByQuantizedMultiplier(long x, int multiplier, int shift) {
        int reduced = multiplier < 0x7FFF0000 ? ((multiplier + (1 << 15)) >> 16) : 0x7FFF;
        int totalShift = 15 - shift;
        long r = x * reduced + (1L << (totalShift - 1));
        return (int) (r >> totalShift);
    }

    /** {@code MultiplyByQuantizedMultiplierSmallerThanOneExp} (shift &lt;= 0). */
    public static int multiplyByQuantizedMultiplierSmallerThanOneExp(int x, int multiplier, int leftShift) {
        return roundingDivideByPOT(saturatingRoundingDoublingHighMul(x, multiplier), -leftShift);
    }

    /** {@code MultiplyByQuantizedMultiplierGreaterThanOne} (shift &gt;= 0). */
    public static int multiplyByQuantizedMultiplierGreaterThanOne(int x, int multiplier, int leftShift) {
        return saturatingRoundingDoublingHighMul(x * (1 << leftShift), multiplier);
    }

    /** gemmlowp {@code RoundingHalfSum} for int32. */
    public static int roundingHalfSum(int a, int b) {
        long sum = (long) a + b;
        long sign = sum >= 0 ? 1 : -1;
        return (int) ((sum + sign) / 2);
    }

    /** Saturating add of two int32 raw values is NOT what gemmlowp does for int32: it wraps, as here. */
    private static int mul(int a, int b) {
        return saturatingRoundingDoublingHighMul(a, b);
    }

    /** The raw value of 1.0 in Q(integerBits) (saturated to max for Q0). */
    public static int one(int integerBits) {
        return integerBits == 0 ? Integer.MAX_VALUE : 1 << (31 - integerBits);
    }

    /** gemmlowp {@code exp_on_interval_between_negative_one_quarter_and_0_excl}: Q0 in, Q0 out. */
    public static int expOnIntervalBetweenNegativeOneQuarterAnd0Excl(int a) {
        final int constantTerm = 1895147668;
        final int constant1Over3 = 715827883;
        int x = a + (1 << 28);
        int x2 = mul(x, x);
        int x3 = mul(x2, x);
        int x4 = mul(x2, x2);
        int x4Over4 = saturatingRoundingMultiplyByPOT(x4, -2);
        int poly = saturatingRoundingMultiplyByPOT(mul(x4Over4 + x3, constant1Over3) + x2, -1);
        return constantTerm + mul(constantTerm, x + poly);
    }

    private static final int[] EXP_BARREL_MULTIPLIERS = {1672461947, 1302514674, 790015084, 290630308, 39332535,
            720401, 242};

    /** gemmlowp {@code exp_on_negative_values}: {@code a} in Q(integerBits), a &lt;= 0; result in Q0. */
    public static int expOnNegativeValues(int a, int integerBits) {
        int fractionalBits = 31 - integerBits;
        int oneQuarter = 1 << (fractionalBits - 2);
        int mask = oneQuarter - 1;
        int aModQuarterMinusOneQuarter = (a & mask) - oneQuarter;
        int result = expOnIntervalBetweenNegativeOneQuarterAnd0Excl(
                saturatingRoundingMultiplyByPOT(aModQuarterMinusOneQuarter, integerBits));
        int remainder = aModQuarterMinusOneQuarter - a;
        for (int i = 0; i < EXP_BARREL_MULTIPLIERS.length; i++) {
            int exponent = i - 2;
            if (integerBits > exponent) {
                int shiftAmount = fractionalBits + exponent;
                if ((remainder & (1 << shiftAmount)) != 0) {
                    result = mul(result, EXP_BARREL_MULTIPLIERS[i]);
                }
            }
        }
        if (integerBits > 5) {
            int clamp = -(1 << (fractionalBits + 5));
            if (a < clamp) {
                result = 0;
            }
        }
        return a == 0 ? Integer.MAX_VALUE : result;
    }

    /** Newton-Raphson 1/(1+x) core shared by the two gemmlowp helpers; returns x in Q2. */
    private static int newtonReciprocalQ2(int halfDenominator) {
        final int constant48Over17 = 1515870810;
        final int constantNeg32Over17 = -1010580540;
        int x = constant48Over17 + mul(halfDenominator, constantNeg32Over17);
        final int oneQ2 = 1 << 29;
        for (int i = 0; i < 3; i++) {
            int halfDenominatorTimesX = mul(halfDenominator, x);
            int oneMinus = oneQ2 - halfDenominatorTimesX;
            x = x + saturatingRoundingMultiplyByPOT(mul(x, oneMinus), 2);
        }
        return x;
    }

    /** gemmlowp {@code one_over_one_plus_x_for_x_in_0_1}: Q0 in, Q0 out. */
    public static int oneOverOnePlusXForXIn01(int a) {
        int halfDenominator = roundingHalfSum(a, Integer.MAX_VALUE);
        int x = newtonReciprocalQ2(halfDenominator);
        // ExactMulByPot<-1> turns Q2 into Q1 with the same raw value; Rescale<0> from Q1 shifts left by one.
        return saturatingRoundingMultiplyByPOT(x, 1);
    }

    /** gemmlowp {@code one_minus_x_over_one_plus_x_for_x_in_0_1}: Q0 in, Q0 out. */
    public static int oneMinusXOverOnePlusXForXIn01(int a) {
        int halfDenominator = roundingHalfSum(a, Integer.MAX_VALUE);
        int x = newtonReciprocalQ2(halfDenominator);
        return saturatingRoundingMultiplyByPOT(x - (1 << 29), 2);
    }

    /** gemmlowp {@code logistic}: {@code a} in Q(integerBits), result in Q0. */
    public static int logistic(int a, int integerBits) {
        if (a == 0) {
            return 1 << 30;
        }
        int abs = a > 0 ? a : -a;
        int positive = oneOverOnePlusXForXIn01(expOnNegativeValues(-abs, integerBits));
        return a > 0 ? positive : Integer.MAX_VALUE - positive;
    }

    /** gemmlowp {@code tanh}: {@code a} in Q(integerBits), result in Q0. */
    public static int tanh(int a, int integerBits) {
        if (a == 0) {
            return 0;
        }
        int negAbs = a < 0 ? a : -a;
        // ExactMulByPot<1>: same raw value read with one more integer bit
        int t = oneMinusXOverOnePlusXForXIn01(expOnNegativeValues(negAbs, integerBits + 1));
        return a < 0 ? -t : t;
    }

    /** Saturating cast to int8 range. */
    public static int clampInt8(int v) {
        return v < -128 ? -128 : (v > 127 ? 127 : v);
    }

    /** Saturating cast to int16 range. */
    public static int clampInt16(int v) {
        return v < -32768 ? -32768 : (v > 32767 ? 32767 : v);
    }

    /** {@code std::round} on a double, kept as a double. */
    public static double roundHalfAwayFromZeroD(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return x;
        }
        return Math.copySign(roundAbs(Math.abs(x)), x);
    }

    /** x86-64's double to int32 conversion ({@code static_cast<int32_t>}): out of range and NaN give INT_MIN. */
    public static int cvttsd2si(double x) {
        if (x >= -2147483648.0 && x < 2147483648.0) {
            return (int) x;
        }
        return Integer.MIN_VALUE;
    }
}
