package dev.tflmstudio.runtime.kernels.math;

import static dev.tflmstudio.runtime.kernels.FixedPoint.oneOverOnePlusXForXIn01;
import static dev.tflmstudio.runtime.kernels.FixedPoint.roundingDivideByPOT;
import static dev.tflmstudio.runtime.kernels.FixedPoint.roundingHalfSum;
import static dev.tflmstudio.runtime.kernels.FixedPoint.saturatingRoundingDoublingHighMul;
import static dev.tflmstudio.runtime.kernels.FixedPoint.saturatingRoundingMultiplyByPOT;

import dev.tflmstudio.runtime.kernels.FixedPoint;
import dev.tflmstudio.runtime.kernels.LibmFloat;

/**
 * TFLM / gemmlowp arithmetic the math kernels need beyond {@link FixedPoint}: the fixed-point logarithm
 * (LOG_SOFTMAX), reciprocal (DIV), inverse square root (RSQRT, L2_NORMALIZATION), the 16-bit gemmlowp primitives
 * (HARD_SWISH) and the Prepare-time helpers ({@code CalculateInputRadius}, {@code CheckedLog2}, softmax scaling).
 * Candidates to move into {@code kernels.FixedPoint}. Raw {@code int}s, as there: Q(i) has {@code 31 - i}
 * fractional bits.
 */
final class FixedPointMath {
    private FixedPointMath() {
    }

    /** gcc {@code __builtin_clrsb}: redundant leading sign bits (31 for 0 and -1). */
    static int countLeadingSignBits(int x) {
        return Integer.numberOfLeadingZeros(x >= 0 ? x : ~x) - 1;
    }

