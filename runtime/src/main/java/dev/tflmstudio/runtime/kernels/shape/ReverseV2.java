package dev.tflmstudio.runtime.kernels.shape;

import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.TensorData;

/** REVERSE_V2: reverses the input along every axis listed in the int32 axis operand (negative axes count back). */
final class ReverseV2 {
    private static final int MAX_RANK = 8;

    private ReverseV2() {
    }

    static PreparedOp prepare(OpContext ctx) throws KernelException {
        ctx.check(ctx.inputCount() == 2 && ctx.outputCount() == 1, "expects 2 inputs and 1 output");
        TensorData input = ctx.requireInput(0);
        TensorData output = ctx.output(0);
        IntOperand axes = IntOperand.of(ctx, ctx.requireInput(1), "axis");
        TensorBytes.requireSameType(ctx, input, output);
        int rank = input.rank();
        ctx.check(rank <= MAX_RANK, "at most " + MAX_RANK + " dimensions are supported");
        ctx.check(axes.count() <= rank, "more axes than dimensions");
        int width = TensorBytes.elementSize(ctx, input);
        int[] dims = input.dims();
        int[] strides = Strides.of(dims);
        boolean[] flipped = new boolean[rank];
        int[] index = new int[rank];
        int count = input.elementCount();
        KernelException badAxis = ctx.evalFailure("axis is out of range");
        return () -> {
            java.util.Arrays.fill(flipped, false);
            for (int a : axes.values()) {
                int axis = a < 0 ? a + rank : a;
                if (axis < 0 || axis >= rank) {
                    throw badAxis;
                }
                flipped[axis] = true;
            }
            java.util.Arrays.fill(index, 0);
            for (int o = 0; o < count; o++) {
                int from = 0;
                for (int d = 0; d < rank; d++) {
                    from += (flipped[d] ? dims[d] - 1 - index[d] : index[d]) * strides[d];
                }
                TensorBytes.copy(input, from * width, output, o * width, width);
                Strides.next(index, dims);
            }
        };
    }
}
