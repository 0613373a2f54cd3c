package dev.tflmstudio.runtime.kernels.shape;

import static dev.tflmstudio.runtime.model.TensorType.INT32;
import static dev.tflmstudio.runtime.model.TensorType.INT64;

import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.TensorData;

/** SHAPE: the input's dimensions as an int32 (or int64) vector. */
final class ShapeOf {
    private ShapeOf() {
    }

    static PreparedOp prepare(OpContext ctx) throws KernelException {
        ctx.check(ctx.inputCount() == 1 && ctx.outputCount() == 1, "expects 1 input and 1 output");
        TensorData input = ctx.requireInput(0);
        TensorData output = ctx.output(0);
        TensorBytes.requireType(ctx, output, "output", INT32, INT64);
        ctx.check(output.elementCount() == input.rank(), "output length must equal the input rank");
        int[] dims = input.dims();
        boolean wide = output.type() == INT64;
        return () -> {
            for (int i = 0; i < dims.length; i++) {
                if (wide) {
                    output.setInt64(i, dims[i]);
                } else {
                    output.setInt32(i, dims[i]);
                }
            }
        };
    }
}
