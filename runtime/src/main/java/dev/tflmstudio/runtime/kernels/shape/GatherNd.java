package dev.tflmstudio.runtime.kernels.shape;

import static dev.tflmstudio.runtime.model.TensorType.FLOAT32;
import static dev.tflmstudio.runtime.model.TensorType.INT32;
import static dev.tflmstudio.runtime.model.TensorType.INT8;

import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.TensorData;

/**
 * GATHER_ND (TFLM's {@code gather_nd.cc}): the last dimension of {@code indices} addresses slices of
 * {@code params}. float32 and int8 params with int32 indices; like TFLM, other types and an out-of-range slice
 * (only the flat slice position is bounds-checked) fail at Invoke.
 */
final class GatherNd {
    private static final int MAX_INDEX_DEPTH = 5;

    private GatherNd() {
    }

    static PreparedOp prepare(OpContext ctx) throws KernelException {
        ctx.check(ctx.inputCount() == 2 && ctx.outputCount() == 1, "expects 2 inputs and 1 output");
        TensorData params = ctx.requireInput(0);
        TensorData indicesTensor = ctx.requireInput(1);
        TensorData output = ctx.output(0);
        // Prepare's type switches (Eval repeats them with other words, never reached)
        ctx.check(TensorBytes.isOneOf(params, FLOAT32, INT8),
                "Params of type '" + params.type() + "' are not supported by gather_nd.");
        ctx.check(indicesTensor.type() == INT32,
                "Indices of type '" + indicesTensor.type() + "' are not supported by gather_nd.");
        TensorBytes.requireSameType(ctx, params, output);
        IntOperand indices = IntOperand.of(ctx, indicesTensor, "indices");
        ctx.check(params.rank() >= 1 && indicesTensor.rank() >= 1, "params and indices must have rank >= 1");
        int depth = indicesTensor.dim(indicesTensor.rank() - 1);
        ctx.check(depth <= params.rank(), "index depth " + depth + " exceeds params rank " + params.rank());
        ctx.check(depth <= MAX_INDEX_DEPTH, "index depth above " + MAX_INDEX_DEPTH + " is not supported");
        int width = TensorBytes.elementSize(ctx, params);
        int[] strides = Strides.of(params.dims());
        int slices = indicesTensor.elementCount() / Math.max(depth, 1);
        int sliceSize = Strides.product(params.dims(), depth, params.rank());
        int flatSize = params.elementCount();
        ctx.check((long) slices * sliceSize * width == output.byteLength(),
                "output shape " + output.shape() + " does not match");
        KernelException outOfRange = ctx.evalFailure("gather_nd index out of bounds");
        return () -> {
            int[] idx = indices.values();
            for (int i = 0; i < slices; i++) {
                int from = 0;
                for (int j = 0; j < depth; j++) {
                    from += idx[i * depth + j] * strides[j];
                }
                if (from < 0 || from + sliceSize > flatSize) {
                    throw outOfRange;
                }
                TensorBytes.copy(params, from * width, output, i * sliceSize * width, sliceSize * width);
            }
        };
    }
}
