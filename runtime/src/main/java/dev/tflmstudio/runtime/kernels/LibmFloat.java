package dev.tflmstudio.runtime.kernels;

/**
 * The float functions TFLM's reference kernels call ({@code std::sin(float)} etc.), as the reference host computes
 * them: glibc's {@code sinf}, {@code cosf}, {@code expf}, {@code logf} (evaluated in double, not always correctly
 * rounded) in their x86-64 FMA builds, which glibc selects on CPUs with FMA, so every {@code a * b + c} GCC
 * contracts is a fused multiply-add here too; and glibc's fdlibm-derived {@code expm1f} and {@code tanhf} (plain
 * float arithmetic). {@code (float) Math.sin(x)} differs from these in the last bit for some inputs, which changes
 * checksums, so the algorithms are reproduced step by step.
 */
public final class LibmFloat {
    private LibmFloat() {
    }

    // ---- sinf / cosf ----------------------------------------------------------------------------------------

    /** 2/pi scaled by 2^24 (glibc builds without TOINT_INTRINSICS on x86-64) and pi/2. */
    private static final double HPI_INV = 0x1.45F306DC9C883p+23;
    private static final double HPI = 0x1.921FB54442D18p0;
    private static final double PI63 = 0x1.921FB54442D18p-62;
    private static final double[] SIGN = {1.0, -1.0, -1.0, 1.0};
    /** Cosine (c0..c4) and sine (s1..s3) polynomial coefficients; the second set negates the cosine. */
    private static final double[][] COS_POLY = {
        {0x1p0, -0x1.ffffffd0c621cp-2, 0x1.55553e1068f19p-5, -0x1.6c087e89a359dp-10, 0x1.99343027bf8c3p-16},
        {-0x1p0, 0x1.ffffffd0c621cp-2, -0x1.55553e1068f19p-5, 0x1.6c087e89a359dp-10, -0x1.99343027bf8c3p-16}};
    private static final double S1 = -0x1.555545995a603p-3;
    private static final double S2 = 0x1.1107605230bc4p-7;
    private static final double S3 = -0x1.994eb3774cf24p-13;
    /** 4/pi to 192 bits, 8 new bits per entry. */
    private static final int[] INV_PIO4 = {
        0xa2, 0xa2f9, 0xa2f983, 0xa2f9836e, 0xf9836e4e, 0x836e4e44, 0x6e4e4415, 0x4e441529,
        0x441529fc, 0x1529fc27, 0x29fc2757, 0xfc2757d1, 0x2757d1f5, 0x57d1f534, 0xd1f534dd, 0xf534ddc0,
        0x34ddc0db, 0xddc0db62, 0xc0db6295, 0xdb629599, 0x6295993c, 0x95993c43, 0x993c4390, 0x3c439041};

    /**
     * glibc's {@code __math_invalidf}: {@code (x - x) / (x - x)}, evaluated at run time so the NaN is the one x86
     * produces (the negative default NaN 0xffc00000, or the quieted input NaN), which checksums see.
     */
    private static float invalid(float x) {
        float d = x - x;
        return d / d;
    }

    private static int abstop12(float x) {
        return (Float.floatToRawIntBits(x) >>> 20) & 0x7ff;
    }

    /** sinf_poly: the sine polynomial for even quadrants, the (possibly negated) cosine one for odd. */
    private static float poly(double x, double x2, int table, int n) {
        if ((n & 1) == 0) {
            double x3 = x * x2;
            double s1 = Math.fma(x2, S3, S2);
            double x7 = x3 * x2;
            double s = Math.fma(x3, S1, x);
            return (float) Math.fma(x7, s1, s);
        }
        double[] c = COS_POLY[table];
        double x4 = x2 * x2;
        double c2 = Math.fma(x2, c[4], c[3]);
        double c1 = Math.fma(x2, c[1], c[0]);
        double x6 = x4 * x2;
        double cc = Math.fma(x4, c[2], c1);
        return (float) Math.fma(x6, c2, cc);
    }

    public static float sin(float y) {
        return sinOrCos(y, false);
    }

    public static float cos(float y) {
        return sinOrCos(y, true);
    }

