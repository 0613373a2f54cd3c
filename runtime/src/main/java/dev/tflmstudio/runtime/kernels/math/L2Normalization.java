package dev.tflmstudio.runtime.kernels.math;

import dev.tflmstudio.runtime.kernels.ActivationRange;
import dev.tflmstudio.runtime.kernels.FixedPoint;
import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.TensorData;
import dev.tflmstudio.runtime.model.TensorType;

/**
 * L2_NORMALIZATION over the last axis (TFLM {@code l2norm.cc}): FLOAT32 divides by {@code max(sqrtf(sum x^2),
 * 1e-6)}; INT8 multiplies by the fixed-point inverse square root of the integer sum of squares and outputs in 1/128
 * units. Prepare refuses a fused activation, more than 4 dimensions and types other than FLOAT32/INT8.
 */
final class L2Normalization {
    private static final float EPSILON = 1e-6f;

    private L2Normalization() {
    }

    static PreparedOp prepare(OpContext ctx) throws KernelException {
        ctx.check(ctx.inputCount() == 1 && ctx.outputCount() == 1, "expects 1 input and 1 output");
        TensorData in = ctx.requireInput(0);
        TensorData out = ctx.output(0);
        ctx.check(in.rank() <= 4, "input has " + in.rank() + " dimensions, at most 4 are supported");
        ctx.check(out.type() == TensorType.FLOAT32 || out.type() == TensorType.INT8,
                "output type must be FLOAT32 or INT8, got " + out.type());
        ctx.check(in.type() == out.type(), "input type " + in.type() + " differs from output type " + out.type());
        String activation = ActivationRange.of(ctx);
        ctx.check(activation.equals("NONE"), "params->activation != kTfLiteActNone (" + activation + ")");
        int depth = in.rank() == 0 ? 1 : in.dim(in.rank() - 1);
        int outer = depth == 0 ? 0 : in.elementCount() / depth;
        if (out.type() == TensorType.FLOAT32) {
            return () -> {
                for (int o = 0; o < outer; o++) {
                    int base = o * depth;
                    float squared = 0;
                    for (int c = 0; c < depth; c++) {
                        float v = in.getFloat32(base + c);
                        squared += v * v;
                    }
                    float norm = (float) Math.sqrt(squared);
                    norm = norm < EPSILON ? EPSILON : norm;
                    for (int c = 0; c < depth; c++) {
                        out.setFloat32(base + c, in.getFloat32(base + c) / norm);
                    }
                }
            };
        }
        int zeroPoint = in.zeroPoint();
        return () -> {
            for (int o = 0; o < outer; o++) {
                int base = o * depth;
                int acc = 0;
                for (int c = 0; c < depth; c++) {
                    int v = in.getInt8(base + c) - zeroPoint;
                    acc += v * v;
                }
                long inv = FixedPointMath.invSqrtQuantizedMultiplierExp(acc);
                int multiplier = FixedPoint.multiplierOf(inv);
                int shift = FixedPoint.shiftOf(inv) + 7;
                for (int c = 0; c < depth; c++) {
                    int v = in.getInt8(base + c) - zeroPoint;
                    int r = FixedPoint.multiplyByQuantizedMultiplier(v, multiplier, shift);
                    out.setInt8(base + c, FixedPoint.clampInt8(r));
                }
            }
        };
    }
}
