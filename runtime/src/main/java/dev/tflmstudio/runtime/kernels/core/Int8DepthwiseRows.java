package dev.tflmstudio.runtime.kernels.core;

import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.Requantizer;
import dev.tflmstudio.runtime.kernels.TensorData;

/**
 * int8 DEPTHWISE_CONV_2D computed an output row at a time: for every filter tap, one plain loop over the row's
 * {@code outW * outC} accumulators ({@code acc[j] += w[j] * x[j]}), which the JIT vectorizes whatever the channel
 * count, stride or depth multiplier.
 *
 * <p>To make that loop contiguous, each invoke first widens the input once into int rows with the input offset
 * added and each input channel repeated {@code depthMultiplier} times (so input and output channels line up), the
 * padding columns zero (the reference skips those taps: they add nothing), and, for a column stride s, the columns
 * split into s phases (tap {@code fx} of output column {@code ox} reads phase {@code (fx * dil) % s} at column
 * {@code ox + (fx * dil) / s}); each tap column's view of a row is then copied to an array of its own, because the
 * JIT vectorizes no loop whose index carries an offset. Filter taps are tiled in prepare to the row's width, and
 * accumulators start at the bias. Integer sums do not depend on their order, so the result is the reference's bit for bit; rows outside the
 * input are skipped as the reference skips them.
 */
final class Int8DepthwiseRows implements PreparedOp {
    /** Largest widened input (and its tap views), in ints, this kernel allocates; larger take the per-pixel kernel. */
    private static final long MAX_WIDE_INTS = 1L << 23;

    private final DepthwiseConv2D.Geometry g;
    private final TensorData input;
    private final TensorData output;
    private final int inputOffset;
    private final Requantizer requantizer;
    private final int rowInts;
    /** Widened input rows by (column phase, input row). */
    private final int[][] wide;
    /** Input rows as filter column fx reads them, by (fx, input row): a wide row from fx's column on. */
    private final int[][] views;
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
        this.rowInts = g.outW() * outC;
        this.wide = new int[g.strideW() * g.inH()][columns * outC];
        this.views = new int[g.fW() * g.inH()][];
        for (int fx = 0; fx < g.fW(); fx++) {
            int k = fx * g.dilW();
            for (int iy = 0; iy < g.inH(); iy++) {
                // a view from column 0 is the wide row itself
                views[fx * g.inH() + iy] = k / g.strideW() == 0 ? wide[(k % g.strideW()) * g.inH() + iy]
                        : new int[rowInts];
            }
        }
        this.taps = new int[g.fH() * g.fW()][rowInts];
        for (int t = 0; t < taps.length; t++) {
            for (int j = 0; j < rowInts; j++) {
                taps[t][j] = w[t * outC + j % outC];
            }
        }
        this.biasTile = new int[rowInts];
        for (int j = 0; j < rowInts; j++) {
            biasTile[j] = bias[j % outC];
        }
        this.acc = new int[rowInts];
    }

    /** The kernel for {@code g}, or null when its widened input would be too large (the caller keeps its own). */
    static Int8DepthwiseRows create(DepthwiseConv2D.Geometry g, TensorData input, byte[] w, int[] bias,
                                    TensorData output, int inputOffset, Requantizer requantizer) {
        if (input.isConstant() || g.inC() * (long) g.depthMultiplier() != g.outC() || g.outW() < 1 || g.outH() < 1
                || g.padW() < 0 || g.padH() < 0 || g.strideW() < 1 || g.strideH() < 1 || g.dilW() < 1
                || g.dilH() < 1) {
            return null; // the rows need positive strides and dilations (a hostile file's 0 runs the plain loop)
        }
        long needed = (g.outW() - 1L) * g.strideW() + (g.fW() - 1L) * g.dilW() + 1;
        long columns = (Math.max(needed, g.padW() + (long) g.inW()) + g.strideW() - 1) / g.strideW();
        long row = (long) g.outW() * g.outC();
        long ints = columns * g.outC() * g.strideW() * g.inH() + row * g.fW() * g.inH() + row * g.fH() * g.fW();
        if (ints > MAX_WIDE_INTS) {
            return null;
        }
        return new Int8DepthwiseRows(g, input, w, bias, output, inputOffset, requantizer, (int) columns);
    }

    @Override
    public void eval() {
        final int outC = g.outC();
        final int fW = g.fW();
        final int inH = g.inH();
        final int n = rowInts;
        final int[] a = acc;
        for (int b = 0; b < g.batches(); b++) {
            widen(b);
            for (int oy = 0; oy < g.outH(); oy++) {
                int iy0 = oy * g.strideH() - g.padH();
                System.arraycopy(biasTile, 0, a, 0, n);
                for (int fy = 0; fy < g.fH(); fy++) {
                    int iy = iy0 + fy * g.dilH();
                    if (iy < 0 || iy >= inH) {
                        continue;
                    }
                    int t = fy * fW;
                    int fx = 0;
                    for (; fx + 2 < fW; fx += 3) {
                        accumulate3(a, n, taps[t + fx], views[fx * inH + iy], taps[t + fx + 1],
                                views[(fx + 1) * inH + iy], taps[t + fx + 2], views[(fx + 2) * inH + iy]);
                    }
                    for (; fx < fW; fx++) {
                        accumulate(a, n, taps[t + fx], views[fx * inH + iy]);
                    }
                }
                requantizer.pixels(a, g.outW(), output.array(),
                        output.base() + (b * g.outH() + oy) * g.outW() * outC);
            }
        }
    }

    // the arrays are indexed by the loop variable alone: C2 (JDK 17) vectorizes no loop with an offset index

    private static void accumulate(int[] a, int n, int[] w, int[] x) {
        for (int j = 0; j < n; j++) {
            a[j] += w[j] * x[j];
        }
    }

    private static void accumulate3(int[] a, int n, int[] w0, int[] x0, int[] w1, int[] x1, int[] w2, int[] x2) {
        for (int j = 0; j < n; j++) {
            a[j] += w0[j] * x0[j] + w1[j] * x1[j] + w2[j] * x2[j];
        }
    }

    /** Batch {@code b}'s input as widened rows (padding columns stay zero from allocation), then the tap views. */
    private void widen(int b) {
        final byte[] in = input.array();
        final int inC = g.inC();
        final int dm = g.depthMultiplier();
        final int outC = g.outC();
        final int sw = g.strideW();
        final int inH = g.inH();
        final int off = inputOffset;
        for (int iy = 0; iy < inH; iy++) {
            int rowAt = input.base() + (b * inH + iy) * g.inW() * inC;
            for (int ix = 0; ix < g.inW(); ix++) {
                int padded = ix + g.padW();
                int[] row = wide[(padded % sw) * inH + iy];
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
        for (int fx = 0; fx < g.fW(); fx++) {
            int k = fx * g.dilW();
            int shift = (k / sw) * outC;
            if (shift == 0) {
                continue;
            }
            for (int iy = 0; iy < inH; iy++) {
                System.arraycopy(wide[(k % sw) * inH + iy], shift, views[fx * inH + iy], 0, rowInts);
            }
        }
    }
}