    private static int saturatingAdd(int a, int b) {
        long s = (long) a + b;
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, s));
    }

    private static int saturatingSub(int a, int b) {
        long s = (long) a - b;
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, s));
    }

    private static int mul(int a, int b) {
        return saturatingRoundingDoublingHighMul(a, b);
    }

    /**
     * gemmlowp {@code log_x_for_x_greater_than_or_equal_to_1_impl<OutputIntegerBits, InputIntegerBits>}: input in
     * Q(inputIntegerBits), result in Q(outputIntegerBits).
     */
    static int logXForXGreaterThanOrEqualTo1(int input, int inputIntegerBits, int outputIntegerBits) {
        final int log2 = 1488522236;
        final int sqrtSqrtHalf = 1805811301;
        final int sqrtHalf = 1518500250;
        final int oneQuarter = 536870912;
        final int alphaN = 117049297;
        final int alphaD = 127690142;
        final int alphaI = 1057819769;
        final int alphaF = 638450708;
        int accumIntegerBits = outputIntegerBits + 1;
        int shiftedQuarter = saturatingRoundingMultiplyByPOT(oneQuarter, -accumIntegerBits);

        int zA = input;
        int zAHeadroomPlus1 = Integer.numberOfLeadingZeros(zA);
        int rATmp = saturatingRoundingMultiplyByPOT(zA, zAHeadroomPlus1 - 1);
        int rARaw = saturatingRoundingMultiplyByPOT(mul(rATmp, sqrtHalf), 1);
        int zAPow2Adj = saturatingAdd(
                saturatingRoundingMultiplyByPOT(inputIntegerBits - zAHeadroomPlus1, 31 - accumIntegerBits),
                shiftedQuarter);

        int zB = mul(zA, sqrtHalf);
        int zBHeadroom = Integer.numberOfLeadingZeros(zB) - 1;
        int rBRaw = saturatingRoundingMultiplyByPOT(zA, zBHeadroom);
        int zBPow2Adj = saturatingSub(
                saturatingRoundingMultiplyByPOT(inputIntegerBits - zBHeadroom, 31 - accumIntegerBits),
                shiftedQuarter);

        int r = Math.min(rARaw, rBRaw);
        int zPow2Adj = Math.max(zAPow2Adj, zBPow2Adj);

        int p = roundingHalfSum(r, sqrtSqrtHalf);
        int q = r - sqrtSqrtHalf;
        q = q + q;
        int commonSq = mul(q, q);
        int num = mul(q, r) + mul(mul(q, commonSq), alphaN);
        int denomMinusOne = mul(p, alphaI + q + mul(alphaD, commonSq)) + mul(alphaF, q);
        int recipDenom = oneOverOnePlusXForXIn01(denomMinusOne);
        int numScaled = saturatingRoundingMultiplyByPOT(num, -accumIntegerBits);
        int sum = mul(zPow2Adj, log2) + mul(numScaled, recipDenom);
        return saturatingRoundingMultiplyByPOT(sum, accumIntegerBits - outputIntegerBits);
    }

    /**
     * TFLM {@code GetReciprocal}: returns the Q0 multiplier of 1/x (x in Q(xIntegerDigits)) and stores the bits of
     * x above the unit in {@code numBitsOverUnit[0]}.
     */
    static int reciprocal(int x, int xIntegerDigits, int[] numBitsOverUnit) {
        int headroomPlusOne = Integer.numberOfLeadingZeros(x);
        numBitsOverUnit[0] = xIntegerDigits - headroomPlusOne;
        int shiftedSumMinusOne = (x << headroomPlusOne) - Integer.MIN_VALUE;
        return oneOverOnePlusXForXIn01(shiftedSumMinusOne);
    }

    /**
     * TFLM {@code GetInvSqrtQuantizedMultiplierExp} with {@code reverse_shift = -1}: 1/sqrt(input) as
     * {@code multiplier * 2^shift}, returned packed like {@link FixedPoint#quantizeMultiplier}.
     */
    static long invSqrtQuantizedMultiplierExp(int input) {
        if (input <= 1) {
            // TFLM treats 0 and 1 alike to avoid overflow.
            return Integer.MAX_VALUE & 0xffffffffL;
        }
        int outputShift = 11;
        while (input >= (1 << 29)) {
            input /= 4;
            ++outputShift;
        }
        int maxLeftShiftBits = Integer.numberOfLeadingZeros(input) - 1;
        int leftShiftBitPairs = maxLeftShiftBits / 2 - 1;
        outputShift -= leftShiftBitPairs;
        input <<= 2 * leftShiftBitPairs;
        // Newton-Raphson in Q3, starting from 1, five iterations, exactly as TFLM.
        int halfInput = roundingDivideByPOT(input >> 1, 1);
        final int halfThree = (1 << 28) + (1 << 27);
        int x = 1 << 28;
        for (int i = 0; i < 5; i++) {
            int x3 = saturatingRoundingMultiplyByPOT(mul(mul(x, x), x), 6);
            x = saturatingRoundingMultiplyByPOT(mul(halfThree, x) - mul(halfInput, x3), 3);
        }
        final int halfSqrt2 = 1518500250;
        int invSqrt = mul(x, halfSqrt2);
        if (outputShift < 0) {
            invSqrt <<= -outputShift;
            outputShift = 0;
        }
        return ((long) -outputShift << 32) | (invSqrt & 0xffffffffL);
    }

    /** TFLM {@code CalculateInputRadius}. */
    static int inputRadius(int inputIntegerBits, int inputLeftShift, int totalSignedBits) {
        double maxInputRescaled = 1.0 * ((1 << inputIntegerBits) - 1)
                * (double) (1L << (totalSignedBits - inputIntegerBits)) / (double) (1L << inputLeftShift);
        return (int) Math.floor(maxInputRescaled);
    }

    /** The rounded log2 TFLM's {@code CheckedLog2} computes (in float, as there). */
    static int roundedLog2(float x) {
        float log2 = LibmFloat.log(x) * (1.0f / LibmFloat.log(2.0f));
        return (int) FixedPoint.roundf(log2);
    }

    /** TFLM's {@code CheckedLog2} verdict: {@code x} is within 1e-3 (in log2) of a power of two. */
    static boolean isPowerOfTwo(float x) {
        float log2 = LibmFloat.log(x) * (1.0f / LibmFloat.log(2.0f));
        return Math.abs(log2 - FixedPoint.roundf(log2)) < 1e-3f;
    }

    /** gemmlowp {@code SaturatingRoundingDoublingHighMul} for int16. */
    static short srdhm16(short a, short b) {
        if (a == b && a == Short.MIN_VALUE) {
            return Short.MAX_VALUE;
        }
        int ab = a * b;
        int nudge = ab >= 0 ? (1 << 14) : (1 - (1 << 14));
        return (short) ((ab + nudge) / (1 << 15));
    }

    /** TFLM {@code SaturatingDoublingHighMul} for int16: like {@link #srdhm16} but truncating. */
    static short sdhm16(short a, short b) {
        if (a == b && a == Short.MIN_VALUE) {
            return Short.MAX_VALUE;
        }
        return (short) ((a * b) / (1 << 15));
    }

    /** gemmlowp {@code RoundingDivideByPOT} on an int16 value. */
    static short roundingDivideByPOT16(short x, int exponent) {
        int mask = (1 << exponent) - 1;
        int remainder = x & mask;
        int threshold = (mask >> 1) + (x < 0 ? 1 : 0);
        return (short) ((x >> exponent) + (remainder > threshold ? 1 : 0));
    }

    /** TFLM {@code SaturatingLeftShift} on an int16 value. */
    static short saturatingLeftShift16(short value, int amount) {
        long result = (long) value * (1 << amount);
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, result));
    }

    /** TFLM {@code DownScaleInt32ToInt16Multiplier}. */
    static short downScaleInt32ToInt16Multiplier(int multiplier) {
        final int roundingOffset = 1 << 15;
        if (multiplier >= Integer.MAX_VALUE - roundingOffset) {
            return Short.MAX_VALUE;
        }
        return (short) ((multiplier + roundingOffset) >> 16);
    }
}
