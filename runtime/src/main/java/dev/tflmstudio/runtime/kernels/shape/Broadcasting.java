package dev.tflmstudio.runtime.kernels.shape;

import static dev.tflmstudio.runtime.model.TensorType.INT32;
import static dev.tflmstudio.runtime.model.TensorType.INT64;

import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.TensorData;

/** BROADCAST_TO (copy with numpy broadcasting, up to 5-D) and BROADCAST_ARGS (the broadcast shape of two shapes). */
final class Broadcasting {
    private static final int MAX_RANK = 5;

    private Broadcasting() {
    }

    static PreparedOp broadcastTo(OpContext ctx) throws KernelException {
        ctx.check(ctx.inputCount() == 2 && ctx.outputCount() == 1, "expects 2 inputs and 1 output");
        TensorData input = ctx.requireInput(0);
        TensorData output = ctx.output(0);
        TensorData shapeTensor = ctx.requireInput(1);
        ctx.check(shapeTensor.rank() == 1, "shape must be 1-D");
        IntOperand.of(ctx, shapeTensor, "shape");
        TensorBytes.requireSameType(ctx, input, output);
        int rank = output.rank();
        ctx.check(rank <= MAX_RANK, "BroadcastTo only supports 1-" + MAX_RANK + "D input.");
        ctx.check(input.rank() <= rank, "input rank exceeds the output rank");
        int[] in = Strides.extend(input.dims(), rank);
        int[] outDims = output.dims();
        for (int d = 0; d < rank; d++) {
            ctx.check(in[d] == 1 || in[d] == outDims[d], "input " + input.shape() + " cannot broadcast to "
                    + output.shape());
        }
        int width = TensorBytes.elementSize(ctx, input);
        int[] inStrides = Strides.of(in);
        for (int d = 0; d < rank; d++) {
            if (in[d] == 1) {
                inStrides[d] = 0;
            }
        }
        int[] index = new int[rank];
        int count = output.elementCount();
        return () -> {
            java.util.Arrays.fill(index, 0);
            for (int o = 0; o < count; o++) {
                int from = 0;
                for (int d = 0; d < rank; d++) {
                    from += index[d] * inStrides[d];
                }
                TensorBytes.copy(input, from * width, output, o * width, width);
                Strides.next(index, outDims);
            }
        };
    }

    static PreparedOp broadcastArgs(OpContext ctx) throws KernelException {
        ctx.check(ctx.inputCount() == 2 && ctx.outputCount() == 1, "expects 2 inputs and 1 output");
        TensorData s0 = ctx.requireInput(0);
        TensorData s1 = ctx.requireInput(1);
        TensorData output = ctx.output(0);
        TensorBytes.requireType(ctx, s0, "shape", INT32, INT64);
        TensorBytes.requireSameType(ctx, s0, s1);
        TensorBytes.requireSameType(ctx, s0, output);
        ctx.check(s0.rank() == 1 && s1.rank() == 1 && output.rank() == 1, "shapes must be 1-D");
        int n0 = s0.elementCount();
        int n1 = s1.elementCount();
        int n = output.elementCount();
        ctx.check(n == Math.max(n0, n1), "output length must be the longer shape's length");
        boolean wide = output.type() == INT64;
        KernelException incompatible = ctx.evalFailure("shapes are not broadcast-compatible");
        return () -> {
            for (int i = 0; i < n; i++) {
                long a = i < n - n0 ? 1 : read(s0, i - (n - n0), wide);
                long b = i < n - n1 ? 1 : read(s1, i - (n - n1), wide);
                long r;
                if (a == b || b == 1) {
                    r = a;
                } else if (a == 1) {
                    r = b;
                } else {
                    throw incompatible;
                }
                if (wide) {
                    output.setInt64(i, r);
                } else {
                    output.setInt32(i, (int) r);
                }
            }
        };
    }

    private static long read(TensorData t, int i, boolean wide) {
        return wide ? t.getInt64(i) : t.getInt32(i);
    }
}
