package dev.tflmstudio.runtime.kernels.signal;

/**
 * The real-input FFT TFLM's SignalRfft uses for float32: KISS FFT v130 with {@code kiss_fft_scalar = float}, in
 * float32 arithmetic in the C code's operation order (no radix division; {@code HALF_OF(x)} is {@code x * .5f} as
 * TFLM's patch makes it). Factoring and twiddle angles are shared with {@link KissFftrFixed}.
 */
final class KissFftrFloat {
    private final int ncfft;
    private final int[] factors;
    private final float[] twR;
    private final float[] twI;
    private final float[] superR;
    private final float[] superI;
    private final float[] inR;
    private final float[] inI;
    private final float[] bufR;
    private final float[] bufI;
    private final boolean isInverse;

    /**
     * @param fftLength the real FFT length (even)
     * @param inverse   configure for {@link #inverse} ({@code kiss_fftr_alloc(..., inverse_fft=1, ...)})
     */
    KissFftrFloat(int fftLength, boolean inverse) {
        this.isInverse = inverse;
        ncfft = fftLength / 2;
        factors = KissFftrFixed.factor(ncfft);
        twR = new float[ncfft];
        twI = new float[ncfft];
        for (int i = 0; i < ncfft; i++) {
            double phase = -2 * Math.PI * i / ncfft * (isInverse ? -1 : 1);
            twR[i] = (float) Math.cos(phase);
            twI[i] = (float) Math.sin(phase);
        }
        superR = new float[ncfft / 2];
        superI = new float[ncfft / 2];
        for (int i = 0; i < ncfft / 2; i++) {
            double phase = -Math.PI * ((double) (i + 1) / ncfft + .5) * (isInverse ? -1 : 1);
            superR[i] = (float) Math.cos(phase);
            superI[i] = (float) Math.sin(phase);
        }
        inR = new float[ncfft];
        inI = new float[ncfft];
        bufR = new float[ncfft];
        bufI = new float[ncfft];
    }

    /** {@code kiss_fftr}: {@code 2 * ncfft} samples in, {@code ncfft + 1} interleaved complex values out. */
    void forward(float[] time, float[] freq) {
        for (int i = 0; i < ncfft; i++) {
            inR[i] = time[2 * i];
            inI[i] = time[2 * i + 1];
        }
        work(0, 0, 1, 0);
        float tdcR = bufR[0];
        float tdcI = bufI[0];
        freq[0] = tdcR + tdcI;
        freq[2 * ncfft] = tdcR - tdcI;
        freq[1] = 0;
        freq[2 * ncfft + 1] = 0;
        for (int k = 1; k <= ncfft / 2; k++) {
            float fpkR = bufR[k];
            float fpkI = bufI[k];
            float fpnkR = bufR[ncfft - k];
            float fpnkI = -bufI[ncfft - k];
            float f1kR = fpkR + fpnkR;
            float f1kI = fpkI + fpnkI;
            float f2kR = fpkR - fpnkR;
            float f2kI = fpkI - fpnkI;
            float twRe = f2kR * superR[k - 1] - f2kI * superI[k - 1];
            float twIm = f2kR * superI[k - 1] + f2kI * superR[k - 1];
            freq[2 * k] = (f1kR + twRe) * .5f;
            freq[2 * k + 1] = (f1kI + twIm) * .5f;
            freq[2 * (ncfft - k)] = (f1kR - twRe) * .5f;
            freq[2 * (ncfft - k) + 1] = (twIm - f1kI) * .5f;
        }
    }

