package dev.tflmstudio.runtime.kernels.shape;

import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.TensorData;
import dev.tflmstudio.runtime.model.TensorType;

/**
 * PACK and UNPACK: stack same-shaped tensors along a new axis, or take one apart along an axis (TFLM's
 * {@code pack.cc} / {@code unpack.cc}; plain copies: PACK of float32, int8, int16, int32 and int64, UNPACK of float32,
 * int32, int16 and int8, as their Eval switches go).
 */
final class Pack {
    /** The types TFLM's pack Eval switch handles; others fail at Invoke. */
    private static final TensorType[] PACKED = {
        TensorType.FLOAT32, TensorType.INT8, TensorType.INT16, TensorType.INT32, TensorType.INT64};
    /** The types TFLM's unpack Eval switch handles (int16 streaming models use it; no int64). */
    private static final TensorType[] UNPACKED = {
        TensorType.FLOAT32, TensorType.INT32, TensorType.INT16, TensorType.INT8};

    private Pack() {
    }

    /**
     * PACK stacks the first values_count inputs, as TFLM's Eval does; later inputs are ignored (omitted ones too).
     * Fewer inputs than values_count the graph check refuses (TFLM reads past its input list).
     */
    static PreparedOp pack(OpContext ctx) throws KernelException {
        TensorData output = ctx.output(0);
        int n = ctx.options().getInt("values_count", ctx.inputCount());
        ctx.check(n >= 1 && n <= ctx.inputCount(), "values_count does not match the inputs");
        int axis = ctx.options().getInt("axis", 0);
        if (axis < 0) {
            axis += output.rank();
        }
        ctx.check(axis >= 0 && axis < output.rank(), "axis is out of range");
        TensorData[] inputs = new TensorData[n];
        for (int i = 0; i < n; i++) {
            inputs[i] = ctx.requireInput(i);
            TensorBytes.requireSameType(ctx, inputs[i], output);
            ctx.check(inputs[i].elementCount() * n == output.elementCount(), "input " + i + " shape does not fit");
        }
        if (!TensorBytes.isOneOf(output, PACKED)) {
            return Refusals.atInvoke(ctx, "Type '" + output.type() + "' is not supported by pack.");
        }
        int width = TensorBytes.elementSize(ctx, output);
        int outer = Strides.product(output.dims(), 0, axis);
        int blockBytes = Strides.product(output.dims(), axis + 1, output.rank()) * width;
        return () -> {
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < outer; k++) {
                    TensorBytes.copy(inputs[i], k * blockBytes, output, (k * n + i) * blockBytes, blockBytes);
                }
            }
        };
    }

    static PreparedOp unpack(OpContext ctx) throws KernelException {
        TensorData input = ctx.requireInput(0);
        int axis = ctx.options().getInt("axis", 0);
        if (axis < 0) {
            axis += input.rank();
        }
        ctx.check(axis >= 0 && axis < input.rank(), "axis is out of range");
        int n = ctx.outputCount();
        ctx.check(input.dim(axis) == n, "num " + n + " does not match input dimension " + input.dim(axis));
        TensorData[] outputs = new TensorData[n];
        for (int i = 0; i < n; i++) {
            outputs[i] = ctx.output(i);
            TensorBytes.requireSameType(ctx, input, outputs[i]);
        }
        if (!TensorBytes.isOneOf(input, UNPACKED)) {
            return Refusals.atInvoke(ctx, "Type '" + input.type() + "' is not supported by unpack.");
        }
        int width = TensorBytes.elementSize(ctx, input);
        int outer = Strides.product(input.dims(), 0, axis);
        int blockBytes = Strides.product(input.dims(), axis + 1, input.rank()) * width;
        return () -> {
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < outer; k++) {
                    TensorBytes.copy(input, (k * n + i) * blockBytes, outputs[i], k * blockBytes, blockBytes);
                }
            }
        };
    }
}
