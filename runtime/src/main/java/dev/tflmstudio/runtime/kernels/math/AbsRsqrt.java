package dev.tflmstudio.runtime.kernels.math;

import dev.tflmstudio.runtime.kernels.FixedPoint;
import dev.tflmstudio.runtime.kernels.Kernel;
import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.TensorData;
import dev.tflmstudio.runtime.model.TensorType;

/**
 * ABS and RSQRT (TFLM {@code elementwise.cc}): FLOAT32, quantized INT8 and INT16 (zero points 0), and for ABS also
 * unquantized INT16. Quantized ABS rescales only when input and output scales differ; quantized RSQRT computes
 * 1/sqrt of the integer with TFLM's Newton-Raphson inverse square root and rescales by 1/(sqrt(s_in) * s_out),
 * refusing at invoke an input below the zero point.
 */
final class AbsRsqrt {
    private static final int RSQRT_SHIFT = 20;

    private AbsRsqrt() {
    }

    static Kernel kernel(boolean abs) {
        return ctx -> prepare(ctx, abs);
    }

    private static PreparedOp prepare(OpContext ctx, boolean abs) throws KernelException {
        ctx.ensureEq(ctx.inputCount(), 1, "NumInputs(node)", "1");
        ctx.ensureEq(ctx.outputCount(), 1, "NumOutputs(node)", "1");
        TensorData in = ctx.requireInput(0);
        TensorData out = ctx.output(0);
        TensorType type = in.type();
        ctx.ensureTypesEq(type, out.type(), "input->type", "output->type");
        // TFLM's "is supported" check in Prepare never fires (it tests a function pointer made from the type), so
        // other types are refused by Eval's switch.
        if (type != TensorType.FLOAT32 && type != TensorType.INT8 && type != TensorType.INT16) {
            return ctx.refuseAtInvoke("Current data type " + type + " is not supported.");
        }
        int n = in.elementCount();
        if (type == TensorType.FLOAT32) {
            return () -> {
                for (int i = 0; i < n; i++) {
                    float x = in.getFloat32(i);
                    out.setFloat32(i, abs ? Math.abs(x) : 1.f / (float) Math.sqrt(x));
                }
            };
        }
        boolean int16 = type == TensorType.INT16;
        if (int16 && !in.tensor().isQuantized()) {
            ctx.check(abs, "RSQRT needs a quantized INT16 input");
            return () -> {
                for (int i = 0; i < n; i++) {
                    out.setInt16(i, Math.abs(in.getInt16(i)));
                }
            };
        }
        ctx.ensureEq(in.tensor().isQuantized() ? 1 : 0, 1, "input->quantization.type", "kTfLiteAffineQuantization");
        ctx.ensureEq(out.tensor().isQuantized() ? 1 : 0, 1, "output->quantization.type",
                "kTfLiteAffineQuantization");
        int inputOffset = in.zeroPoint();
        int outputOffset = out.zeroPoint();
        if (int16) {
            ctx.ensureEq(inputOffset, 0, "op_data->input_offset", "0");
            ctx.ensureEq(outputOffset, 0, "op_data->output_offset", "0");
        }
        int min = int16 ? Short.MIN_VALUE : Byte.MIN_VALUE;
        int max = int16 ? Short.MAX_VALUE : Byte.MAX_VALUE;
        boolean needsRescale = in.scale() != out.scale();
        // SetAbsOutputMultiplier divides the scales in float, then widens (a double division rounds ties otherwise)
        long q = abs ? (needsRescale ? FixedPoint.quantizeMultiplier((double) (in.scale() / out.scale())) : 0)
                : FixedPoint.quantizeMultiplier(1.0 / (Math.sqrt(in.scale()) * (double) out.scale()));
        int multiplier = FixedPoint.multiplierOf(q);
        int shift = FixedPoint.shiftOf(q);
        if (abs) {
            return () -> {
                for (int i = 0; i < n; i++) {
                    int value = Math.abs((int16 ? in.getInt16(i) : in.getInt8(i)) - inputOffset);
                    int result = needsRescale
                            ? FixedPoint.multiplyByQuantizedMultiplier(value, multiplier, shift) + outputOffset
                            : value + outputOffset;
                    store(out, int16, i, Math.max(min, Math.min(max, result)));
                }
            };
        }
        KernelException negative = ctx.evalFailure("Rsqrt is only defined for positive values");
        return () -> {
            for (int i = 0; i < n; i++) {
                int raw = int16 ? in.getInt16(i) : in.getInt8(i);
                if (raw < inputOffset) {
                    throw negative;
                }
                store(out, int16, i, Math.max(min, Math.min(max,
                        rsqrt(raw - inputOffset, multiplier, shift, outputOffset, max))));
            }
        };
    }

    private static int rsqrt(int value, int multiplier, int shift, int outputOffset, int max) {
        if (value == 0) {
            // TFLM: a value at the zero point stands for the largest output.
            return max;
        }
        long invSqrt = FixedPointMath.invSqrtQuantizedMultiplierExp(value);
        int data = FixedPoint.multiplyByQuantizedMultiplier(1, FixedPoint.multiplierOf(invSqrt),
                FixedPoint.shiftOf(invSqrt) + RSQRT_SHIFT);
        return FixedPoint.multiplyByQuantizedMultiplier(data, multiplier, shift - RSQRT_SHIFT) + outputOffset;
    }

    private static void store(TensorData out, boolean int16, int i, int v) {
        if (int16) {
            out.setInt16(i, v);
        } else {
            out.setInt8(i, v);
        }
    }
}
