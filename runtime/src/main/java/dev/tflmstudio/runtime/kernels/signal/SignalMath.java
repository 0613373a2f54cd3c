package dev.tflmstudio.runtime.kernels.signal;

/**
 * The integer helpers of TFLM's {@code signal/src} library (msb, square roots, log), on Java ints and longs that
 * hold C's unsigned 32- and 64-bit values bit for bit.
 */
final class SignalMath {
    private static final int[] LOG_LUT = {
        0, 224, 442, 654, 861, 1063, 1259, 1450, 1636, 1817, 1992, 2163,
        2329, 2490, 2646, 2797, 2944, 3087, 3224, 3358, 3487, 3611, 3732, 3848,
        3960, 4068, 4172, 4272, 4368, 4460, 4549, 4633, 4714, 4791, 4864, 4934,
        5001, 5063, 5123, 5178, 5231, 5280, 5326, 5368, 5408, 5444, 5477, 5507,
        5533, 5557, 5578, 5595, 5610, 5622, 5631, 5637, 5640, 5641, 5638, 5633,
        5626, 5615, 5602, 5586, 5568, 5547, 5524, 5498, 5470, 5439, 5406, 5370,
        5332, 5291, 5249, 5203, 5156, 5106, 5054, 5000, 4944, 4885, 4825, 4762,
        4697, 4630, 4561, 4490, 4416, 4341, 4264, 4184, 4103, 4020, 3935, 3848,
        3759, 3668, 3575, 3481, 3384, 3286, 3186, 3084, 2981, 2875, 2768, 2659,
        2549, 2437, 2323, 2207, 2090, 1971, 1851, 1729, 1605, 1480, 1353, 1224,
        1094, 963, 830, 695, 559, 421, 282, 142, 0, 0};
    private static final int LOG_SEGMENTS_LOG2 = 7;
    private static final int LOG_SCALE = 65536;
    private static final int LOG_SCALE_LOG2 = 16;
    private static final long LOG_COEFF = 45426;

    private SignalMath() {
    }

    /** {@code MostSignificantBit32} as built with GCC: bit length of x, and 32 for x == 0. */
    static int msb32(int x) {
        return x == 0 ? 32 : 32 - Integer.numberOfLeadingZeros(x);
    }

    /** {@code MostSignificantBit64} as built with GCC: bit length of x, and 64 for x == 0. */
    static int msb64(long x) {
        return x == 0 ? 64 : 64 - Long.numberOfLeadingZeros(x);
    }

    /**
     * {@code Sqrt32}: rounded integer square root of an unsigned 32-bit value, as uint16 (TFLM's digit-by-digit root
     * leaves {@code floor(sqrt(v))} and the remainder {@code v - root^2}; it rounds up when the remainder exceeds the
     * root, except from 0xFFFF).
     */
    static int sqrt32(int value) {
        return roundedSqrtBelow52(value & 0xFFFFFFFFL);
    }

    /**
     * The rounded root of {@code num < 2^52} from the FPU: the double nearest {@code sqrt(num)} truncates to
     * {@code floor(sqrt(num))} there (for {@code num = k^2 - 1} the root lies {@code > 1/(2k)} below {@code k}, more
     * than half an ulp of {@code k < 2^26}), so the rounding rule then needs only the exact remainder.
     */
    private static int roundedSqrtBelow52(long num) {
        long root = (long) Math.sqrt((double) num);
        long rest = num - root * root;
        if (rest > root && root != 0xFFFF) {
            ++root;
        }
        return (int) root;
    }

    /** {@code Sqrt64}: rounded integer square root of an unsigned 64-bit value, as uint32 (in an int). */
    static int sqrt64(long num) {
        if ((num >>> 52) == 0) {
            // below 2^32 this is Sqrt32's rounding (cap 0xFFFF); above, the root is at least 2^16 and below 2^26
            return roundedSqrtBelow52(num);
        }
        long res = 0;
        int maxBit = (64 - msb64(num)) | 1;
        long bit = 1L << (63 - maxBit);
        int iterations = (63 - maxBit) / 2 + 1;
        while (iterations-- > 0) {
            if (Long.compareUnsigned(num, res + bit) >= 0) {
                num -= res + bit;
                res = (res >>> 1) + bit;
            } else {
                res >>>= 1;
            }
            bit >>>= 2;
        }
        if (Long.compareUnsigned(num, res) > 0 && res != 0xFFFFFFFFL) {
            ++res;
        }
        return (int) res;
    }

    /** {@code Log32}: natural log of unsigned {@code x} (non-zero) times {@code outScale}, fixed point. */
    static int log32(int x, int outScale) {
        int integer = msb32(x) - 1;
        int fraction = log2FractionPart(x, integer);
        int log2 = (integer << LOG_SCALE_LOG2) + fraction;
        int round = LOG_SCALE / 2;
        int loge = (int) ((LOG_COEFF * (log2 & 0xFFFFFFFFL) + round) >>> LOG_SCALE_LOG2);
        return (outScale * loge + round) >>> LOG_SCALE_LOG2;
    }

    private static int log2FractionPart(int x, int log2x) {
        int frac = (int) ((x & 0xFFFFFFFFL) - (1L << log2x));
        if (log2x < LOG_SCALE_LOG2) {
            frac <<= LOG_SCALE_LOG2 - log2x;
        } else {
            frac >>= log2x - LOG_SCALE_LOG2;
        }
        int baseSeg = frac >> (LOG_SCALE_LOG2 - LOG_SEGMENTS_LOG2);
        int segUnit = (1 << LOG_SCALE_LOG2) >> LOG_SEGMENTS_LOG2;
        int c0 = LOG_LUT[baseSeg];
        int c1 = LOG_LUT[baseSeg + 1];
        int segBase = segUnit * baseSeg;
        int relPos = ((c1 - c0) * (frac - segBase)) >> LOG_SCALE_LOG2;
        return frac + c0 + relPos;
    }
}
