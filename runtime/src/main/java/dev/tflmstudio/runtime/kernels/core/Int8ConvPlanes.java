package dev.tflmstudio.runtime.kernels.core;

import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.Requantizer;
import dev.tflmstudio.runtime.kernels.TensorData;

/**
 * int8 CONV_2D (ungrouped) one output channel at a time over the whole output plane, for outputs with many pixels
 * (where {@link FastConv}'s loop over output channels is short). Each invoke first copies the input into one int
 * plane per input channel and stride phase, input offset added and padding zero; the output plane is computed "wide"
 * (row pitch = the plane's), so every (filter tap, input channel) term of an output channel is one contiguous loop
 * {@code acc[q] += w * plane[q + offset]} over all output pixels, four terms per pass, which the JIT vectorizes
 * (each plane read from a tap's offset is copied once per invoke to an array of its own, a "column", because the JIT
 * vectorizes no loop whose index carries an offset; a 1x1 convolution's columns are its planes).
 *
 * <p>The terms of each output channel are listed in prepare (the filter reordered to plane and offset), zero weights
 * left out: they add nothing. Accumulators start at the bias. Integer sums do not depend on their order and the
 * padding's zeros stand for the taps the reference skips, so the result is the reference's bit for bit.
 */
final class Int8ConvPlanes implements PreparedOp {
    /** Largest planes and columns, in ints, this kernel allocates; larger shapes take {@link FastConv}. */
    private static final long MAX_PLANE_INTS = 1L << 24;

    private final Conv2D.Geometry g;
    private final TensorData input;
    private final TensorData output;
    private final int inputOffset;
    private final int[] bias;
    private final Requantizer requantizer;
    private final int pitch;
    private final int wideCount;
    private final int[][] planes;
    /** Plane and offset of each column: the plane read from that offset on, copied so loops index from 0. */
    private final int[] columnPlane;
    private final int[] columnOffset;
    private final int[][] columnData;
    private final int[][] termColumn;
    private final int[][] termWeight;
    private final int[] acc;

    private Int8ConvPlanes(Conv2D.Geometry g, TensorData input, byte[] w, int[] bias, TensorData output,
                           int inputOffset, Requantizer requantizer, int rows, int columns) {
        this.g = g;
        this.input = input;
        this.output = output;
        this.inputOffset = inputOffset;
        this.bias = bias;
        this.requantizer = requantizer;
        this.pitch = columns;
        this.wideCount = (g.outH() - 1) * columns + g.outW();
        int sh = g.strideH();
        int sw = g.strideW();
        int inC = g.inC();
        this.planes = new int[sh * sw * inC][rows * columns];
        int terms = g.fH() * g.fW() * inC;
        java.util.Map<Long, Integer> columnOf = new java.util.LinkedHashMap<>();
        this.termColumn = new int[g.outC()][];
        this.termWeight = new int[g.outC()][];
        for (int oc = 0; oc < g.outC(); oc++) {
            int[] column = new int[terms];
            int[] weight = new int[terms];
            int n = 0;
            for (int fy = 0; fy < g.fH(); fy++) {
                int ky = fy * g.dilH();
                for (int fx = 0; fx < g.fW(); fx++) {
                    int kx = fx * g.dilW();
                    int phase = (ky % sh) * sw + kx % sw;
                    int offset = (ky / sh) * columns + kx / sw;
                    for (int ic = 0; ic < inC; ic++) {
                        int v = w[((oc * g.fH() + fy) * g.fW() + fx) * inC + ic];
                        if (v != 0) {
                            long key = ((long) (phase * inC + ic) << 32) | offset;
                            column[n] = columnOf.computeIfAbsent(key, k -> columnOf.size());
                            weight[n] = v;
                            n++;
                        }
                    }
                }
            }
            termColumn[oc] = java.util.Arrays.copyOf(column, n);
            termWeight[oc] = java.util.Arrays.copyOf(weight, n);
        }
        this.columnPlane = new int[columnOf.size()];
        this.columnOffset = new int[columnOf.size()];
        this.columnData = new int[columnOf.size()][];
        columnOf.forEach((key, c) -> {
            columnPlane[c] = (int) (key >>> 32);
            columnOffset[c] = (int) (long) key;
            // a column read from offset 0 is its plane itself
            columnData[c] = columnOffset[c] == 0 ? planes[columnPlane[c]] : new int[wideCount];
        });
        this.acc = new int[wideCount];
    }

