package dev.tflmstudio.runtime.kernels.math;

import dev.tflmstudio.runtime.kernels.Broadcast;
import dev.tflmstudio.runtime.kernels.FixedPoint;
import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.TensorData;
import dev.tflmstudio.runtime.model.TensorType;

/**
 * SQUARED_DIFFERENCE with broadcasting (TFLM {@code squared_difference.cc}). FLOAT32 and INT32 compute
 * {@code (a - b) * (a - b)}; INT8 and INT16 bring both inputs to half the larger input scale (INT8 with 7 extra
 * bits of headroom), square the difference and rescale to the output. Other types fail at invoke.
 */
final class SquaredDifference {
    private SquaredDifference() {
    }

    static PreparedOp prepare(OpContext ctx) throws KernelException {
        ctx.check(ctx.inputCount() == 2 && ctx.outputCount() == 1, "expects 2 inputs and 1 output");
        TensorData in1 = ctx.requireInput(0);
        TensorData in2 = ctx.requireInput(1);
        TensorData out = ctx.output(0);
        ctx.check(in1.type() == in2.type(), "input types differ: " + in1.type() + " and " + in2.type());
        Broadcast walk = Broadcast.checked(ctx, out, in1, in2);
        switch (out.type()) {
            case FLOAT32:
                return walk.eachRow((o, i1, step1, i2, step2, len) -> {
                    for (int k = 0; k < len; k++) {
                        float d = in1.getFloat32(step1 == 0 ? i1 : i1 + k) - in2.getFloat32(step2 == 0 ? i2 : i2 + k);
                        out.setFloat32(o + k, d * d);
                    }
                });
            case INT32:
                return walk.eachRow((o, i1, step1, i2, step2, len) -> {
                    for (int k = 0; k < len; k++) {
                        int d = in1.getInt32(step1 == 0 ? i1 : i1 + k) - in2.getInt32(step2 == 0 ? i2 : i2 + k);
                        out.setInt32(o + k, d * d);
                    }
                });
            case INT8:
            case INT16:
                return quantized(ctx, in1, in2, out, walk);
            default:
                KernelException e = ctx.evalFailure("SquaredDifference only supports FLOAT32, INT32 , INT16 and INT8"
                        + " now, got " + OpContext.tfLiteTypeCode(out.type()) + ".");
                return () -> {
                    throw e;
                };
        }
    }

    private static PreparedOp quantized(OpContext ctx, TensorData in1, TensorData in2, TensorData out,
                                        Broadcast walk) throws KernelException {
        boolean int16 = in1.type() == TensorType.INT16;
        int min = int16 ? Short.MIN_VALUE : Byte.MIN_VALUE;
        int max = int16 ? Short.MAX_VALUE : Byte.MAX_VALUE;
        String[] names = {"input1", "input2", "output"};
        TensorData[] all = {in1, in2, out};
        for (int k = 0; k < 3; k++) {
            TensorData t = all[k];
            if (int16) {
                ctx.ensure(t.zeroPoint() == 0, names[k] + "_quantization_params.zero_point == 0");
            } else {
                ctx.check(t.zeroPoint() >= min && t.zeroPoint() <= max,
                        "tensor " + t.index() + " zero point out of range");
            }
        }
        int leftShift = int16 ? 0 : 7;
        double twiceMaxInputScale = 2.0 * (double) Math.max(in1.scale(), in2.scale());
        long q1 = FixedPoint.quantizeMultiplier((double) in1.scale() / twiceMaxInputScale);
        long q2 = FixedPoint.quantizeMultiplier((double) in2.scale() / twiceMaxInputScale);
        // (1 << 2 * left_shift) * output_scale is a float product in TFLM
        long qo = FixedPoint.quantizeMultiplier(twiceMaxInputScale * twiceMaxInputScale
                / (double) ((1 << leftShift * 2) * out.scale()));
        int mult1 = FixedPoint.multiplierOf(q1);
        int shift1 = FixedPoint.shiftOf(q1);
        int mult2 = FixedPoint.multiplierOf(q2);
        int shift2 = FixedPoint.shiftOf(q2);
        int multOut = FixedPoint.multiplierOf(qo);
        int shiftOut = FixedPoint.shiftOf(qo);
        int offset1 = -in1.zeroPoint();
        int offset2 = -in2.zeroPoint();
        int outputOffset = out.zeroPoint();
        return walk.eachRow((o, i1, step1, i2, step2, len) -> {
            for (int k = 0; k < len; k++) {
                int j1 = step1 == 0 ? i1 : i1 + k;
                int j2 = step2 == 0 ? i2 : i2 + k;
                int a = offset1 + (int16 ? in1.getInt16(j1) : in1.getInt8(j1));
                int b = offset2 + (int16 ? in2.getInt16(j2) : in2.getInt8(j2));
                int sa = FixedPoint.multiplyByQuantizedMultiplierSmallerThanOneExp(a * (1 << leftShift), mult1, shift1);
                int sb = FixedPoint.multiplyByQuantizedMultiplierSmallerThanOneExp(b * (1 << leftShift), mult2, shift2);
                int d = sa - sb;
                int r = FixedPoint.multiplyByQuantizedMultiplier(d * d, multOut, shiftOut) + outputOffset;
                r = Math.min(max, Math.max(min, r));
                if (int16) {
                    out.setInt16(o + k, r);
                } else {
                    out.setInt8(o + k, r);
                }
            }
        });
    }
}
