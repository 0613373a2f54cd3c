package dev.tflmstudio.runtime.kernels.shape;

import static dev.tflmstudio.runtime.model.TensorType.FLOAT32;
import static dev.tflmstudio.runtime.model.TensorType.INT32;
import static dev.tflmstudio.runtime.model.TensorType.INT8;

import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.TensorData;

/**
 * GATHER (TFLM's {@code gather.cc}): slices of {@code params} along {@code axis} picked by {@code indices}, with
 * {@code batch_dims} leading dimensions shared. float32 and int8 params with int32 positions (TFLM refuses other
 * types in Prepare); an index outside the axis fails at Invoke, as in TFLM.
 */
final class Gather {
    private Gather() {
    }

    static PreparedOp prepare(OpContext ctx) throws KernelException {
        ctx.check(ctx.inputCount() == 2 && ctx.outputCount() == 1, "expects 2 inputs and 1 output");
        TensorData params = ctx.requireInput(0);
        TensorData indicesTensor = ctx.requireInput(1);
        TensorData output = ctx.output(0);
        ctx.check(TensorBytes.isOneOf(indicesTensor, INT32),
                "Positions of type '" + indicesTensor.type() + "' are not supported by gather.");
        IntOperand indices = IntOperand.of(ctx, indicesTensor, "positions");
        ctx.check(TensorBytes.isOneOf(params, FLOAT32, INT8), "Type '" + params.type() + "' is not supported by gather.");
        TensorBytes.requireSameType(ctx, params, output);
        int axis = ctx.options().getInt("axis", 0);
        if (axis < 0) {
            axis += params.rank();
        }
        ctx.check(axis >= 0 && axis < params.rank(), "axis is out of range");
        int batchDims = ctx.options().getInt("batch_dims", 0);
        if (batchDims < 0) {
            batchDims += indicesTensor.rank();
        }
        ctx.check(batchDims <= axis, "batch_dims must be <= axis");
        ctx.check(batchDims >= 0 && batchDims < params.rank() && batchDims <= indicesTensor.rank(),
                "batch_dims is out of range");
        for (int i = 0; i < batchDims; i++) {
            ctx.check(params.dim(i) == indicesTensor.dim(i), "params and indices differ in batch dimension " + i);
        }
        int width = TensorBytes.elementSize(ctx, params);
        int[] dims = params.dims();
        int batches = Strides.product(dims, 0, batchDims);
        int outer = Strides.product(dims, batchDims, axis);
        int axisSize = dims[axis];
        int innerBytes = Strides.product(dims, axis + 1, dims.length) * width;
        int perBatch = Strides.product(indicesTensor.dims(), batchDims, indicesTensor.rank());
        ctx.check((long) batches * outer * perBatch * innerBytes == output.byteLength(),
                "output shape " + output.shape() + " does not match");
        KernelException outOfRange = ctx.evalFailure("index out of range for axis of size " + axisSize);
        return () -> {
            int[] idx = indices.values();
            for (int b = 0; b < batches; b++) {
                for (int o = 0; o < outer; o++) {
                    for (int i = 0; i < perBatch; i++) {
                        int at = idx[b * perBatch + i];
                        if (at < 0 || at >= axisSize) {
                            throw outOfRange;
                        }
                        int from = ((b * outer + o) * axisSize + at) * innerBytes;
                        int to = ((b * outer + o) * perBatch + i) * innerBytes;
                        TensorBytes.copy(params, from, output, to, innerBytes);
                    }
                }
            }
        };
    }
}
