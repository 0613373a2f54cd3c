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

/**
 * SLICE: the box {@code begin .. begin+size} of the input ({@code size} -1 = to the end), up to 5 dimensions. Like
 * TFLM, begin/size that do not fit fail at Invoke.
 */
final class Slice {
    private static final int MAX_RANK = 5;

    private Slice() {
    }

    static PreparedOp prepare(OpContext ctx) throws KernelException {
        ctx.check(ctx.inputCount() == 3 && ctx.outputCount() == 1, "expects 3 inputs and 1 output");
        TensorData input = ctx.requireInput(0);
        TensorData beginTensor = ctx.requireInput(1);
        TensorData sizeTensor = ctx.requireInput(2);
        TensorData output = ctx.output(0);
        TensorBytes.requireSameType(ctx, input, output);
        IntOperand begin = IntOperand.of(ctx, beginTensor, "begin");
        IntOperand size = IntOperand.of(ctx, sizeTensor, "size");
        int rank = input.rank();
        ctx.check(beginTensor.rank() == 1 && sizeTensor.rank() == 1, "begin and size must be 1-D");
        ctx.check(begin.count() == rank && size.count() == rank, "begin and size need " + rank + " entries");
        ctx.check(rank <= MAX_RANK, "at most " + MAX_RANK + " dimensions are supported");
        if (!TensorBytes.isOneOf(input, FLOAT32, INT8, INT16, INT32, BOOL)) {
            return Refusals.atInvoke(ctx, "Input tensor type " + OpContext.typeAndCode(input.type()) + " not supported.");
        }
        int width = TensorBytes.elementSize(ctx, input);
        int[] inDims = input.dims();
        int[] inStrides = Strides.of(inDims);
        int[] box = new int[rank];
        int[] index = new int[rank];
        int count = output.elementCount();
        KernelException invalid = ctx.evalFailure("begin/size do not fit the input and output shapes");
        return () -> {
            int[] b = begin.values();
            int[] sz = size.values();
            long sliced = 1;
            for (int d = 0; d < rank; d++) {
                int remaining = inDims[d] - b[d];
                int resolved = sz[d] == -1 ? remaining : sz[d];
                if (b[d] < 0 || b[d] > inDims[d] || resolved < 0 || resolved > remaining) {
                    throw invalid;
                }
                box[d] = resolved;
                sliced *= resolved;
            }
            if (sliced != count) {
                throw invalid;
            }
            java.util.Arrays.fill(index, 0);
            for (int o = 0; o < count; o++) {
                int from = 0;
                for (int d = 0; d < rank; d++) {
                    from += (b[d] + index[d]) * inStrides[d];
                }
                TensorBytes.copy(input, from * width, output, o * width, width);
                Strides.next(index, box);
            }
        };
    }
}
