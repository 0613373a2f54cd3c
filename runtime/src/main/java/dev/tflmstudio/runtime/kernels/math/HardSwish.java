package dev.tflmstudio.runtime.kernels.math;

import static dev.tflmstudio.runtime.kernels.math.FixedPointMath.roundingDivideByPOT16;
import static dev.tflmstudio.runtime.kernels.math.FixedPointMath.saturatingLeftShift16;
import static dev.tflmstudio.runtime.kernels.math.FixedPointMath.sdhm16;
import static dev.tflmstudio.runtime.kernels.math.FixedPointMath.srdhm16;

import dev.tflmstudio.runtime.kernels.FixedPoint;
import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.TensorData;

/**
 * HARD_SWISH (TFLM {@code hard_swish.cc}): {@code x * relu6(x + 3) / 6}. FLOAT32 in float arithmetic; INT8 with
 * TFLM's 16-bit fixed-point scheme (input on a 2^7-finer scale, a "reluish" multiplier in [0, 1] and the output
 * multiplier, both reduced to int16). Other types fail at invoke.
 */
final class HardSwish {
    private HardSwish() {
    }

    static PreparedOp prepare(OpContext ctx) throws KernelException {
        ctx.check(ctx.inputCount() == 1 && ctx.outputCount() == 1, "expects 1 input and 1 output");
        TensorData in = ctx.requireInput(0);
        TensorData out = ctx.output(0);
        int n = in.elementCount();
        switch (in.type()) {
            case FLOAT32:
                return () -> {
                    for (int i = 0; i < n; i++) {
                        float x = in.getFloat32(i);
                        // std::min(6, std::max(0, x + 3)): NaN becomes 0, as in C++
                        float shifted = x + 3;
                        float relu6 = 0f < shifted ? shifted : 0f;
                        relu6 = relu6 < 6f ? relu6 : 6f;
                        out.setFloat32(i, x * relu6 / 6);
                    }
                };
            case INT8:
                return int8(ctx, in, out);
            default:
                KernelException e = ctx.evalFailure("Unsupported type " + in.type());
                return () -> {
                    throw e;
                };
        }
    }

    private static PreparedOp int8(OpContext ctx, TensorData in, TensorData out) throws KernelException {
        int inputZeroPoint = in.zeroPoint();
        int outputZeroPoint = out.zeroPoint();
        float hiresInputScale = (1.0f / 128.0f) * in.scale();
        float reluishScale = 3.0f / 32768.0f;
        long outQ = FixedPoint.quantizeMultiplier((double) (hiresInputScale / out.scale()));
        short outputMultiplier = FixedPointMath.downScaleInt32ToInt16Multiplier(FixedPoint.multiplierOf(outQ));
        int outputExponent = FixedPoint.shiftOf(outQ);
        ctx.check(outputExponent <= 0, "output multiplier exponent must be <= 0, got " + outputExponent);
        long reluQ = FixedPoint.quantizeMultiplier((double) (hiresInputScale / reluishScale));
        short reluishMultiplier = FixedPointMath.downScaleInt32ToInt16Multiplier(FixedPoint.multiplierOf(reluQ));
        int reluishExponent = FixedPoint.shiftOf(reluQ);
        int n = in.elementCount();
        return () -> {
            for (int i = 0; i < n; i++) {
                short value = (short) (in.getInt8(i) - inputZeroPoint);
                short hires = (short) (value * (1 << 7));
                short preshiftOutput = srdhm16(hires, outputMultiplier);
                short reluish = hires;
                if (reluishExponent > 0) {
                    reluish = saturatingLeftShift16(reluish, reluishExponent - 1);
                }
                reluish = srdhm16(reluish, reluishMultiplier);
                if (reluishExponent > 0) {
                    reluish = saturatingLeftShift16(reluish, 1);
                }
                if (reluishExponent < 0) {
                    reluish = roundingDivideByPOT16(reluish, -reluishExponent);
                }
                reluish = (short) ((reluish + (1 << 15)) >> 1);
                short preshift = sdhm16(reluish, preshiftOutput);
                short result = roundingDivideByPOT16(preshift, -outputExponent);
                result = (short) (result + outputZeroPoint);
                out.setInt8(i, Math.max(Byte.MIN_VALUE, Math.min(Byte.MAX_VALUE, result)));
            }
        };
    }
}
