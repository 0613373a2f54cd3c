package dev.tflmstudio.runtime.kernels.shape;

import static dev.tflmstudio.runtime.model.TensorType.FLOAT32;
import static dev.tflmstudio.runtime.model.TensorType.INT32;
import static dev.tflmstudio.runtime.model.TensorType.INT64;
import static dev.tflmstudio.runtime.model.TensorType.INT8;

import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.TensorData;

/** ZEROS_LIKE and FILL: write one value into every element of the output. */
final class Filling {
    private Filling() {
    }

    /** ZEROS_LIKE: int32, int64, int8 and float32 (other types fail at Invoke, as in TFLM). */
    static PreparedOp zerosLike(OpContext ctx) throws KernelException {
        ctx.ensureEq(ctx.inputCount(), 1, "NumInputs(node)", "1");
        ctx.ensureEq(ctx.outputCount(), 1, "NumOutputs(node)", "1");
        TensorData input = ctx.requireInput(0);
        TensorData output = ctx.output(0);
        if (!TensorBytes.isOneOf(input, INT32, INT64, INT8, FLOAT32)) {
            return Refusals.atInvoke(ctx, "ZerosLike only currently supports int64, int32, and float32, got "
                    + OpContext.tfLiteTypeCode(input.type()) + ".");
        }
        TensorBytes.requireSameType(ctx, input, output);
        int bytes = output.byteLength();
        byte[] zero = {0};
        return () -> TensorBytes.fill(output, 0, bytes, zero);
    }

    /**
     * FILL: inputs (dims, value); the value is a scalar of the output's type (float32, int32, int8). TFLM's Prepare
     * checks no input count: later inputs are ignored.
     */
    static PreparedOp fill(OpContext ctx) throws KernelException {
        ctx.check(ctx.outputCount() == 1, "expects 1 output");
        TensorData dims = ctx.requireInput(0);
        TensorData value = ctx.requireInput(1);
        TensorData output = ctx.output(0);
        ctx.check(dims.rank() == 1, "dims must be 1-D");
        IntOperand shape = IntOperand.of(ctx, dims, "dims");
        ctx.check(value.rank() == 0, "value must be a scalar (rank 0)");
        TensorBytes.requireSameType(ctx, value, output);
        // a dims tensor without data in the file (an empty one too) is not constant for TFLM
        ctx.check(dims.isConstant(), "Non-constant >dims< tensor is not supported");
        int[] d = shape.values();
        ctx.check(java.util.Arrays.equals(d, output.dims()),
                "output shape " + output.shape() + " does not match dims " + java.util.Arrays.toString(d));
        if (!TensorBytes.isOneOf(output, FLOAT32, INT8, INT32)) {
            // TFLM prints a float through %d here: the number is whatever the register held
            return Refusals.atInvoke(ctx, "Fill only currently supports float32 for input 1, got "
                    + Float.floatToRawIntBits(0f) + ".");
        }
        int width = TensorBytes.elementSize(ctx, output);
        byte[] pattern = new byte[width];
        int count = output.elementCount();
        return () -> {
            TensorBytes.readElement(value, 0, pattern);
            TensorBytes.fill(output, 0, count, pattern);
        };
    }
}
