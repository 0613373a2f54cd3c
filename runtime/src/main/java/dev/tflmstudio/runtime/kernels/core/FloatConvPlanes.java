package dev.tflmstudio.runtime.kernels.core;

import dev.tflmstudio.runtime.kernels.ActivationRange;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.TensorData;
import java.nio.ByteBuffer;

/**
 * float32 CONV_2D (ungrouped) one output channel at a time over the whole output plane, laid out as
 * {@link Int8ConvPlanes} (input planes by channel and stride phase, padding zero, each tap's view of a plane copied to
 * a column of its own so the loops index from 0 and the JIT vectorizes them).
 *
 * <p>Bit-exact with the reference because each accumulator still adds its products one at a time in the reference
 * order (filter row, filter column, input channel): the terms are listed in that order and a pass adds four of them
 * left to right ({@code a + p0 + p1 + p2 + p3} is {@code (((a + p0) + p1) + p2) + p3} in Java). A padding tap adds
 * {@code w * 0}, a zero, which changes no sum (sums start at +0 and never become -0); so this kernel is used only
 * when every weight is finite ({@code inf * 0} would be NaN where the reference skips the tap).
 */
final class FloatConvPlanes implements PreparedOp {
    /** Largest planes and columns, in floats, this kernel allocates; larger shapes take {@link FastConv}. */
    private static final long MAX_PLANE_FLOATS = 1L << 23;

    private final Conv2D.Geometry g;
    private final TensorData input;
    private final TensorData output;
    private final float[] bias;
    private final float lo;
    private final float hi;
    private final int pitch;
    private final int wideCount;
    private final float[][] planes;
    private final int[] columnPlane;
    private final int[] columnOffset;
    private final float[][] columnData;
    private final int[][] termColumn;
    private final float[][] termWeight;
    private final float[] acc;

    private FloatConvPlanes(ConvPlaneLayout layout, Conv2D.Geometry g, TensorData input, float[] w, float[] bias,
                            TensorData output, float lo, float hi) {
        this.g = g;
        this.input = input;
        this.output = output;
        this.bias = bias;
        this.lo = lo;
        this.hi = hi;
        this.pitch = layout.pitch;
        this.wideCount = layout.wideCount;
        this.planes = new float[layout.planeCount][layout.rows * layout.pitch];
        this.termColumn = layout.termColumn;
        this.termWeight = new float[g.outC()][];
        for (int oc = 0; oc < g.outC(); oc++) {
            int[] index = layout.termWeightIndex[oc];
            termWeight[oc] = new float[index.length];
            for (int t = 0; t < index.length; t++) {
                termWeight[oc][t] = w[index[t]];
            }
        }
        this.columnPlane = layout.columnPlane;
        this.columnOffset = layout.columnOffset;
        this.columnData = new float[columnPlane.length][];
        for (int c = 0; c < columnPlane.length; c++) {
            columnData[c] = columnOffset[c] == 0 ? planes[columnPlane[c]] : new float[wideCount];
        }
        this.acc = new float[wideCount];
    }

    /** The kernel for {@code g} when it pays and is exact (see the class comment), else null. */
    static FloatConvPlanes create(Conv2D.Geometry g, TensorData input, float[] w, float[] bias, TensorData output,
                                  float lo, float hi) {
        if (input.isConstant()) {
            return null;
        }
        for (float v : w) {
            if (!Float.isFinite(v)) {
                return null;
            }
        }
        // every term is listed, zero weights too: 0 times an infinite or NaN input is NaN in the reference
        ConvPlaneLayout layout = ConvPlaneLayout.of(g, MAX_PLANE_FLOATS, i -> true);
        return layout == null ? null : new FloatConvPlanes(layout, g, input, w, bias, output, lo, hi);
    }

    @Override
    public void eval() {
        final int outC = g.outC();
        final int n = wideCount;
        final float[] a = acc;
        final float[][] p = columnData;
        final ByteBuffer out = output.buffer();
        for (int b = 0; b < g.batches(); b++) {
            fillPlanes(b);
            for (int c = 0; c < p.length; c++) {
                if (columnOffset[c] != 0) {
                    System.arraycopy(planes[columnPlane[c]], columnOffset[c], p[c], 0, n);
                }
            }
            int outBase = output.base() + 4 * b * g.outH() * g.outW() * outC;
            for (int oc = 0; oc < outC; oc++) {
                java.util.Arrays.fill(a, 0, n, 0f);
                int[] tc = termColumn[oc];
                float[] tw = termWeight[oc];
                int t = 0;
                for (; t + 3 < tc.length; t += 4) {
                    accumulate4(a, n, tw[t], p[tc[t]], tw[t + 1], p[tc[t + 1]], tw[t + 2], p[tc[t + 2]], tw[t + 3],
                            p[tc[t + 3]]);
                }
                for (; t < tc.length; t++) {
                    accumulate(a, n, tw[t], p[tc[t]]);
                }
                float bv = bias == null ? 0f : bias[oc];
                for (int oy = 0; oy < g.outH(); oy++) {
                    int at = outBase + 4 * (oy * g.outW() * outC + oc);
                    int from = oy * pitch;
                    for (int ox = 0; ox < g.outW(); ox++) {
                        out.putFloat(at + 4 * ox * outC, ActivationRange.clamp(a[from + ox] + bv, lo, hi));
                    }
                }
            }
        }
    }

    // indexed by the loop variable alone (C2 vectorizes no loop with an offset index); products added one at a time

    private static void accumulate(float[] a, int n, float w, float[] x) {
        for (int q = 0; q < n; q++) {
            a[q] = a[q] + w * x[q];
        }
    }

    private static void accumulate4(float[] a, int n, float w0, float[] x0, float w1, float[] x1, float w2,
                                    float[] x2, float w3, float[] x3) {
        for (int q = 0; q < n; q++) {
            a[q] = a[q] + w0 * x0[q] + w1 * x1[q] + w2 * x2[q] + w3 * x3[q];
        }
    }

    /** Batch {@code b}'s input into the planes (padding stays zero from allocation). */
    private void fillPlanes(int b) {
        final ByteBuffer in = input.buffer();
        final int inC = g.inC();
        final int sh = g.strideH();
        final int sw = g.strideW();
        for (int iy = 0; iy < g.inH(); iy++) {
            int py = iy + g.padH();
            int rowAt = (py / sh) * pitch;
            int phaseRow = (py % sh) * sw;
            int from = input.base() + 4 * (b * g.inH() + iy) * g.inW() * inC;
            for (int ix = 0; ix < g.inW(); ix++) {
                int px = ix + g.padW();
                int first = (phaseRow + px % sw) * inC;
                int at = rowAt + px / sw;
                for (int ic = 0; ic < inC; ic++, from += 4) {
                    planes[first + ic][at] = in.getFloat(from);
                }
            }
        }
    }
}
