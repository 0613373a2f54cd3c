package dev.tflmstudio.runtime.kernels.shape;

import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.TensorData;

/**
 * SQUEEZE and EXPAND_DIMS: the bytes stay as they are, only the shape changes, so eval is TFLM's {@code memcpy}
 * (a no-op when the planner put input and output at the same offset).
 */
final class Reshaping {
    private Reshaping() {
    }

    static PreparedOp squeeze(OpContext ctx) throws KernelException {
        ctx.check(ctx.inputCount() == 1 && ctx.outputCount() == 1, "expects 1 input and 1 output");
        TensorData input = ctx.requireInput(0);
        TensorData output = ctx.output(0);
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
        ctx.check(output.rank() == expectedRank, "output shape " + output.shape() + " does not match "
                + input.shape() + " squeezed");
        return copy(ctx, input, output);
    }

    static PreparedOp expandDims(OpContext ctx) throws KernelException {
        ctx.check(ctx.inputCount() == 2 && ctx.outputCount() == 1, "expects 2 inputs and 1 output");
        TensorData input = ctx.requireInput(0);
        TensorData axisTensor = ctx.requireInput(1);
        TensorData output = ctx.output(0);
        IntOperand axis = IntOperand.of(ctx, axisTensor, "axis");
        ctx.check(axis.count() == 1, "axis must hold one value");
        ctx.check(output.rank() == input.rank() + 1, "output rank must be input rank + 1");
        if (axis.isConstant()) {
            int a = axis.values()[0];
            a = a < 0 ? a + input.rank() + 1 : a;
            ctx.check(a >= 0 && a <= input.rank() && output.dim(a) == 1,
                    "axis " + axis.values()[0] + " does not match output shape " + output.shape());
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
