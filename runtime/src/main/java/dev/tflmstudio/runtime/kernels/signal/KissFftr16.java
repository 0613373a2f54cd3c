package dev.tflmstudio.runtime.kernels.signal;

/**
 * The forward int16 real FFT of SignalRfft ({@code kiss_fftr} built with {@code FIXED_POINT=16}), specialised for
 * speed: the same operations as {@link KissFftrFixed} with 16-bit samples, but on ints, with no sample-width branches
 * and with the radix-4 stages (all of a power-of-4 half length) unrolled. Int arithmetic wraps exactly as the C
 * code's int32 {@code SAMPPROD} does, and every stored intermediate is truncated to int16 as the C code stores to
 * {@code kiss_fft_cpx}, so results are bit-identical to {@link KissFftrFixed} (KissFftrTest checks this on random
 * frames of every supported radix).
 */
final class KissFftr16 {
    private static final int FRAC_BITS = 15;
    private static final int ROUND = 1 << (FRAC_BITS - 1);
    private static final int SAMP_MAX = Short.MAX_VALUE;

    private final int ncfft;
    private final int[] factors;
    private final int[] twR;
    private final int[] twI;
    private final int[] superR;
    private final int[] superI;
    private final int[] leafInput;
    private final int[] bufR;
    private final int[] bufI;

    /** @param fftLength the real FFT length; must satisfy {@link KissFftrFixed#supports(int)} */
    KissFftr16(int fftLength) {
        ncfft = fftLength / 2;
        factors = KissFftrFixed.factor(ncfft);
        twR = new int[ncfft];
        twI = new int[ncfft];
        for (int i = 0; i < ncfft; i++) {
            double phase = -2 * Math.PI * i / ncfft;
            twR[i] = twiddle(Math.cos(phase));
            twI[i] = twiddle(Math.sin(phase));
        }
        superR = new int[ncfft / 2];
        superI = new int[ncfft / 2];
        for (int i = 0; i < ncfft / 2; i++) {
            double phase = -Math.PI * ((double) (i + 1) / ncfft + .5);
            superR[i] = twiddle(Math.cos(phase));
            superI[i] = twiddle(Math.sin(phase));
        }
        leafInput = new int[ncfft];
        gather(0, 0, 1, 0);
        bufR = new int[ncfft];
        bufI = new int[ncfft];
    }

    /**
     * {@code kiss_fftr}: {@code time} holds {@code 2 * ncfft} int16 samples; writes {@code ncfft + 1} complex values
     * to {@code freq} as interleaved (re, im) int16 values.
     */
    void forward(int[] time, int[] freq) {
        int n = ncfft;
        int[] br = bufR;
        int[] bi = bufI;
        for (int o = 0; o < n; o++) {
            br[o] = time[2 * leafInput[o]];
            bi[o] = time[2 * leafInput[o] + 1];
        }
        for (int fi = factors.length - 2; fi >= 0; fi -= 2) {
            stage(factors[fi], factors[fi + 1]);
        }
        int tdcR = fixDiv(br[0], 2);
        int tdcI = fixDiv(bi[0], 2);
        freq[0] = (short) (tdcR + tdcI);
        freq[2 * n] = (short) (tdcR - tdcI);
        freq[1] = 0;
        freq[2 * n + 1] = 0;
        for (int k = 1; k <= n / 2; k++) {
            int fpkR = fixDiv(br[k], 2);
            int fpkI = fixDiv(bi[k], 2);
            int fpnkR = fixDiv(br[n - k], 2);
            int fpnkI = fixDiv((short) -bi[n - k], 2);
            int f1kR = (short) (fpkR + fpnkR);
            int f1kI = (short) (fpkI + fpnkI);
            int f2kR = (short) (fpkR - fpnkR);
            int f2kI = (short) (fpkI - fpnkI);
            int sR = superR[k - 1];
            int sI = superI[k - 1];
            int twRe = sround(f2kR * sR - f2kI * sI);
            int twIm = sround(f2kR * sI + f2kI * sR);
            freq[2 * k] = (short) ((f1kR + twRe) >> 1);
            freq[2 * k + 1] = (short) ((f1kI + twIm) >> 1);
            freq[2 * (n - k)] = (short) ((f1kR - twRe) >> 1);
            freq[2 * (n - k) + 1] = (short) ((twIm - f1kI) >> 1);
        }
    }

    /**
     * Where {@code kf_work}'s recursion copies each input sample to (its {@code m == 1} case): complex input
     * {@code leafInput[o]} lands at {@code buf[o]}.
     */
    private void gather(int out, int in, int fstride, int factorIndex) {
        int p = factors[factorIndex];
        int m = factors[factorIndex + 1];
        int end = out + p * m;
        for (int o = out; o < end; o += m, in += fstride) {
            if (m == 1) {
                leafInput[o] = in;
            } else {
                gather(o, in, fstride * p, factorIndex + 2);
            }
        }
    }

