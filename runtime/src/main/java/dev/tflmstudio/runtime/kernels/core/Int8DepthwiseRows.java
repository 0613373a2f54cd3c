package dev.tflmstudio.runtime.kernels.core;

import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.Requantizer;
import dev.tflmstudio.runtime.kernels.TensorData;

/**
 * int8 DEPTHWISE_CONV_2D computed a block of output row at a time: for every filter tap, one plain loop over the
 * block's {@code pixels * outC} accumulators ({@code acc[j] += w[j] * x[j]}), which the JIT vectorizes whatever the
 * channel count, stride or depth multiplier.
 *
 * <p>To make that loop contiguous, each invoke first widens the input once into int rows with the input offset
 * added and each input channel repeated {@code depthMultiplier} times (so input and output channels line up), the
 * padding columns zero (the reference skips those taps: they add nothing), and, for a column stride s, the columns
 * split into s phases (tap {@code fx} of output column {@code ox} reads phase {@code (fx * dil) % s} at column
 * {@code ox + (fx * dil) / s}). Filter rows are tiled in prepare to the block's width, and accumulators start at the
 * bias. Integer sums do not depend on their order, so the result is the reference's bit for bit; rows outside the
 * input are skipped as the reference skips them.
 */
final class Int8DepthwiseRows implements PreparedOp {
    /** Largest widened input, in ints, this kernel allocates; larger shapes take the per-pixel kernel. */
    private static final long MAX_WIDE_INTS = 1L << 24;
    /** Accumulators per block (a block of pixels of one output row). */
    private static final int BLOCK_INTS = 4096;

    private final DepthwiseConv2D.Geometry g;
    private final TensorData input;
    private final TensorData output;
    private final int inputOffset;
    private final Requantizer requantizer;
    private final int blockPixels;
    private final int rowInts;
    private final int[][] wide;
    private final int[][] taps;
    private final int[] biasTile;
    private final int[] acc;

    private Int8DepthwiseRows(DepthwiseConv2D.Geometry g, TensorData input, byte[] w, int[] bias, TensorData output,
                              int inputOffset, Requantizer requantizer, int columns) {
        this.g = g;
        this.input = input;
        this.output = output;
        this.inputOffset = inputOffset;
        this.requantizer = requantizer;
        int outC = g.outC();
        this.blockPixels = Math.max(1, Math.min(g.outW(), BLOCK_INTS / outC));
        int n = blockPixels * outC;
        this.rowInts = columns * outC;
        this.wide = new int[g.strideW() * g.inH()][rowInts];
        this.taps = new int[g.fH() * g.fW()][n];
        for (int t = 0; t < taps.length; t++) {
            for (int j = 0; j < n; j++) {
                taps[t][j] = w[t * outC + j % outC];
            }
        }
        this.biasTile = new int[n];
        for (int j = 0; j < n; j++) {
            biasTile[j] = bias[j % outC];
        }
        this.acc = new int[n];
    }

    /** The kernel for {@code g}, or null when its widened input would be too large (the caller keeps its own). */
    static Int8DepthwiseRows create(DepthwiseConv2D.Geometry g, TensorData input, byte[] w, int[] bias,
                                    TensorData output, int inputOffset, Requantizer requantizer) {
        if (g.inC() * (long) g.depthMultiplier() != g.outC() || g.outW() < 1 || g.outH() < 1) {
            return null;
        }
        long needed = (g.outW() - 1L) * g.strideW() + (g.fW() - 1L) * g.dilW() + 1;
        long columns = (Math.max(needed, g.padW() + (long) g.inW()) + g.strideW() - 1) / g.strideW();
        long wideInts = columns * g.outC() * g.strideW() * g.inH();
        long tapInts = (long) g.fH() * g.fW() * Math.min(g.outW(), Math.max(1, BLOCK_INTS / g.outC())) * g.outC();
        if (g.padW() < 0 || g.padH() < 0 || wideInts > MAX_WIDE_INTS || tapInts > MAX_WIDE_INTS) {
            return null;
        }
        return new Int8DepthwiseRows(g, input, w, bias, output, inputOffset, requantizer, (int) columns);
    }

