package dev.tflmstudio.runtime.kernels.math;

import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.TensorData;
import java.util.Arrays;

/**
 * Element-wise broadcasting as TFLM's reference kernels do it (NdArrayDesc with stride 0 along size-1 dimensions,
 * shapes aligned at their last dimension). Broadcasting only decides which input element pairs with which output
 * element, so the maps are computed once in prepare and eval just indexes through them.
 */
final class Broadcast {
    private Broadcast() {
    }

    /**
     * For every output element (row-major), the flat index of the element of {@code input} it reads; null when the
     * input has exactly the output's element layout (no mapping needed).
     */
    static int[] indexMap(OpContext ctx, TensorData input, TensorData output) throws KernelException {
        int[] in = input.dims();
        int[] out = output.dims();
        if (Arrays.equals(in, out)) {
            return null;
        }
        int rank = out.length;
        ctx.check(in.length <= rank, "input " + input.shape() + " has more dimensions than output " + output.shape());
        int[] strides = new int[rank];
        int stride = 1;
        for (int d = rank - 1; d >= 0; d--) {
            int inAxis = d - (rank - in.length);
            int inDim = inAxis >= 0 ? in[inAxis] : 1;
            if (inDim == out[d]) {
                strides[d] = stride;
            } else if (inDim == 1) {
                strides[d] = 0;
            } else {
                throw ctx.fail("input shape " + input.shape() + " does not broadcast to output shape "
                        + output.shape());
            }
            stride *= inDim;
        }
        int count = output.elementCount();
        int[] map = new int[count];
        int[] index = new int[rank];
        int offset = 0;
        for (int i = 0; i < count; i++) {
            map[i] = offset;
            // Advance the multi-index like an odometer, keeping the input offset in step.
            for (int d = rank - 1; d >= 0; d--) {
                index[d]++;
                offset += strides[d];
                if (index[d] < out[d]) {
                    break;
                }
                offset -= strides[d] * index[d];
                index[d] = 0;
            }
        }
        return map;
    }

    /** The flat input index for output element {@code i}. */
    static int at(int[] map, int i) {
        return map == null ? i : map[i];
    }
}