    /**
     * One level of {@code kf_work}'s recursion for every sub-transform at once: the butterflies of radix {@code p}
     * over each group of {@code p * m} outputs. Groups are disjoint and each depends only on the finished level
     * below, so running level by level computes exactly what the depth-first recursion does.
     */
    private void stage(int p, int m) {
        int group = p * m;
        int fstride = ncfft / group;
        for (int out = 0; out < ncfft; out += group) {
            switch (p) {
                case 2 -> butterfly2(out, fstride, m);
                case 3 -> butterfly3(out, fstride, m);
                case 4 -> butterfly4(out, fstride, m);
                case 5 -> butterfly5(out, fstride, m);
                default -> throw new IllegalStateException("radix " + p + " is not supported");
            }
        }
    }

    private void butterfly2(int f, int fstride, int m) {
        int[] br = bufR;
        int[] bi = bufI;
        for (int k = 0, tw = 0; k < m; k++, f++, tw += fstride) {
            int f2 = f + m;
            int aR = fixDiv(br[f], 2);
            int aI = fixDiv(bi[f], 2);
            int bR = fixDiv(br[f2], 2);
            int bI = fixDiv(bi[f2], 2);
            int tR = sround(bR * twR[tw] - bI * twI[tw]);
            int tI = sround(bR * twI[tw] + bI * twR[tw]);
            br[f2] = (short) (aR - tR);
            bi[f2] = (short) (aI - tI);
            br[f] = (short) (aR + tR);
            bi[f] = (short) (aI + tI);
        }
    }

    private void butterfly4(int f, int fstride, int m) {
        int[] br = bufR;
        int[] bi = bufI;
        int[] wr = twR;
        int[] wi = twI;
        for (int k = 0; k < m; k++, f++) {
            int f1 = f + m;
            int f2 = f + 2 * m;
            int f3 = f + 3 * m;
            int tw1 = k * fstride;
            int tw2 = 2 * tw1;
            int tw3 = 3 * tw1;
            int x0R = fixDiv(br[f], 4);
            int x0I = fixDiv(bi[f], 4);
            int x1R = fixDiv(br[f1], 4);
            int x1I = fixDiv(bi[f1], 4);
            int x2R = fixDiv(br[f2], 4);
            int x2I = fixDiv(bi[f2], 4);
            int x3R = fixDiv(br[f3], 4);
            int x3I = fixDiv(bi[f3], 4);
            int s0R = sround(x1R * wr[tw1] - x1I * wi[tw1]);
            int s0I = sround(x1R * wi[tw1] + x1I * wr[tw1]);
            int s1R = sround(x2R * wr[tw2] - x2I * wi[tw2]);
            int s1I = sround(x2R * wi[tw2] + x2I * wr[tw2]);
            int s2R = sround(x3R * wr[tw3] - x3I * wi[tw3]);
            int s2I = sround(x3R * wi[tw3] + x3I * wr[tw3]);
            int s5R = (short) (x0R - s1R);
            int s5I = (short) (x0I - s1I);
            int y0R = (short) (x0R + s1R);
            int y0I = (short) (x0I + s1I);
            int s3R = (short) (s0R + s2R);
            int s3I = (short) (s0I + s2I);
            int s4R = (short) (s0R - s2R);
            int s4I = (short) (s0I - s2I);
            br[f2] = (short) (y0R - s3R);
            bi[f2] = (short) (y0I - s3I);
            br[f] = (short) (y0R + s3R);
            bi[f] = (short) (y0I + s3I);
            br[f1] = (short) (s5R + s4I);
            bi[f1] = (short) (s5I - s4R);
            br[f3] = (short) (s5R - s4I);
            bi[f3] = (short) (s5I + s4R);
        }
    }

    private void butterfly3(int f, int fstride, int m) {
        int[] br = bufR;
        int[] bi = bufI;
        int epi3I = twI[fstride * m];
        for (int k = 0; k < m; k++, f++) {
            int f1 = f + m;
            int f2 = f + 2 * m;
            int tw1 = k * fstride;
            int tw2 = 2 * tw1;
            int x0R = fixDiv(br[f], 3);
            int x0I = fixDiv(bi[f], 3);
            int x1R = fixDiv(br[f1], 3);
            int x1I = fixDiv(bi[f1], 3);
            int x2R = fixDiv(br[f2], 3);
            int x2I = fixDiv(bi[f2], 3);
            int s1R = sround(x1R * twR[tw1] - x1I * twI[tw1]);
            int s1I = sround(x1R * twI[tw1] + x1I * twR[tw1]);
            int s2R = sround(x2R * twR[tw2] - x2I * twI[tw2]);
            int s2I = sround(x2R * twI[tw2] + x2I * twR[tw2]);
            int s3R = (short) (s1R + s2R);
            int s3I = (short) (s1I + s2I);
            int s0R = (short) (s1R - s2R);
            int s0I = (short) (s1I - s2I);
            int y1R = (short) (x0R - (s3R >> 1));
            int y1I = (short) (x0I - (s3I >> 1));
            s0R = sround(s0R * epi3I);
            s0I = sround(s0I * epi3I);
            br[f] = (short) (x0R + s3R);
            bi[f] = (short) (x0I + s3I);
            br[f2] = (short) (y1R + s0I);
            bi[f2] = (short) (y1I - s0R);
            br[f1] = (short) (y1R - s0I);
            bi[f1] = (short) (y1I + s0R);
        }
    }