    /**
     * The kernel for {@code g} when its output plane is long enough for plane-wise loops to pay (at least as many
     * pixels as output channels, or 128), else null; null too when its planes would be too large.
     */
    static Int8ConvPlanes create(Conv2D.Geometry g, TensorData input, byte[] w, int[] bias, TensorData output,
                                 int inputOffset, Requantizer requantizer) {
        if (input.isConstant() || g.inC() != g.fIc() || g.outW() < 1 || g.outH() < 1 || g.padW() < 0
                || g.padH() < 0 || g.strideH() < 1 || g.strideW() < 1 || g.dilH() < 1 || g.dilW() < 1) {
            return null; // the planes need positive strides and dilations (a hostile file's 0 runs the plain loop)
        }
        long pixels = (long) g.outH() * g.outW();
        if (pixels < Math.min(g.outC(), 128)) {
            return null;
        }
        long neededW = (g.outW() - 1L) * g.strideW() + (g.fW() - 1L) * g.dilW() + 1;
        long neededH = (g.outH() - 1L) * g.strideH() + (g.fH() - 1L) * g.dilH() + 1;
        long columns = (Math.max(neededW, g.padW() + (long) g.inW()) + g.strideW() - 1) / g.strideW();
        long rows = (Math.max(neededH, g.padH() + (long) g.inH()) + g.strideH() - 1) / g.strideH();
        long planeInts = (long) g.strideH() * g.strideW() * g.inC() * rows * columns
                + (long) g.fH() * g.fW() * g.inC() * rows * columns;
        if (planeInts > MAX_PLANE_INTS || rows * columns > Integer.MAX_VALUE / 2) {
            return null;
        }
        return new Int8ConvPlanes(g, input, w, bias, output, inputOffset, requantizer, (int) rows, (int) columns);
    }

    @Override
    public void eval() {
        final int outC = g.outC();
        final int n = wideCount;
        final int[] a = acc;
        final int[][] p = columnData;
        final byte[] out = output.array();
        for (int b = 0; b < g.batches(); b++) {
            fillPlanes(b);
            for (int c = 0; c < p.length; c++) {
                if (columnOffset[c] != 0) {
                    System.arraycopy(planes[columnPlane[c]], columnOffset[c], p[c], 0, n);
                }
            }
            int outBase = output.base() + b * g.outH() * g.outW() * outC;
            for (int oc = 0; oc < outC; oc++) {
                java.util.Arrays.fill(a, 0, n, bias[oc]);
                int[] tc = termColumn[oc];
                int[] tw = termWeight[oc];
                int t = 0;
                for (; t + 3 < tc.length; t += 4) {
                    accumulate4(a, n, tw[t], p[tc[t]], tw[t + 1], p[tc[t + 1]], tw[t + 2], p[tc[t + 2]], tw[t + 3],
                            p[tc[t + 3]]);
                }
                for (; t < tc.length; t++) {
                    accumulate(a, n, tw[t], p[tc[t]]);
                }
                for (int oy = 0; oy < g.outH(); oy++) {
                    requantizer.channelRow(a, oy * pitch, g.outW(), oc, out, outBase + oy * g.outW() * outC + oc,
                            outC);
                }
            }
        }
    }

    // the arrays are indexed by the loop variable alone: C2 (JDK 17) vectorizes no loop with an offset index

    private static void accumulate(int[] a, int n, int w, int[] x) {
        for (int q = 0; q < n; q++) {
            a[q] += w * x[q];
        }
    }

    private static void accumulate4(int[] a, int n, int w0, int[] x0, int w1, int[] x1, int w2, int[] x2, int w3,
                                    int[] x3) {
        for (int q = 0; q < n; q++) {
            a[q] += w0 * x0[q] + w1 * x1[q] + w2 * x2[q] + w3 * x3[q];
        }
    }

    /** Batch {@code b}'s input into the planes (padding stays zero from allocation). */
    private void fillPlanes(int b) {
        final byte[] in = input.array();
        final int inC = g.inC();
        final int sh = g.strideH();
        final int sw = g.strideW();
        final int off = inputOffset;
        for (int iy = 0; iy < g.inH(); iy++) {
            int py = iy + g.padH();
            int rowAt = (py / sh) * pitch;
            int phaseRow = (py % sh) * sw;
            int from = input.base() + (b * g.inH() + iy) * g.inW() * inC;
            for (int ix = 0; ix < g.inW(); ix++) {
                int px = ix + g.padW();
                int first = (phaseRow + px % sw) * inC;
                int at = rowAt + px / sw;
                for (int ic = 0; ic < inC; ic++) {
                    planes[first + ic][at] = in[from++] + off;
                }
            }
        }
    }
}
