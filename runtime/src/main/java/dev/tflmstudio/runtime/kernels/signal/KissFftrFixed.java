package dev.tflmstudio.runtime.kernels.signal;

/**
 * The real-input FFT TFLM's SignalRfft uses for int16 and int32: KISS FFT v130 built with {@code FIXED_POINT=16} or
 * {@code 32} ({@code kiss_fftr} over a half-length complex {@code kiss_fft}), reproduced operation by operation.
 * Every intermediate is stored back to the sample type as the C code stores to {@code kiss_fft_cpx}, products
 * ({@code SAMPPROD}: int32 for 16-bit samples, int64 for 32-bit) are rounded with {@code sround}, and each butterfly
 * stage divides by its radix first ({@code C_FIXDIV}). Samples are held in longs.
 *
 * <p>Radices 2, 3, 4 and 5 only: TFLM's patched KISS FFT cannot allocate the generic butterfly's scratch.
 */
final class KissFftrFixed {
    private final boolean wide;
    private final int fracBits;
    private final long sampMax;
    private final int ncfft;
    private final int[] factors;
    private final long[] twR;
    private final long[] twI;
    private final long[] superR;
    private final long[] superI;
    private final long[] inR;
    private final long[] inI;
    private final long[] bufR;
    private final long[] bufI;
    private final boolean isInverse;

    /**
     * @param fftLength the real FFT length (even)
     * @param bits      16 or 32, the sample width ({@code FIXED_POINT})
     * @param inverse   configure for {@link #inverse} ({@code kiss_fftr_alloc(..., inverse_fft=1, ...)})
     */
    KissFftrFixed(int fftLength, int bits, boolean inverse) {
        this.isInverse = inverse;
        wide = bits == 32;
        fracBits = bits - 1;
        sampMax = wide ? Integer.MAX_VALUE : Short.MAX_VALUE;
        ncfft = fftLength / 2;
        factors = factor(ncfft);
        twR = new long[ncfft];
        twI = new long[ncfft];
        for (int i = 0; i < ncfft; i++) {
            double phase = -2 * Math.PI * i / ncfft * (isInverse ? -1 : 1);
            twR[i] = twiddle(Math.cos(phase));
            twI[i] = twiddle(Math.sin(phase));
        }
        superR = new long[ncfft / 2];
        superI = new long[ncfft / 2];
        for (int i = 0; i < ncfft / 2; i++) {
            double phase = -Math.PI * ((double) (i + 1) / ncfft + .5) * (isInverse ? -1 : 1);
            superR[i] = twiddle(Math.cos(phase));
            superI[i] = twiddle(Math.sin(phase));
        }
        inR = new long[ncfft];
        inI = new long[ncfft];
        bufR = new long[ncfft];
        bufI = new long[ncfft];
    }

    /** True when KISS FFT (as TFLM patches it) can run this length: even, halves factor into 2, 3, 4, 5. */
    static boolean supports(int fftLength) {
        if (fftLength <= 0 || (fftLength & 1) != 0) {
            return false;
        }
        int[] f = factor(fftLength / 2);
        for (int i = 0; i < f.length; i += 2) {
            if (f[i] > 5) {
                return false;
            }
        }
        return true;
    }

    /** {@code kf_factor}: (radix, remaining length) pairs, powers of 4 first, then 2, then odd primes. */
    static int[] factor(int n) {
        int[] buf = new int[64];
        int count = 0;
        int p = 4;
        double floorSqrt = Math.floor(Math.sqrt(n));
        do {
            while (n % p != 0) {
                switch (p) {
                    case 4 -> p = 2;
                    case 2 -> p = 3;
                    default -> p += 2;
                }
                if (p > floorSqrt) {
                    p = n;
                }
            }
            n /= p;
            buf[count++] = p;
            buf[count++] = n;
        } while (n > 1);
        return java.util.Arrays.copyOf(buf, count);
    }

