package dev.tflmstudio.runtime.kernels.core;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * The layout the plane-wise convolutions ({@link Int8ConvPlanes}, {@link FloatConvPlanes}) share: the input as one
 * plane per input channel and stride phase ({@code rows x pitch}, padding included), the output computed "wide" (row
 * pitch = the plane's, {@link #wideCount} values), and each output channel's terms (filter tap, input channel) in the
 * reference order (filter row, filter column, input channel), each naming the column it reads (a plane from an
 * offset on) and the index of its weight in the OHWI filter.
 */
final class ConvPlaneLayout {
    final int rows;
    final int pitch;
    final int wideCount;
    final int planeCount;
    /** Per output channel, the column each of its terms reads. */
    final int[][] termColumn;
    /** Per output channel, the filter index of each of its terms' weights. */
    final int[][] termWeightIndex;
    /** Plane and offset of each column: the plane read from that offset on. */
    final int[] columnPlane;
    final int[] columnOffset;

    private ConvPlaneLayout(Conv2D.Geometry g, int rows, int pitch, IntPredicate keepWeight) {
        this.rows = rows;
        this.pitch = pitch;
        this.wideCount = (g.outH() - 1) * pitch + g.outW();
        int sh = g.strideH();
        int sw = g.strideW();
        int inC = g.inC();
        this.planeCount = sh * sw * inC;
        int terms = g.fH() * g.fW() * inC;
        Map<Long, Integer> columnOf = new LinkedHashMap<>();
        this.termColumn = new int[g.outC()][];
        this.termWeightIndex = new int[g.outC()][];
        for (int oc = 0; oc < g.outC(); oc++) {
            int[] column = new int[terms];
            int[] weight = new int[terms];
            int n = 0;
            for (int fy = 0; fy < g.fH(); fy++) {
                int ky = fy * g.dilH();
                for (int fx = 0; fx < g.fW(); fx++) {
                    int kx = fx * g.dilW();
                    int phase = (ky % sh) * sw + kx % sw;
                    int offset = (ky / sh) * pitch + kx / sw;
                    for (int ic = 0; ic < inC; ic++) {
                        int wi = ((oc * g.fH() + fy) * g.fW() + fx) * inC + ic;
                        if (keepWeight.test(wi)) {
                            long key = ((long) (phase * inC + ic) << 32) | offset;
                            column[n] = columnOf.computeIfAbsent(key, k -> columnOf.size());
                            weight[n] = wi;
                            n++;
                        }
                    }
                }
            }
            termColumn[oc] = java.util.Arrays.copyOf(column, n);
            termWeightIndex[oc] = java.util.Arrays.copyOf(weight, n);
        }
        this.columnPlane = new int[columnOf.size()];
        this.columnOffset = new int[columnOf.size()];
        columnOf.forEach((key, c) -> {
            columnPlane[c] = (int) (key >>> 32);
            columnOffset[c] = (int) (long) key;
        });
    }

    /**
     * The layout for {@code g} when plane-wise loops pay (the output has at least as many pixels as output channels,
     * or 128) and its planes and columns hold at most {@code maxElements} values; null otherwise, and for geometries
     * the planes cannot express (grouped, negative padding, strides or dilations below 1: a hostile file's).
     *
     * @param keepWeight whether the term of the filter's weight at an index is listed (int8 leaves zeros out)
     */
    static ConvPlaneLayout of(Conv2D.Geometry g, long maxElements, IntPredicate keepWeight) {
        if (g.inC() != g.fIc() || g.outW() < 1 || g.outH() < 1 || g.padW() < 0 || g.padH() < 0
                || g.strideH() < 1 || g.strideW() < 1 || g.dilH() < 1 || g.dilW() < 1) {
            return null;
        }
        long pixels = (long) g.outH() * g.outW();
        if (pixels < Math.min(g.outC(), 128)) {
            return null;
        }
        long neededW = (g.outW() - 1L) * g.strideW() + (g.fW() - 1L) * g.dilW() + 1;
        long neededH = (g.outH() - 1L) * g.strideH() + (g.fH() - 1L) * g.dilH() + 1;
        long columns = (Math.max(neededW, g.padW() + (long) g.inW()) + g.strideW() - 1) / g.strideW();
        long rows = (Math.max(neededH, g.padH() + (long) g.inH()) + g.strideH() - 1) / g.strideH();
        long elements = ((long) g.strideH() * g.strideW() + (long) g.fH() * g.fW()) * g.inC() * rows * columns;
        if (elements > maxElements || rows * columns > Integer.MAX_VALUE / 2) {
            return null;
        }
        return new ConvPlaneLayout(g, (int) rows, (int) columns, keepWeight);
    }
}
