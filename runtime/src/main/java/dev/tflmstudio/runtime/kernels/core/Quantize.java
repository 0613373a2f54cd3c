package dev.tflmstudio.runtime.kernels.core;

import dev.tflmstudio.runtime.kernels.FixedPoint;
import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.TensorData;
import dev.tflmstudio.runtime.model.TensorType;

/**
 * QUANTIZE (micro/kernels/quantize_common.cc): float32 to int8/uint8/int16 ({@code AffineQuantize}: value / scale
 * in double, rounded half away from zero) and integer requantization between int8, int16 and int32
 * ({@code Requantize}).
 */
public final class Quantize {
    private Quantize() {
    }

    public static PreparedOp prepare(OpContext ctx) throws KernelException {
        TensorData in = ctx.requireInput(0);
        TensorData out = ctx.output(0);
        ctx.check(out.quantization() != null && out.quantization().isQuantized(), "output is not quantized");
        int n = out.elementCount();
        int zp = out.zeroPoint();
        int[] range = range(out.type());
        ctx.check(range != null, "Output type " + out.type() + " not supported.");
        if (in.type() == TensorType.FLOAT32) {
            ctx.check(out.type() != TensorType.INT32, "Output type INT32 not supported for float input.");
            double scale = out.scale();
            return () -> {
                for (int i = 0; i < n; i++) {
                    double r = FixedPoint.roundHalfAwayFromZeroD(in.getFloat32(i) / scale);
                    int v = FixedPoint.cvttsd2si(r) + zp;
                    store(out, i, Math.min(Math.max(v, range[0]), range[1]));
                }
            };
        }
        ctx.check(in.type() == TensorType.INT8 || in.type() == TensorType.INT16 || in.type() == TensorType.INT32
                || in.type() == TensorType.UINT8, "Input type " + in.type() + " not supported.");
        long q = FixedPoint.quantizeMultiplier((double) in.scale() / (double) out.scale());
        int m = FixedPoint.multiplierOf(q);
        int s = FixedPoint.shiftOf(q);
        int inZp = in.zeroPoint();
        boolean flip = m == 1 << 30 && s == 1 && ((in.type() == TensorType.INT8 && out.type() == TensorType.UINT8
                && inZp - zp == -128) || (in.type() == TensorType.UINT8 && out.type() == TensorType.INT8
                && inZp - zp == 128));
        return () -> {
            for (int i = 0; i < n; i++) {
                int x = load(in, i);
                if (flip) {
                    store(out, i, (x ^ 0x80) & 0xFF);
                    continue;
                }
                int v = FixedPoint.multiplyByQuantizedMultiplier(x - inZp, m, s) + zp;
                store(out, i, Math.max(Math.min(v, range[1]), range[0]));
            }
        };
    }

    private static int[] range(TensorType t) {
        return switch (t) {
            case INT8 -> new int[] {-128, 127};
            case UINT8 -> new int[] {0, 255};
            case INT16 -> new int[] {-32768, 32767};
            case INT32 -> new int[] {Integer.MIN_VALUE, Integer.MAX_VALUE};
            default -> null;
        };
    }

    static int load(TensorData t, int i) {
        return switch (t.type()) {
            case INT8 -> t.getInt8(i);
            case UINT8 -> t.getUint8(i);
            case INT16 -> t.getInt16(i);
            default -> t.getInt32(i);
        };
    }

    private static void store(TensorData t, int i, int v) {
        switch (t.type()) {
            case INT8, UINT8 -> t.setInt8(i, v);
            case INT16 -> t.setInt16(i, v);
            default -> t.setInt32(i, v);
        }
    }
}
