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
        // ReshapeOutput's own check prints nothing; its caller's TF_LITE_ENSURE_EQ names it. The legacy scalar
        // (a lone input, output shape [0]) arrives as the rank-0 tensor TFLM's Prepare makes of it (LegacyScalars)
        ctx.ensureEq(input.elementCount() == output.elementCount() ? 0 : 1, 0, "ReshapeOutput(context, node)",
                "kTfLiteOk");
        return () -> output.copyFrom(input);
    }
}