    private static float sinOrCos(float y, boolean cos) {
        double x = y;
        int top = abstop12(y);
        if (top < abstop12((float) 0x1.921FB54442D18p-1)) {
            if (top < abstop12(0x1p-12f)) {
                return cos ? 1.0f : y;
            }
            return poly(x, x * x, 0, cos ? 1 : 0);
        }
        int n;
        int quadrant;
        if (top < abstop12(120.0f)) {
            double r = x * HPI_INV;
            n = ((int) r + 0x800000) >> 24;
            x = Math.fma(-n, HPI, x);
            quadrant = n;
        } else if (top < abstop12(Float.POSITIVE_INFINITY)) {
            int xi = Float.floatToRawIntBits(y);
            long product = reduceLargeProduct(xi);
            long q = (product + (1L << 61)) >>> 62;
            n = (int) q;
            x = (double) (product - (q << 62)) * PI63;
            quadrant = n + (xi >>> 31);
        } else {
            return invalid(y);
        }
        double s = SIGN[quadrant & 3];
        int table = (quadrant & 2) != 0 ? 1 : 0;
        return poly(x * s, x * x, table, cos ? n ^ 1 : n);
    }

    /**
     * reduce_large's exact 2.62 fixed-point product of |x| and 4/pi (modulo 4); the quadrant is its rounded top
     * two bits and the reduced argument the rest.
     */
    private static long reduceLargeProduct(int xi) {
        int base = (xi >>> 26) & 15;
        int shift = (xi >>> 23) & 7;
        long m = ((xi & 0xffffff) | 0x800000) & 0xffffffffL;
        m = (m << shift) & 0xffffffffL;
        long res0 = (m * (INV_PIO4[base] & 0xffffffffL)) & 0xffffffffL;
        long res1 = m * (INV_PIO4[base + 4] & 0xffffffffL);
        long res2 = m * (INV_PIO4[base + 8] & 0xffffffffL);
        res0 = (res2 >>> 32) | (res0 << 32);
        return res0 + res1;
    }

    // ---- expf ------------------------------------------------------------------------------------------------

    private static final long[] EXP2_TAB = {
        0x3ff0000000000000L, 0x3fefd9b0d3158574L, 0x3fefb5586cf9890fL, 0x3fef9301d0125b51L,
        0x3fef72b83c7d517bL, 0x3fef54873168b9aaL, 0x3fef387a6e756238L, 0x3fef1e9df51fdee1L,
        0x3fef06fe0a31b715L, 0x3feef1a7373aa9cbL, 0x3feedea64c123422L, 0x3feece086061892dL,
        0x3feebfdad5362a27L, 0x3feeb42b569d4f82L, 0x3feeab07dd485429L, 0x3feea47eb03a5585L,
        0x3feea09e667f3bcdL, 0x3fee9f75e8ec5f74L, 0x3feea11473eb0187L, 0x3feea589994cce13L,
        0x3feeace5422aa0dbL, 0x3feeb737b0cdc5e5L, 0x3feec49182a3f090L, 0x3feed503b23e255dL,
        0x3feee89f995ad3adL, 0x3feeff76f2fb5e47L, 0x3fef199bdd85529cL, 0x3fef3720dcef9069L,
        0x3fef5818dcfba487L, 0x3fef7c97337b9b5fL, 0x3fefa4afa2a490daL, 0x3fefd0765b6e4540L};
    private static final int EXP2_BITS = 5;
    private static final double EXP_SHIFT = 0x1.8p+52;
    private static final double INV_LN2_N = 0x1.71547652b82fep+0 * (1 << EXP2_BITS);
    private static final double EXP_C0 = 0x1.c6af84b912394p-5 / 32 / 32 / 32;
    private static final double EXP_C1 = 0x1.ebfce50fac4f3p-3 / 32 / 32;
    private static final double EXP_C2 = 0x1.62e42ff0c52d6p-1 / 32;

