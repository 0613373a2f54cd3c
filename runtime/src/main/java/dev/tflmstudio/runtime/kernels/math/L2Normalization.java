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
        ctx.ensureEq(ctx.inputCount(), 1, "NumInputs(node)", "1");
        ctx.ensureEq(ctx.outputCount(), 1, "NumOutputs(node)", "1");
        TensorData in = ctx.requireInput(0);
        TensorData out = ctx.output(0);
        ctx.ensure(in.rank() <= 4, "NumDimensions(input) <= 4");
        ctx.ensure(out.type() == TensorType.FLOAT32 || out.type() == TensorType.INT8,
                "output->type == kTfLiteFloat32 || output->type == kTfLiteInt8");
        ctx.ensureTypesEq(in.type(), out.type(), "input->type", "output->type");
        String activation = ActivationRange.of(ctx);
        ctx.ensureEq(java.util.List.of("NONE", "RELU", "RELU_N1_TO_1", "RELU6", "TANH", "SIGN_BIT").indexOf(activation), 0,
                "params->activation", "kTfLiteActNone");
        if (in.rank() == 0) {
            // TFLM takes the depth from dimension -1 of a scalar, which reads as 0 in its build: nothing is written
            return () -> {
            };
        }
        int depth = in.dim(in.rank() - 1);
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
