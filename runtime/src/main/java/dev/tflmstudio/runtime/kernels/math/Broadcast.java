package dev.tflmstudio.runtime.kernels.math;

import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.TensorData;
import java.util.Arrays;

/**
 * Element-wise broadcasting as TFLM's reference kernels do it (NdArrayDesc with stride 0 along size-1 dimensions,
 * shapes aligned at their last dimension). Broadcasting only decides which input element pairs with which output
 * element, so the maps are computed once in prepare (by {@link dev.tflmstudio.runtime.kernels.Broadcast}, which
 * the core ops ADD, SUB and MUL use directly) and eval just indexes through them; this class adds the checks in
 * the words these kernels refuse with.
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
        ctx.check(in.length <= out.length, "input " + input.shape() + " has more dimensions than output "
                + output.shape());
        if (!dev.tflmstudio.runtime.kernels.Broadcast.fits(in, out)) {
            throw ctx.fail("input shape " + input.shape() + " does not broadcast to output shape " + output.shape());
        }
        return dev.tflmstudio.runtime.kernels.Broadcast.indexMap(in, out);
    }

    /** The flat input index for output element {@code i}. */
    static int at(int[] map, int i) {
        return map == null ? i : map[i];
    }
}