    public static float exp(float x) {
        int abstop = (Float.floatToRawIntBits(x) >>> 20) & 0x7ff;
        if (abstop >= (Float.floatToRawIntBits(88.0f) >>> 20)) {
            if (x == Float.NEGATIVE_INFINITY) {
                return 0.0f;
            }
            if (abstop >= (Float.floatToRawIntBits(Float.POSITIVE_INFINITY) >>> 20)) {
                return x + x;
            }
            if (x > 0x1.62e42ep6f) {
                return Float.POSITIVE_INFINITY;
            }
            if (x < -0x1.9fe368p6f) {
                return 0.0f;
            }
            if (x < -0x1.9d1d9ep6f) {
                // glibc's __math_may_uflowf: 0x1.4p-75f squared, i.e. the smallest subnormal
                return Float.MIN_VALUE;
            }
        }
        double xd = x;
        // GCC fuses both uses of InvLn2N * xd (both are additions) into FMAs.
        double kd = Math.fma(INV_LN2_N, xd, EXP_SHIFT);
        long ki = Double.doubleToRawLongBits(kd);
        kd -= EXP_SHIFT;
        double r = Math.fma(INV_LN2_N, xd, -kd);
        long t = EXP2_TAB[(int) (ki & 31)];
        t += ki << (52 - EXP2_BITS);
        double s = Double.longBitsToDouble(t);
        double z = Math.fma(EXP_C0, r, EXP_C1);
        double r2 = r * r;
        double y = Math.fma(EXP_C2, r, 1);
        y = Math.fma(z, r2, y);
        return (float) (y * s);
    }

    // ---- logf ------------------------------------------------------------------------------------------------

    private static final double[] LOG_INVC = {
        0x1.661ec79f8f3bep+0, 0x1.571ed4aaf883dp+0, 0x1.49539f0f010bp+0, 0x1.3c995b0b80385p+0,
        0x1.30d190c8864a5p+0, 0x1.25e227b0b8eap+0, 0x1.1bb4a4a1a343fp+0, 0x1.12358f08ae5bap+0,
        0x1.0953f419900a7p+0, 0x1p+0, 0x1.e608cfd9a47acp-1, 0x1.ca4b31f026aap-1,
        0x1.b2036576afce6p-1, 0x1.9c2d163a1aa2dp-1, 0x1.886e6037841edp-1, 0x1.767dcf5534862p-1};
    private static final double[] LOG_LOGC = {
        -0x1.57bf7808caadep-2, -0x1.2bef0a7c06ddbp-2, -0x1.01eae7f513a67p-2, -0x1.b31d8a68224e9p-3,
        -0x1.6574f0ac07758p-3, -0x1.1aa2bc79c81p-3, -0x1.a4e76ce8c0e5ep-4, -0x1.1973c5a611cccp-4,
        -0x1.252f438e10c1ep-5, 0x0p+0, 0x1.aa5aa5df25984p-5, 0x1.c5e53aa362eb4p-4,
        0x1.526e57720db08p-3, 0x1.bc2860d22477p-3, 0x1.1058bc8a07ee1p-2, 0x1.4043057b6ee09p-2};
    private static final double LN2 = 0x1.62e42fefa39efp-1;
    private static final double LOG_A0 = -0x1.00ea348b88334p-2;
    private static final double LOG_A1 = 0x1.5575b0be00b6ap-2;
    private static final double LOG_A2 = -0x1.ffffef20a4123p-2;
    private static final int LOG_OFF = 0x3f330000;

    public static float log(float x) {
        int ix = Float.floatToRawIntBits(x);
        if (ix == 0x3f800000) {
            return 0f;
        }
        if (Integer.compareUnsigned(ix - 0x00800000, 0x7f800000 - 0x00800000) >= 0) {
            if (ix * 2 == 0) {
                return Float.NEGATIVE_INFINITY;
            }
            if (ix == 0x7f800000) {
                return x;
            }
            if ((ix & 0x80000000) != 0 || Integer.compareUnsigned(ix * 2, 0xff000000) >= 0) {
                return invalid(x);
            }
            ix = Float.floatToRawIntBits(x * 0x1p23f);
            ix -= 23 << 23;
        }
        int tmp = ix - LOG_OFF;
        int i = (tmp >>> (23 - 4)) % 16;
        int k = tmp >> 23;
        int iz = ix - (tmp & (0x1ff << 23));
        double z = Float.intBitsToFloat(iz);
        double r = Math.fma(z, LOG_INVC[i], -1);
        double y0 = Math.fma(k, LN2, LOG_LOGC[i]);
        double r2 = r * r;
        double y = Math.fma(LOG_A1, r, LOG_A2);
        y = Math.fma(LOG_A0, r2, y);
        y = Math.fma(y, r2, y0 + r);
        return (float) y;
    }