    /**
     * {@code kiss_fftr}: {@code time} holds {@code 2 * ncfft} samples; writes {@code ncfft + 1} complex values to
     * {@code freq} as interleaved (re, im) samples.
     */
    void forward(long[] time, long[] freq) {
        for (int i = 0; i < ncfft; i++) {
            inR[i] = time[2 * i];
            inI[i] = time[2 * i + 1];
        }
        work(0, 0, 1, 0);
        long tdcR = fixDiv(bufR[0], 2);
        long tdcI = fixDiv(bufI[0], 2);
        freq[0] = narrow(tdcR + tdcI);
        freq[2 * ncfft] = narrow(tdcR - tdcI);
        freq[1] = 0;
        freq[2 * ncfft + 1] = 0;
        for (int k = 1; k <= ncfft / 2; k++) {
            long fpkR = fixDiv(bufR[k], 2);
            long fpkI = fixDiv(bufI[k], 2);
            long fpnkR = fixDiv(bufR[ncfft - k], 2);
            long fpnkI = fixDiv(narrow(-bufI[ncfft - k]), 2);
            long f1kR = narrow(fpkR + fpnkR);
            long f1kI = narrow(fpkI + fpnkI);
            long f2kR = narrow(fpkR - fpnkR);
            long f2kI = narrow(fpkI - fpnkI);
            long twRe = mulRe(f2kR, f2kI, superR[k - 1], superI[k - 1]);
            long twIm = mulIm(f2kR, f2kI, superR[k - 1], superI[k - 1]);
            freq[2 * k] = half(f1kR + twRe);
            freq[2 * k + 1] = half(f1kI + twIm);
            freq[2 * (ncfft - k)] = half(f1kR - twRe);
            freq[2 * (ncfft - k) + 1] = half(twIm - f1kI);
        }
    }

    /**
     * {@code kiss_fftri} (needs an inverse configuration): {@code ncfft + 1} interleaved complex values in,
     * {@code 2 * ncfft} samples out.
     */
    void inverse(long[] freq, long[] time) {
        inR[0] = narrow(freq[0] + freq[2 * ncfft]);
        inI[0] = narrow(freq[0] - freq[2 * ncfft]);
        inR[0] = fixDiv(inR[0], 2);
        inI[0] = fixDiv(inI[0], 2);
        for (int k = 1; k <= ncfft / 2; k++) {
            long fkR = fixDiv(freq[2 * k], 2);
            long fkI = fixDiv(freq[2 * k + 1], 2);
            long fnkcR = fixDiv(freq[2 * (ncfft - k)], 2);
            long fnkcI = fixDiv(narrow(-freq[2 * (ncfft - k) + 1]), 2);
            long fekR = narrow(fkR + fnkcR);
            long fekI = narrow(fkI + fnkcI);
            long tmpR = narrow(fkR - fnkcR);
            long tmpI = narrow(fkI - fnkcI);
            long fokR = mulRe(tmpR, tmpI, superR[k - 1], superI[k - 1]);
            long fokI = mulIm(tmpR, tmpI, superR[k - 1], superI[k - 1]);
            inR[k] = narrow(fekR + fokR);
            inI[k] = narrow(fekI + fokI);
            inR[ncfft - k] = narrow(fekR - fokR);
            inI[ncfft - k] = narrow(-narrow(fekI - fokI));
        }
        work(0, 0, 1, 0);
        for (int i = 0; i < ncfft; i++) {
            time[2 * i] = bufR[i];
            time[2 * i + 1] = bufI[i];
        }
    }

    /** {@code kf_work} into {@code buf} at complex index {@code out}, reading complex input index {@code in}. */
    private void work(int out, int in, int fstride, int factorIndex) {
        int p = factors[factorIndex];
        int m = factors[factorIndex + 1];
        int end = out + p * m;
        if (m == 1) {
            for (int o = out; o < end; o++, in += fstride) {
                bufR[o] = inR[in];
                bufI[o] = inI[in];
            }
        } else {
            for (int o = out; o < end; o += m, in += fstride) {
                work(o, in, fstride * p, factorIndex + 2);
            }
        }
        switch (p) {
            case 2 -> butterfly2(out, fstride, m);
            case 3 -> butterfly3(out, fstride, m);
            case 4 -> butterfly4(out, fstride, m);
            case 5 -> butterfly5(out, fstride, m);
            default -> throw new IllegalStateException("radix " + p + " is not supported");
        }
    }

    private void butterfly2(int f, int fstride, int m) {
        for (int k = 0, tw = 0; k < m; k++, f++, tw += fstride) {
            int f2 = f + m;
            divide(f, 2);
            divide(f2, 2);
            long tR = mulRe(bufR[f2], bufI[f2], twR[tw], twI[tw]);
            long tI = mulIm(bufR[f2], bufI[f2], twR[tw], twI[tw]);
            bufR[f2] = narrow(bufR[f] - tR);
            bufI[f2] = narrow(bufI[f] - tI);
            bufR[f] = narrow(bufR[f] + tR);
            bufI[f] = narrow(bufI[f] + tI);
        }
    }

