package dev.tflmstudio.runtime.kernels.shape;

import static dev.tflmstudio.runtime.model.TensorType.BOOL;
import static dev.tflmstudio.runtime.model.TensorType.FLOAT32;
import static dev.tflmstudio.runtime.model.TensorType.INT16;
import static dev.tflmstudio.runtime.model.TensorType.INT32;
import static dev.tflmstudio.runtime.model.TensorType.INT64;
import static dev.tflmstudio.runtime.model.TensorType.INT8;
import static dev.tflmstudio.runtime.model.TensorType.UINT8;

import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.TensorData;

/**
 * REVERSE_V2 (TFLM's {@code reverse.cc}): reverses the input along the axes of the int32 axis operand (negative
 * axes count back). Like TFLM, the axes must form a contiguous run, else Invoke fails.
 */
final class ReverseV2 {
    /** RuntimeShape::kMaxSmallSize. */
    private static final int MAX_RANK = 6;

    private ReverseV2() {
    }

    static PreparedOp prepare(OpContext ctx) throws KernelException {
        ctx.check(ctx.inputCount() == 2 && ctx.outputCount() == 1, "expects 2 inputs and 1 output");
        TensorData input = ctx.requireInput(0);
        TensorData output = ctx.output(0);
        TensorData axisTensor = ctx.requireInput(1);
        ctx.check(axisTensor.rank() == 1, "axis must be 1-D");
        int rank = input.rank();
        ctx.check(rank <= MAX_RANK, "at most " + MAX_RANK + " dimensions are supported");
        ctx.check(axisTensor.elementCount() <= rank, "more axes than dimensions");
        TensorBytes.requireType(ctx, input, "input", INT32, FLOAT32, UINT8, INT8, INT16, INT64, BOOL);
        ctx.check(TensorBytes.isOneOf(axisTensor, INT32),
                "Axis Type '" + axisTensor.type() + "' is not supported by reverse.");
        TensorBytes.requireSameType(ctx, input, output);
        IntOperand axes = IntOperand.of(ctx, axisTensor, "axis");
        int width = TensorBytes.elementSize(ctx, input);
        int[] dims = input.dims();
        int[] strides = Strides.of(dims);
        boolean[] flipped = new boolean[rank];
        int[] sorted = new int[axes.count()];
        int[] index = new int[rank];
        int count = input.elementCount();
        KernelException badAxis = ctx.evalFailure("axis is out of range");
        KernelException notContiguous = ctx.evalFailure("Non-contiguous `axes` not supported");
        return () -> {
            int[] values = axes.values();
            for (int i = 0; i < sorted.length; i++) {
                sorted[i] = values[i] < 0 ? values[i] + rank : values[i];
                if (sorted[i] < 0 || sorted[i] >= rank) {
                    throw badAxis;
                }
            }
            java.util.Arrays.sort(sorted);
            java.util.Arrays.fill(flipped, false);
            for (int i = 0; i < sorted.length; i++) {
                if (i > 0 && sorted[i - 1] + 1 != sorted[i]) {
                    throw notContiguous;
                }
                flipped[sorted[i]] = true;
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