    @Override
    public void eval() {
        final int outC = g.outC();
        final int sw = g.strideW();
        final int fW = g.fW();
        for (int b = 0; b < g.batches(); b++) {
            widen(b);
            for (int oy = 0; oy < g.outH(); oy++) {
                int iy0 = oy * g.strideH() - g.padH();
                int outRow = output.base() + (b * g.outH() + oy) * g.outW() * outC;
                for (int ox0 = 0; ox0 < g.outW(); ox0 += blockPixels) {
                    int pixels = Math.min(blockPixels, g.outW() - ox0);
                    int n = pixels * outC;
                    int[] a = acc;
                    System.arraycopy(biasTile, 0, a, 0, n);
                    for (int fy = 0; fy < g.fH(); fy++) {
                        int iy = iy0 + fy * g.dilH();
                        if (iy < 0 || iy >= g.inH()) {
                            continue;
                        }
                        int fx = 0;
                        for (; fx + 2 < fW; fx += 3) {
                            int k0 = fx * g.dilW();
                            int k1 = k0 + g.dilW();
                            int k2 = k1 + g.dilW();
                            accumulate3(a, n, taps[fy * fW + fx], wide[(k0 % sw) * g.inH() + iy],
                                    (ox0 + k0 / sw) * outC, taps[fy * fW + fx + 1],
                                    wide[(k1 % sw) * g.inH() + iy], (ox0 + k1 / sw) * outC,
                                    taps[fy * fW + fx + 2], wide[(k2 % sw) * g.inH() + iy],
                                    (ox0 + k2 / sw) * outC);
                        }
                        for (; fx < fW; fx++) {
                            int k = fx * g.dilW();
                            accumulate(a, n, taps[fy * fW + fx], wide[(k % sw) * g.inH() + iy], (ox0 + k / sw) * outC);
                        }
                    }
                    requantizer.pixels(a, pixels, output.array(), outRow + ox0 * outC);
                }
            }
        }
    }

    private static void accumulate(int[] a, int n, int[] w, int[] x, int at) {
        for (int j = 0; j < n; j++) {
            a[j] += w[j] * x[at + j];
        }
    }

    private static void accumulate3(int[] a, int n, int[] w0, int[] x0, int at0, int[] w1, int[] x1, int at1,
                                    int[] w2, int[] x2, int at2) {
        for (int j = 0; j < n; j++) {
            a[j] += w0[j] * x0[at0 + j] + w1[j] * x1[at1 + j] + w2[j] * x2[at2 + j];
        }
    }

    /** Batch {@code b}'s input as widened rows (padding columns stay zero from allocation). */
    private void widen(int b) {
        final byte[] in = input.array();
        final int inC = g.inC();
        final int dm = g.depthMultiplier();
        final int outC = g.outC();
        final int sw = g.strideW();
        final int off = inputOffset;
        for (int iy = 0; iy < g.inH(); iy++) {
            int rowAt = input.base() + (b * g.inH() + iy) * g.inW() * inC;
            for (int ix = 0; ix < g.inW(); ix++) {
                int padded = ix + g.padW();
                int[] row = wide[(padded % sw) * g.inH() + iy];
                int to = (padded / sw) * outC;
                int from = rowAt + ix * inC;
                if (dm == 1) {
                    for (int c = 0; c < inC; c++) {
                        row[to + c] = in[from + c] + off;
                    }
                } else {
                    for (int c = 0; c < inC; c++) {
                        int v = in[from + c] + off;
                        for (int m = 0; m < dm; m++) {
                            row[to + c * dm + m] = v;
                        }
                    }
                }
            }
        }
    }
}
