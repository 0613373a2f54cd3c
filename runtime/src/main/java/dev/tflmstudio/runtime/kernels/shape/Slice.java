package dev.tflmstudio.runtime.kernels.shape;

import static dev.tflmstudio.runtime.model.TensorType.BOOL;
import static dev.tflmstudio.runtime.model.TensorType.FLOAT32;
import static dev.tflmstudio.runtime.model.TensorType.INT16;
import static dev.tflmstudio.runtime.model.TensorType.INT32;
import static dev.tflmstudio.runtime.model.TensorType.INT8;

import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.TensorData;

/** SLICE: the box {@code begin .. begin+size} of the input ({@code size} -1 = to the end), up to 5 dimensions. */
final class Slice {
    private static final int MAX_RANK = 5;

    private Slice() {
    }

    static PreparedOp prepare(OpContext ctx) throws KernelException {
        ctx.check(ctx.inputCount() == 3 && ctx.outputCount() == 1, "expects 3 inputs and 1 output");
        TensorData input = ctx.requireInput(0);
        IntOperand begin = IntOperand.of(ctx, ctx.requireInput(1), "begin");
        IntOperand size = IntOperand.of(ctx, ctx.requireInput(2), "size");
        TensorData output = ctx.output(0);
        int rank = input.rank();
        ctx.check(rank <= MAX_RANK, "at most " + MAX_RANK + " dimensions are supported");
        ctx.check(begin.count() == rank && size.count() == rank, "begin and size need " + rank + " entries");
        TensorBytes.requireSameType(ctx, input, output);
        if (!TensorBytes.isOneOf(input, FLOAT32, INT8, INT16, INT32, BOOL)) {
            return Refusals.atInvoke(ctx, "Input tensor type " + input.type() + " is not supported.");
        }
        int width = TensorBytes.elementSize(ctx, input);
        int[] inStrides = Strides.of(input.dims());
        int[] outDims = output.dims();
        int[] index = new int[rank];
        int count = output.elementCount();
        return () -> {
            int[] b = begin.values();
            java.util.Arrays.fill(index, 0);
            for (int o = 0; o < count; o++) {
                int from = 0;
                for (int d = 0; d < rank; d++) {
                    from += (b[d] + index[d]) * inStrides[d];
                }
                TensorBytes.copy(input, from * width, output, o * width, width);
                Strides.next(index, outDims);
            }
        };
    }
}