    private void butterfly4(int f, int fstride, int m) {
        int tw1 = 0;
        int tw2 = 0;
        int tw3 = 0;
        for (int k = 0; k < m; k++, f++) {
            int f1 = f + m;
            int f2 = f + 2 * m;
            int f3 = f + 3 * m;
            divide(f, 4);
            divide(f1, 4);
            divide(f2, 4);
            divide(f3, 4);
            long s0R = mulRe(bufR[f1], bufI[f1], twR[tw1], twI[tw1]);
            long s0I = mulIm(bufR[f1], bufI[f1], twR[tw1], twI[tw1]);
            long s1R = mulRe(bufR[f2], bufI[f2], twR[tw2], twI[tw2]);
            long s1I = mulIm(bufR[f2], bufI[f2], twR[tw2], twI[tw2]);
            long s2R = mulRe(bufR[f3], bufI[f3], twR[tw3], twI[tw3]);
            long s2I = mulIm(bufR[f3], bufI[f3], twR[tw3], twI[tw3]);
            long s5R = narrow(bufR[f] - s1R);
            long s5I = narrow(bufI[f] - s1I);
            bufR[f] = narrow(bufR[f] + s1R);
            bufI[f] = narrow(bufI[f] + s1I);
            long s3R = narrow(s0R + s2R);
            long s3I = narrow(s0I + s2I);
            long s4R = narrow(s0R - s2R);
            long s4I = narrow(s0I - s2I);
            bufR[f2] = narrow(bufR[f] - s3R);
            bufI[f2] = narrow(bufI[f] - s3I);
            tw1 += fstride;
            tw2 += fstride * 2;
            tw3 += fstride * 3;
            bufR[f] = narrow(bufR[f] + s3R);
            bufI[f] = narrow(bufI[f] + s3I);
            if (isInverse) {
                bufR[f1] = narrow(s5R - s4I);
                bufI[f1] = narrow(s5I + s4R);
                bufR[f3] = narrow(s5R + s4I);
                bufI[f3] = narrow(s5I - s4R);
            } else {
                bufR[f1] = narrow(s5R + s4I);
                bufI[f1] = narrow(s5I - s4R);
                bufR[f3] = narrow(s5R - s4I);
                bufI[f3] = narrow(s5I + s4R);
            }
        }
    }

    private void butterfly3(int f, int fstride, int m) {
        long epi3I = twI[fstride * m];
        int tw1 = 0;
        int tw2 = 0;
        for (int k = 0; k < m; k++, f++) {
            int f1 = f + m;
            int f2 = f + 2 * m;
            divide(f, 3);
            divide(f1, 3);
            divide(f2, 3);
            long s1R = mulRe(bufR[f1], bufI[f1], twR[tw1], twI[tw1]);
            long s1I = mulIm(bufR[f1], bufI[f1], twR[tw1], twI[tw1]);
            long s2R = mulRe(bufR[f2], bufI[f2], twR[tw2], twI[tw2]);
            long s2I = mulIm(bufR[f2], bufI[f2], twR[tw2], twI[tw2]);
            long s3R = narrow(s1R + s2R);
            long s3I = narrow(s1I + s2I);
            long s0R = narrow(s1R - s2R);
            long s0I = narrow(s1I - s2I);
            tw1 += fstride;
            tw2 += fstride * 2;
            bufR[f1] = narrow(bufR[f] - (s3R >> 1));
            bufI[f1] = narrow(bufI[f] - (s3I >> 1));
            s0R = sround(s0R * epi3I);
            s0I = sround(s0I * epi3I);
            bufR[f] = narrow(bufR[f] + s3R);
            bufI[f] = narrow(bufI[f] + s3I);
            bufR[f2] = narrow(bufR[f1] + s0I);
            bufI[f2] = narrow(bufI[f1] - s0R);
            bufR[f1] = narrow(bufR[f1] - s0I);
            bufI[f1] = narrow(bufI[f1] + s0R);
        }
    }

