package dev.tflmstudio.runtime.kernels.math;

import dev.tflmstudio.runtime.kernels.ActivationRange;
import dev.tflmstudio.runtime.kernels.Broadcast;
import dev.tflmstudio.runtime.kernels.FixedPoint;
import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.TensorData;
import dev.tflmstudio.runtime.model.TensorType;

/**
 * DIV with broadcasting and a fused activation (TFLM {@code div.cc}). FLOAT32 divides in float; INT32 (unquantized
 * only) divides truncating toward zero; INT8 multiplies by the divisor's fixed-point reciprocal
 * ({@code GetReciprocal}) with the numerator's headroom, then rescales by s1/(s2*s_out). Other types fail at invoke.
 */
final class Div {
    private Div() {
    }

    static PreparedOp prepare(OpContext ctx) throws KernelException {
        TensorData in1 = ctx.requireInput(0);
        TensorData in2 = ctx.requireInput(1);
        TensorData out = ctx.output(0);
        ctx.check(in1.type() == in2.type() && in1.type() == out.type(),
                "types differ: " + in1.type() + ", " + in2.type() + " -> " + out.type());
        String activation = ActivationRange.of(ctx);
        Broadcast walk = Broadcast.checked(ctx, out, in1, in2);
        switch (out.type()) {
            case FLOAT32: {
                float[] range = ActivationRange.forFloat(activation);
                float lo = range[0];
                float hi = range[1];
                return walk.eachRow((o, i1, step1, i2, step2, len) -> {
                    for (int k = 0; k < len; k++) {
                        float q = in1.getFloat32(step1 == 0 ? i1 : i1 + k) / in2.getFloat32(step2 == 0 ? i2 : i2 + k);
                        // ActivationFunctionWithMinMax: std::min(std::max(x, lo), hi)
                        q = q < lo ? lo : q;
                        out.setFloat32(o + k, hi < q ? hi : q);
                    }
                });
            }
            case INT32: {
                ctx.check(!in1.tensor().isQuantized() && !in2.tensor().isQuantized(),
                        "only unquantized INT32 DIV is supported");
                int[] range = int32Range(activation);
                int lo = range[0];
                int hi = range[1];
                // TFLM would crash (SIGFPE); refuse at invoke instead
                KernelException byZero = ctx.evalFailure("integer division by zero");
                return walk.eachRow((o, i1, step1, i2, step2, len) -> {
                    for (int k = 0; k < len; k++) {
                        int divisor = in2.getInt32(step2 == 0 ? i2 : i2 + k);
                        if (divisor == 0) {
                            throw byZero;
                        }
                        int q = in1.getInt32(step1 == 0 ? i1 : i1 + k) / divisor;
                        out.setInt32(o + k, Math.min(hi, Math.max(lo, q)));
                    }
                });
            }
            case INT8:
                return int8(ctx, in1, in2, out, walk, activation);
            default:
                KernelException e = ctx.evalFailure("DIV only supports FLOAT32, INT32, quantized INT8 now, got type "
                        + out.type() + " (" + OpContext.tfLiteTypeCode(out.type()) + ").");
                return () -> {
                    throw e;
                };
        }
    }

    /** {@code CalculateActivationRange<int32_t>}. */
    private static int[] int32Range(String activation) {
        return switch (activation) {
            case "RELU" -> new int[] {0, Integer.MAX_VALUE};
            case "RELU6" -> new int[] {0, 6};
            case "RELU_N1_TO_1" -> new int[] {-1, 1};
            default -> new int[] {Integer.MIN_VALUE, Integer.MAX_VALUE};
        };
    }

    private static PreparedOp int8(OpContext ctx, TensorData in1, TensorData in2, TensorData out, Broadcast walk,
                                   String activation) {
        int[] range = ActivationRange.forQuantized(activation, out);
        int lo = range[0];
        int hi = range[1];
        // static_cast<double>(s1 / (s2 * s_out)), the division in float as TFLM writes it
        double real = (double) (in1.scale() / (in2.scale() * out.scale()));
        long q = FixedPoint.quantizeMultiplier(real);
        int outputMultiplier = FixedPoint.multiplierOf(q);
        int outputShift = FixedPoint.shiftOf(q);
        int offset1 = -in1.zeroPoint();
        int offset2 = -in2.zeroPoint();
        int outputOffset = out.zeroPoint();
        int[] recipShift = new int[1];
        return walk.eachRow((o, i1, step1, i2, step2, len) -> {
            for (int k = 0; k < len; k++) {
                int a = offset1 + in1.getInt8(step1 == 0 ? i1 : i1 + k);
                int b = offset2 + in2.getInt8(step2 == 0 ? i2 : i2 + k);
                if (b < 0) {
                    a = -a;
                    b = -b;
                }
                int reciprocal = FixedPointMath.reciprocal(b, 31, recipShift);
                int headroom = FixedPointMath.countLeadingSignBits(a);
                int unscaled = FixedPoint.multiplyByQuantizedMultiplierGreaterThanOne(a, reciprocal, headroom);
                int totalShift = outputShift - recipShift[0] - headroom;
                int r = outputOffset + FixedPoint.multiplyByQuantizedMultiplierSmallerThanOneExp(unscaled,
                        outputMultiplier, totalShift);
                out.setInt8(o + k, Math.min(hi, Math.max(lo, r)));
            }
        });
    }
}
