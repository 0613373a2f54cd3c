package dev.tflmstudio.runtime.kernels.shape;

import static dev.tflmstudio.runtime.model.TensorType.INT32;

import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.TensorData;

/** SHAPE (micro/kernels/shape.cc): the input's dimensions as an int32 vector; other output types fail at invoke. */
final class ShapeOf {
    private ShapeOf() {
    }

    static PreparedOp prepare(OpContext ctx) throws KernelException {
        ctx.check(ctx.inputCount() == 1 && ctx.outputCount() == 1, "expects 1 input and 1 output");
        TensorData input = ctx.requireInput(0);
        TensorData output = ctx.output(0);
        ctx.check(output.elementCount() == input.rank(), "output length must equal the input rank");
        if (output.type() != INT32) {
            // TFLM's Eval writes int32 only (an int64 out_type is refused there)
            return ctx.refuseAtInvoke("Output type " + OpContext.typeAndCode(output.type()) + " not supported.");
        }
        int[] dims = input.dims();
        return () -> {
            for (int i = 0; i < dims.length; i++) {
                output.setInt32(i, dims[i]);
            }
        };
    }
}
