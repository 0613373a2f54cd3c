package dev.tflmstudio.runtime.interpreter;

import java.util.Arrays;

/**
 * The baseline of invoke benchmarks: a fixed int8 multiply-accumulate loop, timed in the same run as the models so
 * that figures from different machines and loads can be read as ratios to it.
 */
public final class MacBaseline {
    private MacBaseline() {
    }

    /**
     * Median time in nanoseconds of {@code macs} int8 multiply-accumulates (a multiple of 4,096), after
     * {@code warmups} untimed rounds (for the JIT), over {@code samples} timed ones.
     */
    public static long medianNanos(int macs, int warmups, int samples) {
        byte[] x = new byte[4096];
        byte[] w = new byte[4096];
        for (int i = 0; i < x.length; i++) {
            x[i] = (byte) (i * 31 + 7);
            w[i] = (byte) (i * 17 + 3);
        }
        long[] t = new long[samples];
        int sink = 0;
        for (int r = 0; r < warmups + samples; r++) {
            long t0 = System.nanoTime();
            int acc = 0;
            for (int k = 0; k < macs / x.length; k++) {
                for (int i = 0; i < x.length; i++) {
                    acc += x[i] * w[i];
                }
                acc ^= k;
            }
            sink += acc;
            if (r >= warmups) {
                t[r - warmups] = System.nanoTime() - t0;
            }
        }
        Arrays.sort(t);
        if (sink == 42) {
            System.out.print(""); // keeps the loop from being optimised away
        }
        return t[samples / 2];
    }
}
