package dev.tflmstudio.runtime.kernels.shape;

import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.TensorData;
import dev.tflmstudio.runtime.model.TensorType;

/**
 * SQUEEZE and EXPAND_DIMS: the bytes stay as they are, only the shape changes, so eval is TFLM's {@code memcpy}
 * (a no-op when the planner put input and output at the same offset). SQUEEZE copies any type; EXPAND_DIMS takes a
 * constant int32 axis and copies float32, int16 and int8 (other types fail at Invoke, as in TFLM).
 */
final class Reshaping {
    private Reshaping() {
    }

    static PreparedOp squeeze(OpContext ctx) throws KernelException {
        ctx.check(ctx.inputCount() == 1 && ctx.outputCount() == 1, "expects 1 input and 1 output");
        TensorData input = ctx.requireInput(0);
        TensorData output = ctx.output(0);
        ctx.check(input.rank() <= 8, "at most 8 dimensions can be squeezed");
        int[] squeezeDims = ctx.options().getIntArray("squeeze_dims");
        int expectedRank = input.rank();
        if (squeezeDims.length == 0) {
            for (int d : input.dims()) {
                expectedRank -= d == 1 ? 1 : 0;
            }
        } else {
            boolean[] squeezed = new boolean[input.rank()];
            for (int d : squeezeDims) {
                int axis = d < 0 ? d + input.rank() : d;
                ctx.check(axis >= 0 && axis < input.rank() && input.dim(axis) == 1,
                        "cannot squeeze dimension " + d + " of " + input.shape());
                if (!squeezed[axis]) {
                    squeezed[axis] = true;
                    expectedRank--;
                }
            }
        }
        // TFLM's SQUEEZE checks only that the sizes match (it copies like RESHAPE)
        ctx.check(output.elementCount() == input.elementCount(), "output shape " + output.shape()
                + " does not match " + input.shape() + " squeezed");
        return copy(ctx, input, output);
    }

    static PreparedOp expandDims(OpContext ctx) throws KernelException {
        ctx.check(ctx.inputCount() == 2 && ctx.outputCount() == 1, "expects 2 inputs and 1 output");
        TensorData input = ctx.requireInput(0);
        TensorData axisTensor = ctx.requireInput(1);
        TensorData output = ctx.output(0);
        ctx.check(axisTensor.isConstant(), "Non-constant >axis< tensor is not supported");
        ctx.check(axisTensor.rank() <= 1, "Axis has only one element for Expand_Dims.");
        ctx.check(axisTensor.type() == TensorType.INT32,
                "Axis type " + OpContext.typeAndCode(axisTensor.type()) + " not supported by Expand_Dims.");
        int axis = axisTensor.getInt32(0);
        if (axis < 0) {
            axis += input.rank() + 1;
        }
        ctx.check(axis <= input.rank() && output.rank() == input.rank() + 1,
                "output shape " + output.shape() + " does not insert axis " + axis + " into " + input.shape());
        for (int i = 0; i < output.rank(); i++) {
            int expected = i < axis ? input.dim(i) : i == axis ? 1 : input.dim(i - 1);
            ctx.check(output.dim(i) == expected,
                    "output shape " + output.shape() + " does not insert axis " + axis + " into " + input.shape());
        }
        if (!TensorBytes.isOneOf(input, TensorType.FLOAT32, TensorType.INT16, TensorType.INT8)) {
            return Refusals.atInvoke(ctx, "Expand_Dims only currently supports int8, int16 and float32, got "
                    + OpContext.tfLiteTypeCode(input.type()) + ".");
        }
        return copy(ctx, input, output);
    }

    private static PreparedOp copy(OpContext ctx, TensorData input, TensorData output) throws KernelException {
        TensorBytes.requireSameType(ctx, input, output);
        TensorBytes.elementSize(ctx, input);
        ctx.check(input.elementCount() == output.elementCount(),
                "input " + input.shape() + " and output " + output.shape() + " differ in size");
        return () -> output.copyFrom(input);
    }
}
