package dev.tflmstudio.runtime.kernels;

import java.util.Arrays;

/**
 * NumPy-style broadcasting of binary ops (TFLM's {@code BroadcastBinaryFunction6DSlow} and friends), resolved in
 * prepare into a flat index map so eval is a plain loop.
 */
public final class Broadcast {
    private Broadcast() {
    }

    /**
     * Whether a binary op over {@code a} and {@code b} writing {@code out} needs index maps: the input shapes
     * differ and both broadcast to the output. Inputs that do not broadcast to it get none (the maps are as long as
     * the output, and a hostile output shape would have them built for nothing): TensorBounds refuses such an op at
     * invoke, before its eval runs.
     */
    public static boolean needed(int[] a, int[] b, int[] out) {
        return !Arrays.equals(a, b) && fits(a, out) && fits(b, out);
    }

    /**
     * Whether {@code in} broadcasts to {@code out}: aligned at the last dimension, each of its dimensions 1 or the
     * output's, and no more of them than the output has.
     */
    public static boolean fits(int[] in, int[] out) {
        if (in.length > out.length) {
            return false;
        }
        for (int i = 0; i < in.length; i++) {
            int o = out[i + out.length - in.length];
            if (in[i] != 1 && in[i] != o) {
                return false;
            }
        }
        return true;
    }

    /**
     * The output shape of broadcasting {@code a} with {@code b}, or null when they are incompatible.
     */
    public static int[] outputShape(int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
            int db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
            if (da != db && da != 1 && db != 1) {
                return null;
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    /**
     * For every element of the output (row-major over {@code outDims}), the flat index of the input element of
     * shape {@code inDims} it reads (dimensions of size 1 repeat; missing leading dimensions repeat).
     */
    public static int[] indexMap(int[] inDims, int[] outDims) {
        int rank = outDims.length;
        int[] inStride = new int[rank];
        int stride = 1;
        for (int i = rank - 1; i >= 0; i--) {
            int k = i - (rank - inDims.length);
            int d = k < 0 ? 1 : inDims[k];
            inStride[i] = d == 1 ? 0 : stride;
            stride *= d;
        }
        int total = 1;
        for (int d : outDims) {
            total *= d;
        }
        int[] map = new int[total];
        int[] idx = new int[rank];
        int in = 0;
        for (int o = 0; o < total; o++) {
            map[o] = in;
            for (int i = rank - 1; i >= 0; i--) {
                idx[i]++;
                in += inStride[i];
                if (idx[i] < outDims[i]) {
                    break;
                }
                in -= inStride[i] * idx[i];
                idx[i] = 0;
            }
        }
        return map;
    }
}