    /**
     * {@code kiss_fftri} (needs an inverse configuration): {@code ncfft + 1} interleaved complex values in,
     * {@code 2 * ncfft} samples out, unscaled (TFLM divides by the length afterwards).
     */
    void inverse(float[] freq, float[] time) {
        inR[0] = freq[0] + freq[2 * ncfft];
        inI[0] = freq[0] - freq[2 * ncfft];
        for (int k = 1; k <= ncfft / 2; k++) {
            float fkR = freq[2 * k];
            float fkI = freq[2 * k + 1];
            float fnkcR = freq[2 * (ncfft - k)];
            float fnkcI = -freq[2 * (ncfft - k) + 1];
            float fekR = fkR + fnkcR;
            float fekI = fkI + fnkcI;
            float tmpR = fkR - fnkcR;
            float tmpI = fkI - fnkcI;
            float fokR = tmpR * superR[k - 1] - tmpI * superI[k - 1];
            float fokI = tmpR * superI[k - 1] + tmpI * superR[k - 1];
            inR[k] = fekR + fokR;
            inI[k] = fekI + fokI;
            inR[ncfft - k] = fekR - fokR;
            inI[ncfft - k] = (fekI - fokI) * -1;
        }
        work(0, 0, 1, 0);
        for (int i = 0; i < ncfft; i++) {
            time[2 * i] = bufR[i];
            time[2 * i + 1] = bufI[i];
        }
    }

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
            float tR = bufR[f2] * twR[tw] - bufI[f2] * twI[tw];
            float tI = bufR[f2] * twI[tw] + bufI[f2] * twR[tw];
            bufR[f2] = bufR[f] - tR;
            bufI[f2] = bufI[f] - tI;
            bufR[f] += tR;
            bufI[f] += tI;
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
            float s0R = bufR[f1] * twR[tw1] - bufI[f1] * twI[tw1];
            float s0I = bufR[f1] * twI[tw1] + bufI[f1] * twR[tw1];
            float s1R = bufR[f2] * twR[tw2] - bufI[f2] * twI[tw2];
            float s1I = bufR[f2] * twI[tw2] + bufI[f2] * twR[tw2];
            float s2R = bufR[f3] * twR[tw3] - bufI[f3] * twI[tw3];
            float s2I = bufR[f3] * twI[tw3] + bufI[f3] * twR[tw3];
            float s5R = bufR[f] - s1R;
            float s5I = bufI[f] - s1I;
            bufR[f] += s1R;
            bufI[f] += s1I;
            float s3R = s0R + s2R;
            float s3I = s0I + s2I;
            float s4R = s0R - s2R;
            float s4I = s0I - s2I;
            bufR[f2] = bufR[f] - s3R;
            bufI[f2] = bufI[f] - s3I;
            tw1 += fstride;
            tw2 += fstride * 2;
            tw3 += fstride * 3;
            bufR[f] += s3R;
            bufI[f] += s3I;
            if (isInverse) {
                bufR[f1] = s5R - s4I;
                bufI[f1] = s5I + s4R;
                bufR[f3] = s5R + s4I;
                bufI[f3] = s5I - s4R;
            } else {
                bufR[f1] = s5R + s4I;
                bufI[f1] = s5I - s4R;
                bufR[f3] = s5R - s4I;
                bufI[f3] = s5I + s4R;
            }
        }
    }

    private void butterfly3(int f, int fstride, int m) {
        float epi3I = twI[fstride * m];
        int tw1 = 0;
        int tw2 = 0;
        for (int k = 0; k < m; k++, f++) {
            int f1 = f + m;
            int f2 = f + 2 * m;
            float s1R = bufR[f1] * twR[tw1] - bufI[f1] * twI[tw1];
            float s1I = bufR[f1] * twI[tw1] + bufI[f1] * twR[tw1];
            float s2R = bufR[f2] * twR[tw2] - bufI[f2] * twI[tw2];
            float s2I = bufR[f2] * twI[tw2] + bufI[f2] * twR[tw2];
            float s3R = s1R + s2R;
            float s3I = s1I + s2I;
            float s0R = s1R - s2R;
            float s0I = s1I - s2I;
            tw1 += fstride;
            tw2 += fstride * 2;
            bufR[f1] = bufR[f] - s3R * .5f;
            bufI[f1] = bufI[f] - s3I * .5f;
            s0R *= epi3I;
            s0I *= epi3I;
            bufR[f] += s3R;
            bufI[f] += s3I;
            bufR[f2] = bufR[f1] + s0I;
            bufI[f2] = bufI[f1] - s0R;
            bufR[f1] -= s0I;
            bufI[f1] += s0R;
        }
    }

    private void butterfly5(int f, int fstride, int m) {
        float yaR = twR[fstride * m];
        float yaI = twI[fstride * m];
        float ybR = twR[fstride * 2 * m];
        float ybI = twI[fstride * 2 * m];
        for (int u = 0; u < m; u++, f++) {
            int f1 = f + m;
            int f2 = f + 2 * m;
            int f3 = f + 3 * m;
            int f4 = f + 4 * m;
            float s0R = bufR[f];
            float s0I = bufI[f];
            int t1 = u * fstride;
            int t2 = 2 * u * fstride;
            int t3 = 3 * u * fstride;
            int t4 = 4 * u * fstride;
            float s1R = bufR[f1] * twR[t1] - bufI[f1] * twI[t1];
            float s1I = bufR[f1] * twI[t1] + bufI[f1] * twR[t1];
            float s2R = bufR[f2] * twR[t2] - bufI[f2] * twI[t2];
            float s2I = bufR[f2] * twI[t2] + bufI[f2] * twR[t2];
            float s3R = bufR[f3] * twR[t3] - bufI[f3] * twI[t3];
            float s3I = bufR[f3] * twI[t3] + bufI[f3] * twR[t3];
            float s4R = bufR[f4] * twR[t4] - bufI[f4] * twI[t4];
            float s4I = bufR[f4] * twI[t4] + bufI[f4] * twR[t4];
            float s7R = s1R + s4R;
            float s7I = s1I + s4I;
            float s10R = s1R - s4R;
            float s10I = s1I - s4I;
            float s8R = s2R + s3R;
            float s8I = s2I + s3I;
            float s9R = s2R - s3R;
            float s9I = s2I - s3I;
            bufR[f] += s7R + s8R;
            bufI[f] += s7I + s8I;
            float s5R = s0R + s7R * yaR + s8R * ybR;
            float s5I = s0I + s7I * yaR + s8I * ybR;
            float s6R = s10I * yaI + s9I * ybI;
            float s6I = -(s10R * yaI) - s9R * ybI;
            bufR[f1] = s5R - s6R;
            bufI[f1] = s5I - s6I;
            bufR[f4] = s5R + s6R;
            bufI[f4] = s5I + s6I;
            float s11R = s0R + s7R * ybR + s8R * yaR;
            float s11I = s0I + s7I * ybR + s8I * yaR;
            float s12R = -(s10I * ybI) + s9I * yaI;
            float s12I = s10R * ybI - s9R * yaI;
            bufR[f2] = s11R + s12R;
            bufI[f2] = s11I + s12I;
            bufR[f3] = s11R - s12R;
            bufI[f3] = s11I - s12I;
        }
    }
}