    private void butterfly5(int f, int fstride, int m) {
        int[] br = bufR;
        int[] bi = bufI;
        int yaR = twR[fstride * m];
        int yaI = twI[fstride * m];
        int ybR = twR[fstride * 2 * m];
        int ybI = twI[fstride * 2 * m];
        for (int u = 0; u < m; u++, f++) {
            int f1 = f + m;
            int f2 = f + 2 * m;
            int f3 = f + 3 * m;
            int f4 = f + 4 * m;
            int s0R = fixDiv(br[f], 5);
            int s0I = fixDiv(bi[f], 5);
            int x1R = fixDiv(br[f1], 5);
            int x1I = fixDiv(bi[f1], 5);
            int x2R = fixDiv(br[f2], 5);
            int x2I = fixDiv(bi[f2], 5);
            int x3R = fixDiv(br[f3], 5);
            int x3I = fixDiv(bi[f3], 5);
            int x4R = fixDiv(br[f4], 5);
            int x4I = fixDiv(bi[f4], 5);
            int t1 = u * fstride;
            int t2 = 2 * t1;
            int t3 = 3 * t1;
            int t4 = 4 * t1;
            int s1R = sround(x1R * twR[t1] - x1I * twI[t1]);
            int s1I = sround(x1R * twI[t1] + x1I * twR[t1]);
            int s2R = sround(x2R * twR[t2] - x2I * twI[t2]);
            int s2I = sround(x2R * twI[t2] + x2I * twR[t2]);
            int s3R = sround(x3R * twR[t3] - x3I * twI[t3]);
            int s3I = sround(x3R * twI[t3] + x3I * twR[t3]);
            int s4R = sround(x4R * twR[t4] - x4I * twI[t4]);
            int s4I = sround(x4R * twI[t4] + x4I * twR[t4]);
            int s7R = (short) (s1R + s4R);
            int s7I = (short) (s1I + s4I);
            int s10R = (short) (s1R - s4R);
            int s10I = (short) (s1I - s4I);
            int s8R = (short) (s2R + s3R);
            int s8I = (short) (s2I + s3I);
            int s9R = (short) (s2R - s3R);
            int s9I = (short) (s2I - s3I);
            br[f] = (short) (s0R + s7R + s8R);
            bi[f] = (short) (s0I + s7I + s8I);
            int s5R = (short) (s0R + sround(s7R * yaR) + sround(s8R * ybR));
            int s5I = (short) (s0I + sround(s7I * yaR) + sround(s8I * ybR));
            int s6R = (short) (sround(s10I * yaI) + sround(s9I * ybI));
            int s6I = (short) (-sround(s10R * yaI) - sround(s9R * ybI));
            br[f1] = (short) (s5R - s6R);
            bi[f1] = (short) (s5I - s6I);
            br[f4] = (short) (s5R + s6R);
            bi[f4] = (short) (s5I + s6I);
            int s11R = (short) (s0R + sround(s7R * ybR) + sround(s8R * yaR));
            int s11I = (short) (s0I + sround(s7I * ybR) + sround(s8I * yaR));
            int s12R = (short) (-sround(s10I * ybI) + sround(s9I * yaI));
            int s12I = (short) (sround(s10R * ybI) - sround(s9R * yaI));
            br[f2] = (short) (s11R + s12R);
            bi[f2] = (short) (s11I + s12I);
            br[f3] = (short) (s11R - s12R);
            bi[f3] = (short) (s11I - s12I);
        }
    }

    /** {@code KISS_FFT_COS/SIN}: {@code floor(.5 + SAMP_MAX * v)} stored to int16. */
    private static int twiddle(double v) {
        return (short) (long) Math.floor(.5 + SAMP_MAX * v);
    }

    /** {@code C_FIXDIV}'s {@code DIVSCALAR}: {@code sround(x * (SAMP_MAX / k))}. */
    private static int fixDiv(int x, int k) {
        return sround(x * (SAMP_MAX / k));
    }

    /** {@code sround} of an int32 product: round off 15 fractional bits, truncate to int16. */
    private static int sround(int x) {
        return (short) ((x + ROUND) >> FRAC_BITS);
    }
}