    // ---- expm1f / tanhf (fdlibm, float arithmetic) ----------------------------------------------------------

    private static final float LN2_HI = 6.9313812256e-01f;
    private static final float LN2_LO = 9.0580006145e-06f;
    private static final float INV_LN2 = 1.4426950216e+00f;
    private static final float Q1 = -3.3333335072e-02f;
    private static final float Q2 = 1.5873016091e-03f;
    private static final float Q3 = -7.9365076090e-05f;
    private static final float Q4 = 4.0082177293e-06f;
    private static final float Q5 = -2.0109921195e-07f;

    public static float expm1(float x) {
        int hx = Float.floatToRawIntBits(x);
        boolean negative = hx < 0;
        hx &= 0x7fffffff;
        if (hx >= 0x4195b844) {
            if (hx >= 0x42b17218) {
                if (hx > 0x7f800000) {
                    return x + x;
                }
                if (hx == 0x7f800000) {
                    return negative ? -1.0f : x;
                }
                if (x > 8.8721679688e+01f) {
                    return Float.POSITIVE_INFINITY;
                }
            }
            if (negative) {
                return 1.0e-30f - 1.0f;
            }
        }
        float c = 0;
        int k;
        if (hx > 0x3eb17218) {
            float hi;
            float lo;
            if (hx < 0x3F851592) {
                if (!negative) {
                    hi = x - LN2_HI;
                    lo = LN2_LO;
                    k = 1;
                } else {
                    hi = x + LN2_HI;
                    lo = -LN2_LO;
                    k = -1;
                }
            } else {
                k = (int) (INV_LN2 * x + (negative ? -0.5f : 0.5f));
                float t = k;
                hi = x - t * LN2_HI;
                lo = t * LN2_LO;
            }
            x = hi - lo;
            c = (hi - x) - lo;
        } else if (hx < 0x33000000) {
            return x;
        } else {
            k = 0;
        }
        float hfx = 0.5f * x;
        float hxs = x * hfx;
        float r1 = 1.0f + hxs * (Q1 + hxs * (Q2 + hxs * (Q3 + hxs * (Q4 + hxs * Q5))));
        float t = 3.0f - r1 * hfx;
        float e = hxs * ((r1 - t) / (6.0f - x * t));
        if (k == 0) {
            return x - (x * e - hxs);
        }
        e = (x * (e - c) - c);
        e -= hxs;
        if (k == -1) {
            return 0.5f * (x - e) - 0.5f;
        }
        if (k == 1) {
            return x < -0.25f ? -2.0f * (e - (x + 0.5f)) : 1.0f + 2.0f * (x - e);
        }
        float y;
        if (k <= -2 || k > 56) {
            y = 1.0f - (e - x);
            y = Float.intBitsToFloat(Float.floatToRawIntBits(y) + (k << 23));
            return y - 1.0f;
        }
        if (k < 23) {
            float t1 = Float.intBitsToFloat(0x3f800000 - (0x1000000 >> k));
            y = t1 - (e - x);
        } else {
            float t1 = Float.intBitsToFloat((0x7f - k) << 23);
            y = x - (e + t1);
            y += 1.0f;
        }
        return Float.intBitsToFloat(Float.floatToRawIntBits(y) + (k << 23));
    }

    public static float tanh(float x) {
        int jx = Float.floatToRawIntBits(x);
        int ix = jx & 0x7fffffff;
        if (ix >= 0x7f800000) {
            return jx >= 0 ? 1.0f / x + 1.0f : 1.0f / x - 1.0f;
        }
        float z;
        if (ix < 0x41b00000) {
            if (ix == 0) {
                return x;
            }
            if (ix < 0x24000000) {
                return x * (1.0f + x);
            }
            if (ix >= 0x3f800000) {
                float t = expm1(2.0f * Math.abs(x));
                z = 1.0f - 2.0f / (t + 2.0f);
            } else {
                float t = expm1(-2.0f * Math.abs(x));
                z = -t / (t + 2.0f);
            }
        } else {
            z = 1.0f - 1.0e-30f;
        }
        return jx >= 0 ? z : -z;
    }
}
