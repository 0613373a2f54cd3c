package dev.tflmstudio.runtime.kernels.core;

import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.TensorData;

/** RESHAPE (micro/kernels/reshape.cc): a byte copy unless input and output share memory. */
public final class Reshape {
    private Reshape() {
    }

    public static PreparedOp prepare(OpContext ctx) throws KernelException {
        TensorData input = ctx.requireInput(0);
        TensorData output = ctx.output(0);
        ctx.check(input.type() == output.type(), "input and output types differ");
        ctx.check(input.elementCount() == output.elementCount(),
                "input has " + input.elementCount() + " elements, output " + output.elementCount());
        return () -> output.copyFrom(input);
    }
}
