package dev.tflmstudio.runtime.kernels.signal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Sanity checks of the KISS FFT ports against a plain double-precision DFT, for the lengths that exercise every
 * radix (2, 3, 4, 5). Bit-exactness with TFLM is proven for int16 / length 512 by the micro_speech preprocessor
 * checksums (AudioPreprocessorSignalTest); there is no TFLM reference run for the other types and lengths, so these
 * tests only show the transforms compute the spectrum (within the rounding of each arithmetic).
 */
class KissFftrTest {

    @ParameterizedTest(name = "fft_length {0}")
    @ValueSource(ints = {64, 200, 384, 480, 512})
    void floatTransformMatchesTheDft(int n) {
        float[] time = signal(n, 1.0);
        float[] freq = new float[n + 2];
        new KissFftrFloat(n, false).forward(time, freq);
        double[] dft = dft(time);
        double peak = peak(dft);
        for (int i = 0; i < n + 2; i++) {
            assertThat(Math.abs(freq[i] - dft[i])).as("element %d", i).isLessThan(1e-4 * peak);
        }
    }

    @ParameterizedTest(name = "fft_length {0}")
    @ValueSource(ints = {64, 200, 384, 480, 512})
    void int16TransformIsTheDftScaledByTheLength(int n) {
        long[] time = fixedSignal(n, 16000);
        long[] freq = new long[n + 2];
        new KissFftrFixed(n, 16, false).forward(time, freq);
        double[] dft = dft(toFloat(time));
        for (int i = 0; i < n + 2; i++) {
            assertThat(Math.abs(freq[i] - dft[i] / n)).as("element %d", i).isLessThan(8.0);
        }
    }

    @ParameterizedTest(name = "fft_length {0}")
    @ValueSource(ints = {64, 200, 384, 480, 512})
    void fastInt16TransformIsBitIdenticalToTheGenericPort(int n) {
        java.util.Random random = new java.util.Random(n);
        KissFftr16 fast = new KissFftr16(n);
        KissFftrFixed generic = new KissFftrFixed(n, 16, false);
        for (int frame = 0; frame < 50; frame++) {
            // full-scale noise (with -32768, where int16 negation and int32 products wrap) and quiet frames
            int amplitude = frame % 2 == 0 ? 1 << 16 : 1 << (frame % 16);
            long[] time = new long[n];
            int[] time16 = new int[n];
            for (int i = 0; i < n; i++) {
                time16[i] = frame == 0 ? Short.MIN_VALUE : (short) (random.nextInt(amplitude) - amplitude / 2);
                time[i] = time16[i];
            }
            long[] expected = new long[n + 2];
            int[] actual = new int[n + 2];
            generic.forward(time, expected);
            fast.forward(time16, actual);
            assertThat(java.util.Arrays.stream(actual).asLongStream().toArray()).as("frame %d", frame)
                    .containsExactly(expected);
        }
    }

    @ParameterizedTest(name = "fft_length {0}")
    @ValueSource(ints = {64, 200, 384, 480, 512})
    void int32TransformIsTheDftScaledByTheLength(int n) {
        long[] time = fixedSignal(n, 1_000_000_000);
        long[] freq = new long[n + 2];
        new KissFftrFixed(n, 32, false).forward(time, freq);
        double[] dft = dft(toFloat(time));
        for (int i = 0; i < n + 2; i++) {
            assertThat(Math.abs(freq[i] - dft[i] / n)).as("element %d", i).isLessThan(64.0);
        }
    }

    @ParameterizedTest(name = "fft_length {0}")
    @ValueSource(ints = {64, 200, 384, 480, 512})
    void floatInverseUndoesTheForwardTransformUpToTheLength(int n) {
        float[] time = signal(n, 1.0);
        float[] freq = new float[n + 2];
        new KissFftrFloat(n, false).forward(time, freq);
        float[] back = new float[n];
        new KissFftrFloat(n, true).inverse(freq, back);
        for (int i = 0; i < n; i++) {
            assertThat(Math.abs(back[i] / n - time[i])).as("sample %d", i).isLessThan(1e-5f);
        }
    }

    @ParameterizedTest(name = "fft_length {0}")
    @ValueSource(ints = {64, 200, 384, 480, 512})
    void fixedInverseUndoesTheForwardTransformScaledDownByTheLength(int n) {
        for (int bits : new int[] {16, 32}) {
            long[] time = fixedSignal(n, bits == 16 ? 16000 : 1_000_000_000);
            long[] freq = new long[n + 2];
            new KissFftrFixed(n, bits, false).forward(time, freq);
            long[] back = new long[n];
            new KissFftrFixed(n, bits, true).inverse(freq, back);
            for (int i = 0; i < n; i++) {
                assertThat(Math.abs(back[i] - (double) time[i] / n)).as("%d-bit sample %d", bits, i)
                        .isLessThan(bits == 16 ? 4.0 : 64.0);
            }
        }
    }

    @ParameterizedTest(name = "fft_length {0}")
    @ValueSource(ints = {14, 22, 511})
    void lengthsKissCannotRunAreRefused(int n) {
        assertThat(KissFftrFixed.supports(n)).isFalse();
    }

    private static float[] signal(int n, double amplitude) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (amplitude * (0.5 * Math.sin(2 * Math.PI * 5 * i / n)
                    + 0.3 * Math.cos(2 * Math.PI * 17 * i / n) + 0.1 * Math.sin(i * 0.37)));
        }
        return x;
    }

    private static long[] fixedSignal(int n, double amplitude) {
        float[] s = signal(n, 1.0);
        long[] x = new long[n];
        for (int i = 0; i < n; i++) {
            x[i] = Math.round(s[i] * amplitude);
        }
        return x;
    }

    private static float[] toFloat(long[] x) {
        float[] f = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            f[i] = x[i];
        }
        return f;
    }

    /** Bins 0..n/2 of the real DFT, interleaved (re, im). */
    private static double[] dft(float[] x) {
        int n = x.length;
        double[] out = new double[n + 2];
        for (int k = 0; k <= n / 2; k++) {
            double re = 0;
            double im = 0;
            for (int t = 0; t < n; t++) {
                double a = -2 * Math.PI * k * (long) t / n;
                re += x[t] * Math.cos(a);
                im += x[t] * Math.sin(a);
            }
            out[2 * k] = re;
            out[2 * k + 1] = im;
        }
        return out;
    }

    private static double peak(double[] v) {
        double p = 0;
        for (double d : v) {
            p = Math.max(p, Math.abs(d));
        }
        return p;
    }
}
