package dev.tflmstudio.runtime.kernels.math;

import dev.tflmstudio.runtime.kernels.Kernel;
import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.TensorData;
import dev.tflmstudio.runtime.model.TensorType;

/**
 * ARG_MAX and ARG_MIN (TFLM {@code arg_min_max.cc}): the first index along the axis with a strictly greater
 * (smaller) value. TFLM checks types only in Eval: an INT32 axis, INT32 output and FLOAT32 or INT8 input, else the
 * op fails at invoke. The axis is read from its tensor on every invoke (negative counts from the end).
 */
final class ArgMinMax {
    private ArgMinMax() {
    }

    static Kernel kernel(boolean max) {
        return ctx -> prepare(ctx, max);
    }

    private static PreparedOp prepare(OpContext ctx, boolean max) throws KernelException {
        TensorData in = ctx.requireInput(0);
        TensorData axis = ctx.requireInput(1);
        TensorData out = ctx.output(0);
        String refusal = null;
        if (axis.type() != TensorType.INT32) {
            refusal = "Only int32_t are supported currently, got " + axis.type() + ".";
        } else if (out.type() != TensorType.INT32) {
            refusal = "Only int32_t are supported currently, got " + out.type() + ".";
        } else if (in.type() != TensorType.FLOAT32 && in.type() != TensorType.INT8) {
            refusal = "Only float32, uint8_t and int8_t are supported currently, got " + in.type() + ".";
        }
        if (refusal != null) {
            KernelException e = ctx.evalFailure(refusal);
            return () -> {
                throw e;
            };
        }
        int[] dims = in.dims();
        boolean isFloat = in.type() == TensorType.FLOAT32;
        KernelException badAxis = ctx.evalFailure("axis out of range for input " + in.shape());
        int outCount = ctx.output(0).elementCount();
        // TFLM writes outer * inner indices whatever the output's shape: past its end for a smaller one
        KernelException smallOutput = ctx.evalFailure("output of " + outCount + " elements is smaller than the "
                + "input " + in.shape() + " without the axis");
        return () -> {
            int a = axis.getInt32(0);
            if (a < 0) {
                a += dims.length;
            }
            if (a < 0 || a >= dims.length) {
                throw badAxis;
            }
            int axisSize = dims[a];
            int outer = 1;
            for (int i = 0; i < a; i++) {
                outer *= dims[i];
            }
            int inner = 1;
            for (int i = a + 1; i < dims.length; i++) {
                inner *= dims[i];
            }
            if ((long) outer * inner > outCount) {
                throw smallOutput;
            }
            for (int o = 0; o < outer; o++) {
                for (int k = 0; k < inner; k++) {
                    int base = o * axisSize * inner + k;
                    int best = 0;
                    if (isFloat) {
                        float v = in.getFloat32(base);
                        for (int i = 1; i < axisSize; i++) {
                            float c = in.getFloat32(base + i * inner);
                            if (max ? c > v : c < v) {
                                v = c;
                                best = i;
                            }
                        }
                    } else {
                        int v = in.getInt8(base);
                        for (int i = 1; i < axisSize; i++) {
                            int c = in.getInt8(base + i * inner);
                            if (max ? c > v : c < v) {
                                v = c;
                                best = i;
                            }
                        }
                    }
                    out.setInt32(o * inner + k, best);
                }
            }
        };
    }
}
