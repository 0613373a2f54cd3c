package dev.tflmstudio.runtime.kernels.signal;

/**
 * The forward int16 real FFT of SignalRfft ({@code kiss_fftr} built with {@code FIXED_POINT=16}), specialised for
 * speed: the same operations as {@link KissFftrFixed} with 16-bit samples, but on int arithmetic over one short[]
 * work buffer of interleaved (re, im) pairs, like {@code kiss_fft_cpx[]} (every store truncates to int16 as the C
 * code's do), with no sample-width branches, each stage's twiddles laid out in the order its butterflies read them,
 * and the deepest radix-4 stage run straight from the input. Int arithmetic wraps exactly as the C code's int32
 * {@code SAMPPROD} does, so results are bit-identical to {@link KissFftrFixed} (KissFftrTest checks this on random
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
    /** Per stage (factor pair), the twiddles its butterflies use, in the order they use them (see below). */
    private final int[][] stageTwiddles;
    private final int[] superR;
    private final int[] superI;
    private final int[] leafInput;
    /** Whether the deepest stage is radix 4 over single samples ({@link #leafRadix4} runs it from the input). */
    private final boolean radix4Leaves;
    private final short[] buf;

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
        stageTwiddles = new int[factors.length / 2][];
        for (int fi = 0; fi < factors.length; fi += 2) {
            stageTwiddles[fi / 2] = stageTwiddles(factors[fi], factors[fi + 1]);
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
        radix4Leaves = factors[factors.length - 2] == 4 && factors[factors.length - 1] == 1;
        buf = new short[2 * ncfft];
    }

    /**
     * The twiddles of a stage of radix {@code p} over sub-transforms of {@code m}: for each {@code k < m}, the
     * (re, im) pairs of {@code tw[q * k * fstride]} for {@code q = 1 .. p - 1}, so the butterfly loops read them at
     * {@code 2 * (p - 1) * k + c} (an index the JIT can prove in bounds once per loop) instead of multiplying strides.
     */
    private int[] stageTwiddles(int p, int m) {
        int fstride = ncfft / (p * m);
        int[] tw = new int[2 * (p - 1) * m];
        for (int k = 0, at = 0; k < m; k++) {
            for (int q = 1; q < p; q++, at += 2) {
                tw[at] = twR[q * k * fstride];
                tw[at + 1] = twI[q * k * fstride];
            }
        }
        return tw;
    }

    /**
     * {@code kiss_fftr}: {@code time} holds {@code 2 * ncfft} int16 samples; writes {@code ncfft + 1} complex values
     * to {@code freq} as interleaved (re, im) int16 values. Copies through byte arrays: the kernel calls
     * {@link #forward(byte[], int, byte[], int)} on the arena; this form is for tests comparing ports.
     */
    void forward(int[] time, int[] freq) {
        byte[] in = new byte[2 * time.length];
        Int16Frames.write(in, 0, time, time.length);
        byte[] out = new byte[2 * freq.length];
        forward(in, 0, out, 0);
        for (int i = 0; i < freq.length; i++) {
            freq[i] = Int16Frames.get(out, 2 * i);
        }
    }

    /**
     * {@link #forward(int[], int[])} on little-endian int16 values in byte arrays (the arena), read from byte offset
     * {@code timeAt} and written from byte offset {@code freqAt}, with no copies between.
     */
    void forward(byte[] time, int timeAt, byte[] freq, int freqAt) {
        int n = ncfft;
        short[] buf = this.buf;
        int fi = factors.length - 2;
        if (radix4Leaves) {
            leafRadix4(time, timeAt);
            fi -= 2;
        } else {
            for (int o = 0; o < n; o++) {
                buf[2 * o] = Int16Frames.get(time, timeAt + 4 * leafInput[o]);
                buf[2 * o + 1] = Int16Frames.get(time, timeAt + 4 * leafInput[o] + 2);
            }
        }
        for (; fi >= 0; fi -= 2) {
            stage(factors[fi], factors[fi + 1], stageTwiddles[fi / 2]);
        }
        int tdcR = fixDiv(buf[0], 2);
        int tdcI = fixDiv(buf[1], 2);
        Int16Frames.set(freq, freqAt, tdcR + tdcI);
        Int16Frames.set(freq, freqAt + 2, 0);
        Int16Frames.set(freq, freqAt + 4 * n, tdcR - tdcI);
        Int16Frames.set(freq, freqAt + 4 * n + 2, 0);
        int[] sr = superR;
        int[] si = superI;
        for (int k = 1; k <= n / 2; k++) {
            int fpkR = fixDiv(buf[2 * k], 2);
            int fpkI = fixDiv(buf[2 * k + 1], 2);
            int fpnkR = fixDiv(buf[2 * (n - k)], 2);
            int fpnkI = fixDiv((short) -buf[2 * (n - k) + 1], 2);
            int f1kR = (short) (fpkR + fpnkR);
            int f1kI = (short) (fpkI + fpnkI);
            int f2kR = (short) (fpkR - fpnkR);
            int f2kI = (short) (fpkI - fpnkI);
            int sR = sr[k - 1];
            int sI = si[k - 1];
            int twRe = sround(f2kR * sR - f2kI * sI);
            int twIm = sround(f2kR * sI + f2kI * sR);
            Int16Frames.set(freq, freqAt + 4 * k, (f1kR + twRe) >> 1);
            Int16Frames.set(freq, freqAt + 4 * k + 2, (f1kI + twIm) >> 1);
            Int16Frames.set(freq, freqAt + 4 * (n - k), (f1kR - twRe) >> 1);
            Int16Frames.set(freq, freqAt + 4 * (n - k) + 2, (twIm - f1kI) >> 1);
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
    private void stage(int p, int m, int[] tw) {
        int group = p * m;
        switch (p) {
            case 2 -> {
                for (int out = 0; out < ncfft; out += group) {
                    butterfly2(out, m, tw);
                }
            }
            case 3 -> {
                int epi3I = twI[ncfft / 3];
                for (int out = 0; out < ncfft; out += group) {
                    butterfly3(out, m, tw, epi3I);
                }
            }
            case 4 -> {
                for (int out = 0; out < ncfft; out += group) {
                    butterfly4(out, m, tw);
                }
            }
            case 5 -> {
                for (int out = 0; out < ncfft; out += group) {
                    butterfly5(out, m, tw);
                }
            }
            default -> throw new IllegalStateException("radix " + p + " is not supported");
        }
    }

    /**
     * The deepest stage when it is radix 4 over single samples ({@code m == 1}), reading the input in recursion
     * order. Its only twiddle is {@code tw[0] = (32767, 0)}, and for the {@code fixDiv(x, 4)} operands (magnitude
     * at most 8192) {@code sround(v * 32767 - w * 0) == v}, so the twiddle products are left out: the same values as
     * {@link #butterfly4}, whose
     * note on the untruncated sums applies here too.
     */
    private void leafRadix4(byte[] time, int timeAt) {
        short[] buf = this.buf;
        int[] leaf = leafInput;
        for (int f = 0; f + 3 < ncfft; f += 4) {
            int a0 = timeAt + 4 * leaf[f];
            int a1 = timeAt + 4 * leaf[f + 1];
            int a2 = timeAt + 4 * leaf[f + 2];
            int a3 = timeAt + 4 * leaf[f + 3];
            int x0R = fixDiv(Int16Frames.get(time, a0), 4);
            int x0I = fixDiv(Int16Frames.get(time, a0 + 2), 4);
            int s0R = fixDiv(Int16Frames.get(time, a1), 4);
            int s0I = fixDiv(Int16Frames.get(time, a1 + 2), 4);
            int s1R = fixDiv(Int16Frames.get(time, a2), 4);
            int s1I = fixDiv(Int16Frames.get(time, a2 + 2), 4);
            int s2R = fixDiv(Int16Frames.get(time, a3), 4);
            int s2I = fixDiv(Int16Frames.get(time, a3 + 2), 4);
            int s5R = x0R - s1R;
            int s5I = x0I - s1I;
            int y0R = x0R + s1R;
            int y0I = x0I + s1I;
            int s3R = s0R + s2R;
            int s3I = s0I + s2I;
            int s4R = s0R - s2R;
            int s4I = s0I - s2I;
            buf[2 * (f + 2)] = (short) (y0R - s3R);
            buf[2 * (f + 2) + 1] = (short) (y0I - s3I);
            buf[2 * f] = (short) (y0R + s3R);
            buf[2 * f + 1] = (short) (y0I + s3I);
            buf[2 * (f + 1)] = (short) (s5R + s4I);
            buf[2 * (f + 1) + 1] = (short) (s5I - s4R);
            buf[2 * (f + 3)] = (short) (s5R - s4I);
            buf[2 * (f + 3) + 1] = (short) (s5I + s4R);
        }
    }

    private void butterfly2(int f, int m, int[] tw) {
        short[] buf = this.buf;
        for (int k = 0; k < m; k++, f++) {
            int f2 = f + m;
            int wR = tw[2 * k];
            int wI = tw[2 * k + 1];
            int aR = fixDiv(buf[2 * f], 2);
            int aI = fixDiv(buf[2 * f + 1], 2);
            int bR = fixDiv(buf[2 * f2], 2);
            int bI = fixDiv(buf[2 * f2 + 1], 2);
            int tR = sround(bR * wR - bI * wI);
            int tI = sround(bR * wI + bI * wR);
            buf[2 * f2] = (short) (aR - tR);
            buf[2 * f2 + 1] = (short) (aI - tI);
            buf[2 * f] = (short) (aR + tR);
            buf[2 * f + 1] = (short) (aI + tI);
        }
    }

    /**
     * {@code kf_bfly4}. The C code truncates its intermediate sums to int16; here the sums that only feed other sums
     * are left wide, since truncation to int16 commutes with + and -, and the final stores truncate.
     */
    private void butterfly4(int f, int m, int[] tw) {
        short[] buf = this.buf;
        for (int k = 0; k < m; k++, f++) {
            int f1 = f + m;
            int f2 = f + 2 * m;
            int f3 = f + 3 * m;
            int w1R = tw[6 * k];
            int w1I = tw[6 * k + 1];
            int w2R = tw[6 * k + 2];
            int w2I = tw[6 * k + 3];
            int w3R = tw[6 * k + 4];
            int w3I = tw[6 * k + 5];
            int x0R = fixDiv(buf[2 * f], 4);
            int x0I = fixDiv(buf[2 * f + 1], 4);
            int x1R = fixDiv(buf[2 * f1], 4);
            int x1I = fixDiv(buf[2 * f1 + 1], 4);
            int x2R = fixDiv(buf[2 * f2], 4);
            int x2I = fixDiv(buf[2 * f2 + 1], 4);
            int x3R = fixDiv(buf[2 * f3], 4);
            int x3I = fixDiv(buf[2 * f3 + 1], 4);
            int s0R = roundQ15(x1R * w1R - x1I * w1I);
            int s0I = roundQ15(x1R * w1I + x1I * w1R);
            int s1R = roundQ15(x2R * w2R - x2I * w2I);
            int s1I = roundQ15(x2R * w2I + x2I * w2R);
            int s2R = roundQ15(x3R * w3R - x3I * w3I);
            int s2I = roundQ15(x3R * w3I + x3I * w3R);
            int s5R = x0R - s1R;
            int s5I = x0I - s1I;
            int y0R = x0R + s1R;
            int y0I = x0I + s1I;
            int s3R = s0R + s2R;
            int s3I = s0I + s2I;
            int s4R = s0R - s2R;
            int s4I = s0I - s2I;
            buf[2 * f2] = (short) (y0R - s3R);
            buf[2 * f2 + 1] = (short) (y0I - s3I);
            buf[2 * f] = (short) (y0R + s3R);
            buf[2 * f + 1] = (short) (y0I + s3I);
            buf[2 * f1] = (short) (s5R + s4I);
            buf[2 * f1 + 1] = (short) (s5I - s4R);
            buf[2 * f3] = (short) (s5R - s4I);
            buf[2 * f3 + 1] = (short) (s5I + s4R);
        }
    }

    private void butterfly3(int f, int m, int[] tw, int epi3I) {
        short[] buf = this.buf;
        for (int k = 0; k < m; k++, f++) {
            int f1 = f + m;
            int f2 = f + 2 * m;
            int w1R = tw[4 * k];
            int w1I = tw[4 * k + 1];
            int w2R = tw[4 * k + 2];
            int w2I = tw[4 * k + 3];
            int x0R = fixDiv(buf[2 * f], 3);
            int x0I = fixDiv(buf[2 * f + 1], 3);
            int x1R = fixDiv(buf[2 * f1], 3);
            int x1I = fixDiv(buf[2 * f1 + 1], 3);
            int x2R = fixDiv(buf[2 * f2], 3);
            int x2I = fixDiv(buf[2 * f2 + 1], 3);
            int s1R = sround(x1R * w1R - x1I * w1I);
            int s1I = sround(x1R * w1I + x1I * w1R);
            int s2R = sround(x2R * w2R - x2I * w2I);
            int s2I = sround(x2R * w2I + x2I * w2R);
            int s3R = (short) (s1R + s2R);
            int s3I = (short) (s1I + s2I);
            int s0R = (short) (s1R - s2R);
            int s0I = (short) (s1I - s2I);
            int y1R = (short) (x0R - (s3R >> 1));
            int y1I = (short) (x0I - (s3I >> 1));
            s0R = sround(s0R * epi3I);
            s0I = sround(s0I * epi3I);
            buf[2 * f] = (short) (x0R + s3R);
            buf[2 * f + 1] = (short) (x0I + s3I);
            buf[2 * f2] = (short) (y1R + s0I);
            buf[2 * f2 + 1] = (short) (y1I - s0R);
            buf[2 * f1] = (short) (y1R - s0I);
            buf[2 * f1 + 1] = (short) (y1I + s0R);
        }
    }

    private void butterfly5(int f, int m, int[] tw) {
        short[] buf = this.buf;
        int yaR = twR[ncfft / 5];
        int yaI = twI[ncfft / 5];
        int ybR = twR[2 * (ncfft / 5)];
        int ybI = twI[2 * (ncfft / 5)];
        for (int u = 0; u < m; u++, f++) {
            int f1 = f + m;
            int f2 = f + 2 * m;
            int f3 = f + 3 * m;
            int f4 = f + 4 * m;
            int s0R = fixDiv(buf[2 * f], 5);
            int s0I = fixDiv(buf[2 * f + 1], 5);
            int x1R = fixDiv(buf[2 * f1], 5);
            int x1I = fixDiv(buf[2 * f1 + 1], 5);
            int x2R = fixDiv(buf[2 * f2], 5);
            int x2I = fixDiv(buf[2 * f2 + 1], 5);
            int x3R = fixDiv(buf[2 * f3], 5);
            int x3I = fixDiv(buf[2 * f3 + 1], 5);
            int x4R = fixDiv(buf[2 * f4], 5);
            int x4I = fixDiv(buf[2 * f4 + 1], 5);
            int t = 8 * u;
            int s1R = sround(x1R * tw[t] - x1I * tw[t + 1]);
            int s1I = sround(x1R * tw[t + 1] + x1I * tw[t]);
            int s2R = sround(x2R * tw[t + 2] - x2I * tw[t + 3]);
            int s2I = sround(x2R * tw[t + 3] + x2I * tw[t + 2]);
            int s3R = sround(x3R * tw[t + 4] - x3I * tw[t + 5]);
            int s3I = sround(x3R * tw[t + 5] + x3I * tw[t + 4]);
            int s4R = sround(x4R * tw[t + 6] - x4I * tw[t + 7]);
            int s4I = sround(x4R * tw[t + 7] + x4I * tw[t + 6]);
            int s7R = (short) (s1R + s4R);
            int s7I = (short) (s1I + s4I);
            int s10R = (short) (s1R - s4R);
            int s10I = (short) (s1I - s4I);
            int s8R = (short) (s2R + s3R);
            int s8I = (short) (s2I + s3I);
            int s9R = (short) (s2R - s3R);
            int s9I = (short) (s2I - s3I);
            buf[2 * f] = (short) (s0R + s7R + s8R);
            buf[2 * f + 1] = (short) (s0I + s7I + s8I);
            int s5R = (short) (s0R + sround(s7R * yaR) + sround(s8R * ybR));
            int s5I = (short) (s0I + sround(s7I * yaR) + sround(s8I * ybR));
            int s6R = (short) (sround(s10I * yaI) + sround(s9I * ybI));
            int s6I = (short) (-sround(s10R * yaI) - sround(s9R * ybI));
            buf[2 * f1] = (short) (s5R - s6R);
            buf[2 * f1 + 1] = (short) (s5I - s6I);
            buf[2 * f4] = (short) (s5R + s6R);
            buf[2 * f4 + 1] = (short) (s5I + s6I);
            int s11R = (short) (s0R + sround(s7R * ybR) + sround(s8R * yaR));
            int s11I = (short) (s0I + sround(s7I * ybR) + sround(s8I * yaR));
            int s12R = (short) (-sround(s10I * ybI) + sround(s9I * yaI));
            int s12I = (short) (sround(s10R * ybI) - sround(s9R * yaI));
            buf[2 * f2] = (short) (s11R + s12R);
            buf[2 * f2 + 1] = (short) (s11I + s12I);
            buf[2 * f3] = (short) (s11R - s12R);
            buf[2 * f3 + 1] = (short) (s11I - s12I);
        }
    }

    /** {@code KISS_FFT_COS/SIN}: {@code floor(.5 + SAMP_MAX * v)} stored to int16. */
    private static int twiddle(double v) {
        return (short) (long) Math.floor(.5 + SAMP_MAX * v);
    }

    /**
     * {@code C_FIXDIV}'s {@code DIVSCALAR}: {@code sround(x * (SAMP_MAX / k))} of int16 {@code x} with {@code k >= 2},
     * whose magnitude is at most 16383, so the C code's int16 truncation changes nothing and is left out.
     */
    private static int fixDiv(int x, int k) {
        return (x * (SAMP_MAX / k) + ROUND) >> FRAC_BITS;
    }

    /** {@code sround} of a twiddle product of {@code fixDiv(x, 4)} values: magnitude at most 16383, no truncation. */
    private static int roundQ15(int x) {
        return (x + ROUND) >> FRAC_BITS;
    }

    /** {@code sround} of an int32 product: round off 15 fractional bits, truncate to int16. */
    private static int sround(int x) {
        return (short) ((x + ROUND) >> FRAC_BITS);
    }
}
