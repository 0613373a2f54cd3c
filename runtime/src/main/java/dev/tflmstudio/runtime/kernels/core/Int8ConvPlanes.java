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

    private Int8ConvPlanes(ConvPlaneLayout layout, Conv2D.Geometry g, TensorData input, byte[] w, int[] bias,
                           TensorData output, int inputOffset, Requantizer requantizer) {
        this.g = g;
        this.input = input;
        this.output = output;
        this.inputOffset = inputOffset;
        this.bias = bias;
        this.requantizer = requantizer;
        this.pitch = layout.pitch;
        this.wideCount = layout.wideCount;
        this.planes = new int[layout.planeCount][layout.rows * layout.pitch];
        this.termColumn = layout.termColumn;
        this.termWeight = new int[g.outC()][];
        for (int oc = 0; oc < g.outC(); oc++) {
            int[] index = layout.termWeightIndex[oc];
            termWeight[oc] = new int[index.length];
            for (int t = 0; t < index.length; t++) {
                termWeight[oc][t] = w[index[t]];
            }
        }
        this.columnPlane = layout.columnPlane;
        this.columnOffset = layout.columnOffset;
        this.columnData = new int[columnPlane.length][];
        for (int c = 0; c < columnPlane.length; c++) {
            // a column read from offset 0 is its plane itself
            columnData[c] = columnOffset[c] == 0 ? planes[columnPlane[c]] : new int[wideCount];
        }
        this.acc = new int[wideCount];
    }

    /** The kernel for {@code g} when {@link ConvPlaneLayout#of} finds a layout for it, else null. */
    static Int8ConvPlanes create(Conv2D.Geometry g, TensorData input, byte[] w, int[] bias, TensorData output,
                                 int inputOffset, Requantizer requantizer) {
        if (input.isConstant()) {
            return null;
        }
        // zero weights add nothing: their terms are left out
        ConvPlaneLayout layout = ConvPlaneLayout.of(g, MAX_PLANE_INTS, i -> w[i] != 0);
        return layout == null ? null
                : new Int8ConvPlanes(layout, g, input, w, bias, output, inputOffset, requantizer);
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
