package dev.tflmstudio.runtime.kernels.core;

import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.TensorData;

/**
 * STRIDED_SLICE (micro/kernels/strided_slice.cc): begin/end/strides constants (as in TFLM, runtime ones fail in
 * Prepare) with begin, end and shrink-axis masks and the {@code offset} option. Like TFLM, the ellipsis and
 * new-axis masks are ignored, so models relying on them fail the output-shape check in prepare. Eval's types are
 * copied byte for byte; others fail at invoke.
 */
public final class StridedSlice {
    private static final int DIMS = 5;

    private StridedSlice() {
    }

    /** The element types of Eval's switch. */
    private static boolean isEvaluated(dev.tflmstudio.runtime.model.TensorType t) {
        return switch (t) {
            case FLOAT32, INT8, INT16, INT32, BOOL -> true;
            default -> false;
        };
    }

    public static PreparedOp prepare(OpContext ctx) throws KernelException {
        TensorData input = ctx.requireInput(0);
        TensorData begin = ctx.requireInput(1);
        TensorData end = ctx.requireInput(2);
        TensorData strides = ctx.requireInput(3);
        TensorData output = ctx.output(0);
        ctx.check(input.rank() <= DIMS, "input rank " + input.rank() + " above " + DIMS);
        // TFLM sizes the output from them in Prepare, where a runtime tensor holds nothing yet
        String[] names = {"begin", "end", "strides"};
        for (int k = 0; k < 3; k++) {
            ctx.check(ctx.input(k + 1).isConstant(), "Non-constant >" + names[k] + "< tensor is not supported");
        }
        var o = ctx.options();
        int beginMask = o.getInt("begin_mask", 0);
        int endMask = o.getInt("end_mask", 0);
        int shrinkMask = o.getInt("shrink_axis_mask", 0);
        boolean offset = o.getBool("offset", false);
        int count = begin.elementCount();
        // TFLM reads begin, end and strides as int32 values whatever their declared type
        for (TensorData t : new TensorData[] {begin, end, strides}) {
            ctx.check(t.byteLength() >= 4L * count, "tensor " + t.index() + " of type " + t.type() + " holds fewer "
                    + "than " + count + " int32 values (begin, end and strides are read as int32)");
        }
        int[] b = new int[count];
        int[] e = new int[count];
        int[] s = new int[count];
        for (int i = 0; i < count; i++) {
            b[i] = begin.getInt32(i);
            e[i] = end.getInt32(i);
            s[i] = strides.getInt32(i);
        }
        int[] inDims = input.dims();
        // the output-shape check of strided_slice_common.cc, over the input's axes
        int shapeSize = 0;
        for (int axis = 0; axis < inDims.length; axis++) {
            ctx.check(axis < count && s[axis] != 0, "stride value has to be non-zero");
            int start = startForAxis(b[axis], s[axis], (beginMask & (1 << axis)) != 0, inDims[axis]);
            int stop = endForAxis(e[axis], s[axis], (endMask & (1 << axis)) != 0, (shrinkMask & (1 << axis)) != 0,
                    offset, inDims[axis], start);
            boolean shrink = (shrinkMask & (1 << axis)) != 0;
            if (shrink) {
                stop = start + 1;
            }
            int dim = (int) Math.ceil((stop - start) / (float) s[axis]);
            dim = Math.max(dim, 0);
            if (!shrink) {
                ctx.check(shapeSize < output.rank() && output.dim(shapeSize) == dim,
                        "output dimension " + shapeSize + " should be " + dim);
                shapeSize++;
            }
        }
        ctx.check(output.rank() == shapeSize, "output rank " + output.rank() + " should be " + shapeSize);
        // pad to 5 dimensions at the front, as StridedSlicePadIndices does
        int pad = DIMS - count;
        int[] dims = new int[DIMS];
        int[] pb = new int[DIMS];
        int[] pe = new int[DIMS];
        int[] ps = new int[DIMS];
        int inPad = DIMS - inDims.length;
        for (int i = 0; i < DIMS; i++) {
            dims[i] = i < inPad ? 1 : inDims[i - inPad];
        }
        int bm = (beginMask << pad) | ((1 << pad) - 1);
        int em = (endMask << pad) | ((1 << pad) - 1);
        int sm = shrinkMask << pad;
        int[] start = new int[DIMS];
        int[] stop = new int[DIMS];
        for (int i = 0; i < DIMS; i++) {
            pb[i] = i < pad ? 0 : b[i - pad];
            pe[i] = i < pad ? 1 : e[i - pad];
            ps[i] = i < pad ? 1 : s[i - pad];
            start[i] = startForAxis(pb[i], ps[i], (bm & (1 << i)) != 0, dims[i]);
            stop[i] = endForAxis(pe[i], ps[i], (em & (1 << i)) != 0, (sm & (1 << i)) != 0, offset, dims[i], start[i]);
        }
        int width = input.type().tflmByteSize();
        int[] source = new int[output.elementCount()];
        int n = 0;
        for (int i0 = start[0]; loop(stop[0], ps[0], i0); i0 += ps[0]) {
            for (int i1 = start[1]; loop(stop[1], ps[1], i1); i1 += ps[1]) {
                for (int i2 = start[2]; loop(stop[2], ps[2], i2); i2 += ps[2]) {
                    for (int i3 = start[3]; loop(stop[3], ps[3], i3); i3 += ps[3]) {
                        for (int i4 = start[4]; loop(stop[4], ps[4], i4); i4 += ps[4]) {
                            if (n < source.length) {
                                source[n] = (((i0 * dims[1] + i1) * dims[2] + i2) * dims[3] + i3) * dims[4] + i4;
                            }
                            n++;
                        }
                    }
                }
            }
        }
        // fewer elements than the output holds (a shrunk axis the stride walks away from): TFLM's Eval writes
        // those and leaves the rest of the output as it was
        ctx.check(n <= source.length, "slice has " + n + " elements, output " + source.length);
        if (!isEvaluated(input.type())) {
            return ctx.refuseAtInvoke("Type " + OpContext.typeAndCode(input.type()) + " not supported.");
        }
        Runs runs = Runs.of(java.util.Arrays.copyOf(source, n), width);
        return () -> {
            byte[] out = output.array();
            int outBase = output.base();
            byte[] in = input.array();
            int srcBase = input.base();
            for (int r = 0; r < runs.count; r++) {
                int from = srcBase + runs.from[r];
                int to = outBase + runs.to[r];
                if (in != null) {
                    System.arraycopy(in, from, out, to, runs.bytes[r]);
                } else {
                    input.buffer().get(from, out, to, runs.bytes[r]);
                }
            }
        };
    }

