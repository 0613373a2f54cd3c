package dev.tflmstudio.runtime.kernels.math;

import dev.tflmstudio.runtime.kernels.Broadcast;
import dev.tflmstudio.runtime.kernels.FixedPoint;
import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.TensorData;
import dev.tflmstudio.runtime.model.TensorType;

/**
 * PRELU (TFLM {@code prelu.cc}): {@code x >= 0 ? x : x * alpha} with alpha broadcast to the input (up to 4-D).
 * Quantized (INT8, or INT16 input with INT8 alpha): the positive branch rescales by s_in/s_out, the negative
 * branch multiplies by the alpha integer and rescales by s_in*s_alpha/s_out. Other types fail at invoke.
 */
final class Prelu {
    private Prelu() {
    }

    static PreparedOp prepare(OpContext ctx) throws KernelException {
        TensorData in = ctx.requireInput(0);
        TensorData alpha = ctx.requireInput(1);
        TensorData out = ctx.output(0);
        Broadcast walk = Broadcast.checked(ctx, out, in, alpha);
        TensorType type = out.type();
        if (type == TensorType.INT16) {
            ctx.ensure(alpha.type() == TensorType.INT8, "alpha->type == kTfLiteInt8");
        }
        switch (in.type()) {
            case FLOAT32:
                return walk.eachRow((o, i1, step1, i2, step2, len) -> {
                    for (int k = 0; k < len; k++) {
                        float x = in.getFloat32(step1 == 0 ? i1 : i1 + k);
                        float a = alpha.getFloat32(step2 == 0 ? i2 : i2 + k);
                        out.setFloat32(o + k, x >= 0.0f ? x : x * a);
                    }
                });
            case INT8:
            case INT16:
                return quantized(in, alpha, out, walk);
            default:
                KernelException e = ctx.evalFailure("Input type '" + in.type() + "' is not supported.");
                return () -> {
                    throw e;
                };
        }
    }

    private static PreparedOp quantized(TensorData in, TensorData alpha, TensorData out, Broadcast walk) {
        long q1 = FixedPoint.quantizeMultiplier((double) in.scale() / (double) out.scale());
        long q2 = FixedPoint.quantizeMultiplier((double) in.scale() * (double) alpha.scale()
                / (double) out.scale());
        int mult1 = FixedPoint.multiplierOf(q1);
        int shift1 = FixedPoint.shiftOf(q1);
        int mult2 = FixedPoint.multiplierOf(q2);
        int shift2 = FixedPoint.shiftOf(q2);
        int inputOffset = -in.zeroPoint();
        int alphaOffset = -alpha.zeroPoint();
        int outputOffset = out.zeroPoint();
        boolean int16 = in.type() == TensorType.INT16;
        int min = int16 ? Short.MIN_VALUE : Byte.MIN_VALUE;
        int max = int16 ? Short.MAX_VALUE : Byte.MAX_VALUE;
        return walk.eachRow((o, i1, step1, i2, step2, len) -> {
            for (int k = 0; k < len; k++) {
                int j1 = step1 == 0 ? i1 : i1 + k;
                int x = inputOffset + (int16 ? in.getInt16(j1) : in.getInt8(j1));
                int r;
                if (x >= 0) {
                    r = FixedPoint.multiplyByQuantizedMultiplier(x, mult1, shift1);
                } else {
                    int a = alphaOffset + alpha.getInt8(step2 == 0 ? i2 : i2 + k);
                    r = FixedPoint.multiplyByQuantizedMultiplier(x * a, mult2, shift2);
                }
                r = Math.min(max, Math.max(min, r + outputOffset));
                if (int16) {
                    out.setInt16(o + k, r);
                } else {
                    out.setInt8(o + k, r);
                }
            }
        });
    }
}
