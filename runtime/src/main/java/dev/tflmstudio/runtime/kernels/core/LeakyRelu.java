package dev.tflmstudio.runtime.kernels.core;

import dev.tflmstudio.runtime.kernels.FixedPoint;
import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.TensorData;
import dev.tflmstudio.runtime.model.TensorType;

/**
 * LEAKY_RELU (micro/kernels/leaky_relu.cc): float32 ({@code x > 0 ? x : x * alpha}) and int8/int16 with separate
 * identity and alpha multipliers (scale products taken in float, as TFLM does; a negative alpha scales by the
 * multiplier's magnitude and negates).
 */
public final class LeakyRelu {
    private LeakyRelu() {
    }

    public static PreparedOp prepare(OpContext ctx) throws KernelException {
        TensorData in = ctx.requireInput(0);
        TensorData out = ctx.output(0);
        ctx.check(in.type() == out.type(), "input and output types differ");
        float alpha = ctx.options().getFloat("alpha", 0.2f);
        int n = out.elementCount();
        switch (in.type()) {
            case FLOAT32 -> {
                return () -> {
                    for (int i = 0; i < n; i++) {
                        float v = in.getFloat32(i);
                        out.setFloat32(i, v > 0 ? v : v * alpha);
                    }
                };
            }
            case INT8, INT16 -> {
                boolean int16 = in.type() == TensorType.INT16;
                long qa = FixedPoint.quantizeMultiplier(in.scale() * alpha / out.scale());
                long qi = FixedPoint.quantizeMultiplier(in.scale() / out.scale());
                // for a negative alpha TFLM scales x < 0 by the multiplier's magnitude and negates the result (its
                // MultiplyByQuantizedMultiplier wants a non-negative multiplier); a negative multiplier would
                // round .5 ties the other way
                boolean negativeAlpha = FixedPoint.multiplierOf(qa) < 0;
                int ma = negativeAlpha ? -FixedPoint.multiplierOf(qa) : FixedPoint.multiplierOf(qa);
                int sa = FixedPoint.shiftOf(qa);
                int mi = FixedPoint.multiplierOf(qi);
                int si = FixedPoint.shiftOf(qi);
                int inZp = in.zeroPoint();
                int outZp = out.zeroPoint();
                int lo = int16 ? Short.MIN_VALUE : Byte.MIN_VALUE;
                int hi = int16 ? Short.MAX_VALUE : Byte.MAX_VALUE;
                return () -> {
                    for (int i = 0; i < n; i++) {
                        int x = (int16 ? in.getInt16(i) : in.getInt8(i)) - inZp;
                        int v;
                        if (x >= 0) {
                            v = outZp + FixedPoint.multiplyByQuantizedMultiplier(x, mi, si);
                        } else {
                            int scaled = FixedPoint.multiplyByQuantizedMultiplier(x, ma, sa);
                            v = outZp + (negativeAlpha ? -scaled : scaled);
                        }
                        v = Math.min(Math.max(v, lo), hi);
                        if (int16) {
                            out.setInt16(i, v);
                        } else {
                            out.setInt8(i, v);
                        }
                    }
                };
            }
            default -> {
                return ctx.refuseAtInvoke("Only float32, int8 are supported by LEAKY_RELU, got " + in.type() + ".");
            }
        }
    }
}
