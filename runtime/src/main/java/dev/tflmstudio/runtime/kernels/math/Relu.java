package dev.tflmstudio.runtime.kernels.math;

import dev.tflmstudio.runtime.kernels.FixedPoint;
import dev.tflmstudio.runtime.kernels.Kernel;
import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.TensorData;
import dev.tflmstudio.runtime.model.TensorType;

/**
 * RELU and RELU6 (TFLM {@code activations.cc}). Quantized RELU rescales from the input to the output quantization
 * ({@code MultiplyByQuantizedMultiplier}) and clamps at the output zero point; quantized RELU6 does not rescale: it
 * clamps the raw input to [zero point, quantized 6] of the input's quantization, as TFLM does. INT16 needs zero
 * points 0 (RELU). Other types fail at invoke.
 */
final class Relu {
    private Relu() {
    }

    static Kernel kernel(boolean six) {
        return ctx -> prepare(ctx, six);
    }

    private static PreparedOp prepare(OpContext ctx, boolean six) throws KernelException {
        TensorData in = ctx.requireInput(0);
        TensorData out = ctx.output(0);
        TensorType type = in.type();
        int n = in.elementCount();
        switch (type) {
            case FLOAT32:
                return () -> {
                    for (int i = 0; i < n; i++) {
                        float v = in.getFloat32(i);
                        out.setFloat32(i, six ? (v > 6.0f ? 6.0f : v < 0.0f ? 0.0f : v) : (v < 0.0f ? 0.0f : v));
                    }
                };
            case INT8:
            case INT16:
                return six ? quantizedRelu6(ctx, in, out) : quantizedRelu(ctx, in, out);
            default:
                KernelException e = ctx.evalFailure("Only float32/int8/int16 is supported currently, got "
                        + type);
                return () -> {
                    throw e;
                };
        }
    }

    private static PreparedOp quantizedRelu(OpContext ctx, TensorData in, TensorData out) throws KernelException {
        boolean int16 = in.type() == TensorType.INT16;
        if (int16) {
            ctx.ensureEq(in.zeroPoint(), 0, "input->params.zero_point", "0");
            ctx.ensureEq(out.zeroPoint(), 0, "output->params.zero_point", "0");
        }
        // CalculateReluOpData divides the scales in float, then widens (a double division rounds ties otherwise)
        long q = FixedPoint.quantizeMultiplier((double) (in.scale() / out.scale()));
        int multiplier = FixedPoint.multiplierOf(q);
        int shift = FixedPoint.shiftOf(q);
        int typeMin = int16 ? Short.MIN_VALUE : Byte.MIN_VALUE;
        int typeMax = int16 ? Short.MAX_VALUE : Byte.MAX_VALUE;
        int min = Math.max(typeMin, out.zeroPoint() + (int) FixedPoint.roundf(0.0f / out.scale()));
        int inOffset = in.zeroPoint();
        int outOffset = out.zeroPoint();
        int n = in.elementCount();
        return () -> {
            for (int i = 0; i < n; i++) {
                int v = int16 ? in.getInt16(i) : in.getInt8(i);
                int r = outOffset + FixedPoint.multiplyByQuantizedMultiplier(v - inOffset, multiplier, shift);
                r = Math.min(typeMax, Math.max(min, r));
                if (int16) {
                    out.setInt16(i, r);
                } else {
                    out.setInt8(i, r);
                }
            }
        };
    }

    private static PreparedOp quantizedRelu6(OpContext ctx, TensorData in, TensorData out) throws KernelException {
        boolean int16 = in.type() == TensorType.INT16;
        int typeMin = int16 ? Short.MIN_VALUE : Byte.MIN_VALUE;
        int typeMax = int16 ? Short.MAX_VALUE : Byte.MAX_VALUE;
        int zero = in.zeroPoint();
        // FloatToQuantizedType<T>(6.0f, scale, zero_point): round(6 / scale) + zp, clamped to the type.
        int sixQ = (int) (FixedPoint.roundf(6.0f / in.scale()) + zero);
        sixQ = Math.max(typeMin, Math.min(typeMax, sixQ));
        final int upper = sixQ;
        int n = in.elementCount();
        return () -> {
            for (int i = 0; i < n; i++) {
                int v = int16 ? in.getInt16(i) : in.getInt8(i);
                int r = v > upper ? upper : v < zero ? zero : v;
                if (int16) {
                    out.setInt16(i, r);
                } else {
                    out.setInt8(i, r);
                }
            }
        };
    }
}