    /**
     * The copy as runs of consecutive source elements (byte offsets and lengths), found once in prepare, so eval
     * moves each run with one array copy instead of element by element.
     */
    private record Runs(int count, int[] from, int[] to, int[] bytes) {
        static Runs of(int[] source, int width) {
            int[] from = new int[source.length];
            int[] to = new int[source.length];
            int[] bytes = new int[source.length];
            int count = 0;
            for (int i = 0; i < source.length; i++) {
                if (count > 0 && source[i] == source[i - 1] + 1) {
                    bytes[count - 1] += width;
                } else {
                    from[count] = source[i] * width;
                    to[count] = i * width;
                    bytes[count] = width;
                    count++;
                }
            }
            return new Runs(count, from, to, bytes);
        }
    }

    private static boolean loop(int end, int stride, int index) {
        return stride < 0 ? index > end : index < end;
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.min(Math.max(v, lo), hi);
    }

    private static int startForAxis(int start, int stride, boolean masked, int axisSize) {
        if (start < 0) {
            start += axisSize;
        }
        start = stride > 0 ? clamp(start, 0, axisSize) : clamp(start, -1, axisSize - 1);
        if (masked) {
            start = stride > 0 ? 0 : axisSize - 1;
        }
        return start;
    }

    private static int endForAxis(int end, int stride, boolean masked, boolean shrink, boolean offset,
                                  int axisSize, int start) {
        if (shrink) {
            return start >= axisSize ? start : start + 1;
        }
        if (offset) {
            end += start;
        }
        if (end < 0) {
            end += axisSize;
        }
        end = stride > 0 ? clamp(end, 0, axisSize) : clamp(end, -1, axisSize - 1);
        if (masked) {
            end = stride > 0 ? axisSize : -1;
        }
        return end;
    }
}
