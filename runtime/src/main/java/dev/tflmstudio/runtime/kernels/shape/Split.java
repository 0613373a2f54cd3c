package dev.tflmstudio.runtime.kernels.shape;

import static dev.tflmstudio.runtime.model.TensorType.FLOAT32;
import static dev.tflmstudio.runtime.model.TensorType.INT16;
import static dev.tflmstudio.runtime.model.TensorType.INT32;
import static dev.tflmstudio.runtime.model.TensorType.INT8;

import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.TensorData;

/**
 * SPLIT and SPLIT_V: cut the input along one axis into the outputs, whose (static) shapes give the piece sizes. The
 * axis operand must be constant, as in TFLM; float32, int8, int16 and int32 (other types fail at Invoke).
 */
final class Split {
    private Split() {
    }

    /** SPLIT: inputs (axis, value). */
    static PreparedOp split(OpContext ctx) throws KernelException {
        TensorData axisTensor = ctx.requireInput(0);
        TensorData input = ctx.requireInput(1);
        return prepare(ctx, input, axisTensor);
    }

    /** SPLIT_V: inputs (value, size_splits, axis). */
    static PreparedOp splitV(OpContext ctx) throws KernelException {
        ctx.check(ctx.inputCount() == 3, "expects 3 inputs");
        TensorData input = ctx.requireInput(0);
        if (ctx.input(1) != null) {
            // TFLM never reads size_splits (the outputs' shapes say it all): it runs with the input omitted
            IntOperand.of(ctx, ctx.input(1), "size_splits");
        }
        return prepare(ctx, input, ctx.requireInput(2));
    }

    private static PreparedOp prepare(OpContext ctx, TensorData input, TensorData axisTensor)
            throws KernelException {
        ctx.check(axisTensor.isConstant(), "Non-constant >axis< tensor is not supported");
        IntOperand axisOperand = IntOperand.of(ctx, axisTensor, "axis");
        int axis = axisOperand.values()[0];
        if (axis < 0) {
            axis += input.rank();
        }
        ctx.check(axis >= 0 && axis < input.rank(), "axis " + axisOperand.values()[0] + " is out of range");
        if (!TensorBytes.isOneOf(input, FLOAT32, INT8, INT16, INT32)) {
            return Refusals.atInvoke(ctx, "Type " + input.type() + " currently not supported.");
        }
        int width = TensorBytes.elementSize(ctx, input);
        int n = ctx.outputCount();
        TensorData[] outputs = new TensorData[n];
        int[] blockBytes = new int[n];
        int total = 0;
        for (int i = 0; i < n; i++) {
            outputs[i] = ctx.output(i);
            TensorBytes.requireSameType(ctx, input, outputs[i]);
            ctx.check(outputs[i].rank() == input.rank(), "output " + i + " rank differs from the input's");
            blockBytes[i] = Strides.product(outputs[i].dims(), axis, outputs[i].rank()) * width;
            total += blockBytes[i];
        }
        int outer = Strides.product(input.dims(), 0, axis);
        ctx.check((long) total * outer == input.byteLength(), "output shapes do not add up to the input shape");
        return () -> {
            int at = 0;
            for (int k = 0; k < outer; k++) {
                for (int i = 0; i < n; i++) {
                    TensorBytes.copy(input, at, outputs[i], k * blockBytes[i], blockBytes[i]);
                    at += blockBytes[i];
                }
            }
        };
    }
}
