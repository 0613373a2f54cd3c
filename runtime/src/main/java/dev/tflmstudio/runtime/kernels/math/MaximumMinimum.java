package dev.tflmstudio.runtime.kernels.math;

import dev.tflmstudio.runtime.kernels.Broadcast;
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
        Broadcast walk = Broadcast.checked(ctx, out, in1, in2);
        switch (out.type()) {
            case FLOAT32:
                return walk.eachRow((o, i1, step1, i2, step2, len) -> {
                    for (int k = 0; k < len; k++) {
                        float a = in1.getFloat32(step1 == 0 ? i1 : i1 + k);
                        float b = in2.getFloat32(step2 == 0 ? i2 : i2 + k);
                        out.setFloat32(o + k, (max ? a > b : a < b) ? a : b);
                    }
                });
            case INT8:
                return walk.eachRow((o, i1, step1, i2, step2, len) -> {
                    for (int k = 0; k < len; k++) {
                        int a = in1.getInt8(step1 == 0 ? i1 : i1 + k);
                        int b = in2.getInt8(step2 == 0 ? i2 : i2 + k);
                        out.setInt8(o + k, (max ? a > b : a < b) ? a : b);
                    }
                });
            case INT16:
                return walk.eachRow((o, i1, step1, i2, step2, len) -> {
                    for (int k = 0; k < len; k++) {
                        int a = in1.getInt16(step1 == 0 ? i1 : i1 + k);
                        int b = in2.getInt16(step2 == 0 ? i2 : i2 + k);
                        out.setInt16(o + k, (max ? a > b : a < b) ? a : b);
                    }
                });
            case INT32:
                return walk.eachRow((o, i1, step1, i2, step2, len) -> {
                    for (int k = 0; k < len; k++) {
                        int a = in1.getInt32(step1 == 0 ? i1 : i1 + k);
                        int b = in2.getInt32(step2 == 0 ? i2 : i2 + k);
                        out.setInt32(o + k, (max ? a > b : a < b) ? a : b);
                    }
                });
            case INT64:
                return walk.eachRow((o, i1, step1, i2, step2, len) -> {
                    for (int k = 0; k < len; k++) {
                        long a = in1.getInt64(step1 == 0 ? i1 : i1 + k);
                        long b = in2.getInt64(step2 == 0 ? i2 : i2 + k);
                        out.setInt64(o + k, (max ? a > b : a < b) ? a : b);
                    }
                });
            default:
                KernelException e = ctx.evalFailure("Type " + out.type() + " (" + OpContext.tfLiteTypeCode(out.type())
                        + ") is not supported by Maximum/Minimum.");
                return () -> {
                    throw e;
                };
        }
    }
}
