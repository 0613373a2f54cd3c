package dev.tflmstudio.runtime.kernels.math;

import dev.tflmstudio.runtime.kernels.FixedPoint;
import dev.tflmstudio.runtime.kernels.Kernel;
import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.LibmFloat;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.TensorData;
import dev.tflmstudio.runtime.model.TensorType;

/**
 * LOGISTIC and TANH (TFLM {@code logistic.cc}, {@code tanh.cc}).
 * <ul>
 * <li>FLOAT32: LOGISTIC is {@code 1/(1+expf(-x))} with TFLM's cutoffs (1 above 16.619..., {@code expf(x)} below
 * -9); TANH is glibc's {@code tanhf}.</li>
 * <li>INT8: the input is rescaled to Q4.27 and run through gemmlowp's fixed-point logistic / tanh; inputs beyond
 * the input radius saturate. LOGISTIC requires output zero point -128.</li>
 * <li>INT16: zero points 0, output scale 2^-15; the input is rescaled to 1/(3*4096) units and the shared
 * sigmoid table is interpolated.</li>
 * </ul>
 */
final class SigmoidTanh {
    private static final float CUTOFF_UPPER = 16.619047164916992188f;
    private static final float CUTOFF_LOWER = -9.f;

    private SigmoidTanh() {
    }

    static Kernel kernel(boolean tanh) {
        return ctx -> prepare(ctx, tanh);
    }

    private static PreparedOp prepare(OpContext ctx, boolean tanh) throws KernelException {
        TensorData in = ctx.requireInput(0);
        TensorData out = ctx.output(0);
        if (tanh) {
            ctx.ensureEq(ctx.inputCount(), 1, "NumInputs(node)", "1");
            ctx.ensureEq(ctx.outputCount(), 1, "NumOutputs(node)", "1");
        }
        ctx.ensureTypesEq(in.type(), out.type(), "input->type", "output->type");
        int n = in.elementCount();
        switch (in.type()) {
            case FLOAT32:
                return () -> {
                    for (int i = 0; i < n; i++) {
                        float v = in.getFloat32(i);
                        out.setFloat32(i, tanh ? LibmFloat.tanh(v) : logistic(v));
                    }
                };
            case INT8:
                return int8(ctx, in, out, tanh);
            case INT16:
                return int16(ctx, in, out, tanh);
            default:
                KernelException e = ctx.evalFailure("Input " + in.type() + ", output " + out.type()
                        + " not supported.");
                return () -> {
                    throw e;
                };
        }
    }

    static float logistic(float v) {
        if (v > CUTOFF_UPPER) {
            return 1.0f;
        }
        if (v < CUTOFF_LOWER) {
            return LibmFloat.exp(v);
        }
        return 1.f / (1.f + LibmFloat.exp(-v));
    }

    private static PreparedOp int8(OpContext ctx, TensorData in, TensorData out, boolean tanh)
            throws KernelException {
        if (!tanh) {
            ctx.ensureEq(out.zeroPoint(), -128, "output->params.zero_point", "std::numeric_limits<int8_t>::min()");
        }
        final int inputIntegerBits = 4;
        double real = (double) in.scale() * (double) (1 << (31 - inputIntegerBits));
        // frexp, then round(q * 2^31): a multiplier with its left shift, as TFLM's Prepare computes it.
        int shift = Math.getExponent(real) + 1;
        double q = real / Math.scalb(1.0, shift);
        int multiplier = (int) FixedPoint.roundHalfAwayFromZero(q * (1L << 31));
        int radius = FixedPointMath.inputRadius(inputIntegerBits, shift, 31);
        int zeroPoint = in.zeroPoint();
        int n = in.elementCount();
        return () -> {
            for (int i = 0; i < n; i++) {
                int x = in.getInt8(i) - zeroPoint;
                int r;
                if (x <= -radius) {
                    r = -128;
                } else if (x >= radius) {
                    r = 127;
                } else {
                    int q4 = FixedPoint.multiplyByQuantizedMultiplier(x, multiplier, shift);
                    if (tanh) {
                        r = FixedPoint.roundingDivideByPOT(FixedPoint.tanh(q4, inputIntegerBits), 24);
                    } else {
                        r = FixedPoint.roundingDivideByPOT(FixedPoint.logistic(q4, inputIntegerBits), 23) - 128;
                    }
                    r = FixedPoint.clampInt8(r);
                }
                out.setInt8(i, r);
            }
        };
    }

    private static PreparedOp int16(OpContext ctx, TensorData in, TensorData out, boolean tanh)
            throws KernelException {
        ctx.ensureEq(in.zeroPoint(), 0, "input->params.zero_point", "0");
        ctx.ensureEq(out.zeroPoint(), 0, "output->params.zero_point", "0");
        final int inputIntegerBits = 3;
        int leftShift = (15 - inputIntegerBits) + FixedPointMath.roundedLog2(in.scale());
        boolean pot = FixedPointMath.isPowerOfTwo(in.scale()) && (leftShift == 0 || (tanh && leftShift == 1));
        int multiplier;
        if (pot) {
            multiplier = 0;
        } else {
            // Rescale the input to 1/(3*4096) units, as the table lookup needs.
            double m = (double) in.scale() * 4096.0 * 3.0;
            leftShift = 0;
            while (m <= 32767.0 / 2.0 && leftShift <= 30) {
                leftShift++;
                m *= 2.0;
            }
            multiplier = (int) m;
        }
        ctx.ensure(FixedPointMath.isPowerOfTwo(out.scale()),
                "CheckedLog2(output->params.scale, &output_scale_log2_rounded)");
        ctx.ensureEq(FixedPointMath.roundedLog2(out.scale()), -15, "output_scale_log2_rounded", "-kOutputFractionalBits");
        if (multiplier == 0) {
            multiplier = 3 << leftShift;
            leftShift = 0;
        }
        final int mult = multiplier;
        final int shift = leftShift;
        final int round = shift > 0 ? 1 << (shift - 1) : 0;
        int[] table = SigmoidTable.VALUES;
        int n = in.elementCount();
        return () -> {
            for (int i = 0; i < n; i++) {
                int x = (in.getInt16(i) * mult + round) >> shift;
                int abs = Math.abs(x);
                int r;
                if (tanh) {
                    int uh = abs >>> 8;
                    if (uh >= 255) {
                        r = 0xFFFF << 8;
                    } else {
                        int ua = table[uh];
                        int ub = table[uh + 1];
                        r = (ua << 8) + (abs & 0xFF) * (ub - ua);
                    }
                    r = x >= 0 ? r - (1 << 23) + (1 << 7) : -r + (1 << 23) + (1 << 7) - 1;
                    r >>= 8;
                } else {
                    int uh = abs >>> 9;
                    if (uh >= 255) {
                        r = 0x7FFF << 10;
                    } else {
                        int ua = table[uh];
                        int ub = table[uh + 1];
                        r = (ua << 9) + (abs & 0x1ff) * (ub - ua);
                    }
                    r = x >= 0 ? r + (1 << 9) : (1 << 25) - r + (1 << 9) - 1;
                    r >>>= 10;
                }
                out.setInt16(i, r);
            }
        };
    }
}
