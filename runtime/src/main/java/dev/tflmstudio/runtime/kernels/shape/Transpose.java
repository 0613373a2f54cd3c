package dev.tflmstudio.runtime.kernels.shape;

import static dev.tflmstudio.runtime.model.TensorType.FLOAT32;
import static dev.tflmstudio.runtime.model.TensorType.INT16;
import static dev.tflmstudio.runtime.model.TensorType.INT8;

import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.TensorData;

/** TRANSPOSE: output dimension i is input dimension {@code perm[i]} (TFLM's {@code reference_ops::Transpose}). */
final class Transpose {
    private static final int MAX_RANK = 5;

    private Transpose() {
    }

    static PreparedOp prepare(OpContext ctx) throws KernelException {
        ctx.check(ctx.inputCount() == 2 && ctx.outputCount() == 1, "expects 2 inputs and 1 output");
        TensorData input = ctx.requireInput(0);
        TensorData output = ctx.output(0);
        TensorData permTensor = ctx.requireInput(1);
        ctx.check(permTensor.rank() == 1, "perm must be 1-D");
        // TFLM reads perm as int32 whatever its declared type.
        IntOperand perm = IntOperand.asInt32(ctx, permTensor);
        TensorBytes.requireSameType(ctx, input, output);
        int rank = input.rank();
        ctx.check(rank <= MAX_RANK, "Transpose op only supports 1D-" + MAX_RANK + "D input arrays.");
        ctx.check(permTensor.dim(0) == rank,
                "perm has " + permTensor.dim(0) + " entries for a rank-" + rank + " input");
        // TFLM's output shape checks are debug-build only; another rank or size walks outside a tensor
        ctx.check(output.rank() == rank && output.elementCount() == input.elementCount(),
                "output shape " + output.shape() + " is not a transpose of input shape " + input.shape());
        if (!TensorBytes.isOneOf(input, FLOAT32, INT8, INT16)) {
            return Refusals.atInvoke(ctx, "Type " + input.type() + " is currently not supported by Transpose. "
                    + "Only float32, int8 and int16 are supported");
        }
        int width = TensorBytes.elementSize(ctx, input);
        int[] inStrides = Strides.of(input.dims());
        int[] outDims = output.dims();
        int[] permStrides = new int[rank];
        int[] index = new int[rank];
        int count = output.elementCount();
        int inBytes = input.byteLength();
        // an int64 perm read as int32 (as TFLM does) can repeat an axis: TFLM then reads outside the input
        dev.tflmstudio.runtime.kernels.KernelException outside = ctx.evalFailure(
                "perm " + permTensor.type() + " read as int32 makes Transpose read outside its input");
        dev.tflmstudio.runtime.kernels.KernelException outOfRange = ctx.evalFailure(
                "Transpose op permutations array is out of bounds.");
        return () -> {
            int[] p = perm.values();
            for (int i = 0; i < rank; i++) {
                int axis = p[i] < 0 ? p[i] + rank : p[i];
                if (axis < 0 || axis >= rank) {
                    throw outOfRange;
                }
                permStrides[i] = inStrides[axis];
                index[i] = 0;
            }
            for (int o = 0; o < count; o++) {
                int from = 0;
                for (int d = 0; d < rank; d++) {
                    from += index[d] * permStrides[d];
                }
                if ((from + 1) * width > inBytes) {
                    throw outside;
                }
                TensorBytes.copy(input, from * width, output, o * width, width);
                Strides.next(index, outDims);
            }
        };
    }
}
