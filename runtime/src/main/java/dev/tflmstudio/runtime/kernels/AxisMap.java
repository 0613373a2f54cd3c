package dev.tflmstudio.runtime.kernels;

import java.util.Arrays;

/**
 * Walks the input elements in row-major order and gives the output element each reduces into, from the axis
 * tensor's values at eval time (TFLM's {@code ResolveAxis}: negative axes count from the end, duplicates are ignored,
 * a scalar input takes any axis). It holds a few numbers per dimension, never one per element; the axes are
 * resolved again only when their values change, so a constant axis is resolved once and a runtime one (another
 * op's output) costs a comparison per eval.
 */
public final class AxisMap {
    private final int[] dims;
    private final TensorData axis;
    private final int[] lastAxes;
    private final boolean[] reduced;
    private final int[] index;
    private final int[] outStride;
    private long reducedCount;
    private long keptCount;
    private boolean valid;
    private int offset;

    public AxisMap(int[] dims, TensorData axis) {
        this.dims = dims;
        this.axis = axis;
        this.lastAxes = new int[axis.elementCount()];
        this.reduced = new boolean[dims.length];
        this.index = new int[dims.length];
        this.outStride = new int[dims.length];
    }

    /** The number of input elements each output element reduces, after {@link #resolve}. */
    public long reducedCount() {
        return reducedCount;
    }

    /** The number of output elements the resolved axes keep (the product of the other dimensions). */
    public long keptCount() {
        return keptCount;
    }

    /**
     * Refuses resolved axes whose kept elements are not the output's {@code outputs} (a runtime axis the output
     * shape does not fit; a constant one is refused after prepare, by TensorBounds): TFLM would write past the
     * output. Allocates only to fail.
     */
    public void requireOutput(OpContext ctx, int outputs) throws KernelException {
        if (keptCount != outputs) {
            throw ctx.evalFailure("the axis keeps " + keptCount + " elements, the output holds " + outputs
                    + ": TFLM would write past the output");
        }
    }

    /**
     * Resolves the axes (throwing {@code badAxis} for one outside the input) and starts the walk: {@link #next}
     * then gives the output index of input elements 0, 1, 2, ... in turn.
     */
    public void resolve(KernelException badAxis) throws KernelException {
        Arrays.fill(index, 0);
        offset = 0;
        int count = lastAxes.length;
        boolean same = valid;
        for (int k = 0; k < count; k++) {
            int a = axis.getInt32(k);
            same &= a == lastAxes[k];
            lastAxes[k] = a;
        }
        if (same) {
            return;
        }
        valid = false;
        Arrays.fill(reduced, false);
        for (int k = 0; k < count && dims.length > 0; k++) {
            int a = lastAxes[k] < 0 ? lastAxes[k] + dims.length : lastAxes[k];
            if (a < 0 || a >= dims.length) {
                throw badAxis;
            }
            reduced[a] = true;
        }
        reducedCount = 1;
        keptCount = 1;
        // output strides over the kept dimensions, row-major
        int stride = 1;
        for (int d = dims.length - 1; d >= 0; d--) {
            reducedCount *= reduced[d] ? dims[d] : 1;
            keptCount *= reduced[d] ? 1 : dims[d];
            outStride[d] = reduced[d] ? 0 : stride;
            stride *= reduced[d] ? 1 : dims[d];
        }
        valid = true;
    }

    /** The output index of the next input element (an odometer over the input's dimensions). */
    public int next() {
        int at = offset;
        for (int d = dims.length - 1; d >= 0; d--) {
            index[d]++;
            offset += outStride[d];
            if (index[d] < dims[d]) {
                break;
            }
            offset -= outStride[d] * index[d];
            index[d] = 0;
        }
        return at;
    }
}
