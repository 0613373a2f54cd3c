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
 * DYNAMIC_UPDATE_SLICE: the operand with {@code update} written at {@code start_indices}; each start index is
 * clamped to {@code [0, operand_dim - update_dim]} as in TFLM. float32, int8 and int32 operands of rank <= 6
 * (others fail at Invoke).
 */
final class DynamicUpdateSlice {
    private static final int MAX_RANK = 6;
    private DynamicUpdateSlice() {
    }

    static PreparedOp prepare(OpContext ctx) throws KernelException {
        ctx.check(ctx.inputCount() == 3 && ctx.outputCount() == 1, "expects 3 inputs and 1 output");
        TensorData operand = ctx.requireInput(0);
        TensorData update = ctx.requireInput(1);
        IntOperand start = IntOperand.of(ctx, ctx.requireInput(2), "start_indices");
        TensorData output = ctx.output(0);
        TensorBytes.requireSameType(ctx, operand, update);
        TensorBytes.requireSameType(ctx, operand, output);
        int rank = operand.rank();
        ctx.check(update.rank() == rank, "update rank must equal the operand rank");
        ctx.check(start.count() == rank, "start_indices needs " + rank + " entries");
        int[] opDims = operand.dims();
        int[] upDims = update.dims();
        for (int d = 0; d < rank; d++) {
            ctx.check(upDims[d] <= opDims[d], "update is larger than the operand in dimension " + d);
        }
        if (!TensorBytes.isOneOf(operand, FLOAT32, INT8, INT16, INT32)) {
            return Refusals.atInvoke(ctx, "DYNAMIC_UPDATE_SLICE: Operand type " + operand.type() + " not supported.");
        }
        if (rank > MAX_RANK) {
            return Refusals.atInvoke(ctx, "DYNAMIC_UPDATE_SLICE: Operand rank " + rank + " exceeds max supported "
                    + MAX_RANK + ".");
        }
        int width = TensorBytes.elementSize(ctx, operand);
        int[] opStrides = Strides.of(opDims);
        int[] clamped = new int[rank];
        int[] index = new int[rank];
        int count = update.elementCount();
        return () -> {
            output.copyFrom(operand);
            int[] s = start.values();
            for (int d = 0; d < rank; d++) {
                clamped[d] = Math.min(Math.max(0, s[d]), opDims[d] - upDims[d]);
            }
            java.util.Arrays.fill(index, 0);
            for (int u = 0; u < count; u++) {
                int to = 0;
                for (int d = 0; d < rank; d++) {
                    to += (clamped[d] + index[d]) * opStrides[d];
                }
                TensorBytes.copy(update, u * width, output, to * width, width);
                Strides.next(index, upDims);
            }
        };
    }
}
