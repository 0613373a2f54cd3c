package dev.tflmstudio.runtime.kernels.math;

import dev.tflmstudio.runtime.kernels.Kernel;
import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.TensorData;

/**
 * MAXIMUM and MINIMUM with broadcasting (TFLM {@code maximum_minimum.cc}): raw values are compared with
 * {@code a > b ? a : b} (resp. {@code a < b}), so quantized inputs are assumed to share the output's quantization and
 * a NaN in the first operand yields the second, as in C++.
 */
final class MaximumMinimum {
    private MaximumMinimum() {
    }

    static Kernel kernel(boolean maximum) {
        return ctx -> prepare(ctx, maximum);
    }

    private static PreparedOp prepare(OpContext ctx, boolean max) throws KernelException {
        TensorData in1 = ctx.requireInput(0);
        TensorData in2 = ctx.requireInput(1);
        TensorData out = ctx.output(0);
        int[] map1 = Broadcast.indexMap(ctx, in1, out);
        int[] map2 = Broadcast.indexMap(ctx, in2, out);
        int n = out.elementCount();
        switch (out.type()) {
            case FLOAT32:
                return () -> {
                    for (int i = 0; i < n; i++) {
                        float a = in1.getFloat32(Broadcast.at(map1, i));
                        float b = in2.getFloat32(Broadcast.at(map2, i));
                        out.setFloat32(i, (max ? a > b : a < b) ? a : b);
                    }
                };
            case INT8:
                return () -> {
                    for (int i = 0; i < n; i++) {
                        int a = in1.getInt8(Broadcast.at(map1, i));
                        int b = in2.getInt8(Broadcast.at(map2, i));
                        out.setInt8(i, (max ? a > b : a < b) ? a : b);
                    }
                };
            case INT16:
                return () -> {
                    for (int i = 0; i < n; i++) {
                        int a = in1.getInt16(Broadcast.at(map1, i));
                        int b = in2.getInt16(Broadcast.at(map2, i));
                        out.setInt16(i, (max ? a > b : a < b) ? a : b);
                    }
                };
            case INT32:
                return () -> {
                    for (int i = 0; i < n; i++) {
                        int a = in1.getInt32(Broadcast.at(map1, i));
                        int b = in2.getInt32(Broadcast.at(map2, i));
                        out.setInt32(i, (max ? a > b : a < b) ? a : b);
                    }
                };
            case INT64:
                return () -> {
                    for (int i = 0; i < n; i++) {
                        long a = in1.getInt64(Broadcast.at(map1, i));
                        long b = in2.getInt64(Broadcast.at(map2, i));
                        out.setInt64(i, (max ? a > b : a < b) ? a : b);
                    }
                };
            default:
                KernelException e = ctx.evalFailure("Type " + out.type() + " (" + OpContext.tfLiteTypeCode(out.type())
                        + ") is not supported by Maximum/Minimum.");
                return () -> {
                    throw e;
                };
        }
    }
}