    private void butterfly5(int f, int fstride, int m) {
        long yaR = twR[fstride * m];
        long yaI = twI[fstride * m];
        long ybR = twR[fstride * 2 * m];
        long ybI = twI[fstride * 2 * m];
        for (int u = 0; u < m; u++, f++) {
            int f1 = f + m;
            int f2 = f + 2 * m;
            int f3 = f + 3 * m;
            int f4 = f + 4 * m;
            divide(f, 5);
            divide(f1, 5);
            divide(f2, 5);
            divide(f3, 5);
            divide(f4, 5);
            long s0R = bufR[f];
            long s0I = bufI[f];
            int t1 = u * fstride;
            int t2 = 2 * u * fstride;
            int t3 = 3 * u * fstride;
            int t4 = 4 * u * fstride;
            long s1R = mulRe(bufR[f1], bufI[f1], twR[t1], twI[t1]);
            long s1I = mulIm(bufR[f1], bufI[f1], twR[t1], twI[t1]);
            long s2R = mulRe(bufR[f2], bufI[f2], twR[t2], twI[t2]);
            long s2I = mulIm(bufR[f2], bufI[f2], twR[t2], twI[t2]);
            long s3R = mulRe(bufR[f3], bufI[f3], twR[t3], twI[t3]);
            long s3I = mulIm(bufR[f3], bufI[f3], twR[t3], twI[t3]);
            long s4R = mulRe(bufR[f4], bufI[f4], twR[t4], twI[t4]);
            long s4I = mulIm(bufR[f4], bufI[f4], twR[t4], twI[t4]);
            long s7R = narrow(s1R + s4R);
            long s7I = narrow(s1I + s4I);
            long s10R = narrow(s1R - s4R);
            long s10I = narrow(s1I - s4I);
            long s8R = narrow(s2R + s3R);
            long s8I = narrow(s2I + s3I);
            long s9R = narrow(s2R - s3R);
            long s9I = narrow(s2I - s3I);
            bufR[f] = narrow(bufR[f] + s7R + s8R);
            bufI[f] = narrow(bufI[f] + s7I + s8I);
            long s5R = narrow(s0R + sround(s7R * yaR) + sround(s8R * ybR));
            long s5I = narrow(s0I + sround(s7I * yaR) + sround(s8I * ybR));
            long s6R = narrow(sround(s10I * yaI) + sround(s9I * ybI));
            long s6I = narrow(-sround(s10R * yaI) - sround(s9R * ybI));
            bufR[f1] = narrow(s5R - s6R);
            bufI[f1] = narrow(s5I - s6I);
            bufR[f4] = narrow(s5R + s6R);
            bufI[f4] = narrow(s5I + s6I);
            long s11R = narrow(s0R + sround(s7R * ybR) + sround(s8R * yaR));
            long s11I = narrow(s0I + sround(s7I * ybR) + sround(s8I * yaR));
            long s12R = narrow(-sround(s10I * ybI) + sround(s9I * yaI));
            long s12I = narrow(sround(s10R * ybI) - sround(s9R * yaI));
            bufR[f2] = narrow(s11R + s12R);
            bufI[f2] = narrow(s11I + s12I);
            bufR[f3] = narrow(s11R - s12R);
            bufI[f3] = narrow(s11I - s12I);
        }
    }

    /** {@code KISS_FFT_COS/SIN}: {@code floor(.5 + SAMP_MAX * v)} stored to a sample. */
    private long twiddle(double v) {
        return narrow((long) Math.floor(.5 + sampMax * v));
    }

    /** {@code C_FIXDIV} in place on {@code buf[i]}. */
    private void divide(int i, int by) {
        bufR[i] = fixDiv(bufR[i], by);
        bufI[i] = fixDiv(bufI[i], by);
    }

    /** {@code DIVSCALAR}: {@code sround(x * (SAMP_MAX / k))}. */
    private long fixDiv(long x, int k) {
        return sround(x * (sampMax / k));
    }

    /** {@code HALF_OF} of an int sum (int arithmetic, arithmetic shift), stored back to a sample. */
    private long half(long sum) {
        return narrow((int) sum >> 1);
    }

    /** A {@code SAMPPROD} value: int32 arithmetic wraps for 16-bit samples, int64 for 32-bit. */
    private long product(long x) {
        return wide ? x : (int) x;
    }

    /** {@code sround}: round a product back to the sample's fractional bits and truncate to the sample type. */
    private long sround(long x) {
        return narrow(product(product(x) + (1L << (fracBits - 1))) >> fracBits);
    }

    /** Store to {@code kiss_fft_scalar}: truncate to int16 or int32. */
    private long narrow(long x) {
        return wide ? (int) x : (short) x;
    }

    /** Real part of {@code C_MUL}: {@code sround(ar*br - ai*bi)}. */
    private long mulRe(long ar, long ai, long br, long bi) {
        return sround(product(product(ar * br) - product(ai * bi)));
    }

    /** Imaginary part of {@code C_MUL}: {@code sround(ar*bi + ai*br)}. */
    private long mulIm(long ar, long ai, long br, long bi) {
        return sround(product(product(ar * bi) + product(ai * br)));
    }
}
