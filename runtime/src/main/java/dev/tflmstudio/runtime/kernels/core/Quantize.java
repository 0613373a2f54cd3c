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
        ctx.ensureEq(ctx.inputCount(), 1, "NumInputs(node)", "1");
        ctx.ensureEq(ctx.outputCount(), 1, "NumOutputs(node)", "1");
        boolean affine = out.quantization() != null && out.quantization().isQuantized();
        ctx.ensureEq(affine ? 1 : 0, 1, "output->quantization.type", "kTfLiteAffineQuantization");
        ctx.ensure(out.quantization().scales().size() == 1, "affine_quantization->scale->size == 1");
        TensorType ti = in.type();
        TensorType to = out.type();
        ctx.ensure(ti == TensorType.FLOAT32 || ti == TensorType.INT32 || ti == TensorType.INT16
                || ti == TensorType.INT8 || ti == TensorType.UINT8, "input->type == kTfLiteFloat32 || input->type "
                + "== kTfLiteInt32 || input->type == kTfLiteInt16 || input->type == kTfLiteInt8 || input->type == "
                + "kTfLiteUInt8");
        ctx.ensure(to == TensorType.INT8 || to == TensorType.INT16 || to == TensorType.INT32 || to == TensorType.UINT8,
                "output->type == kTfLiteInt8 || output->type == kTfLiteInt16 || output->type == kTfLiteInt32 || "
                + "output->type == kTfLiteUInt8");
        if (!evaluates(ti, to)) {
            return ctx.refuseAtInvoke("Input " + ti + ", output " + to + " not supported.");
        }
        int n = out.elementCount();
        int zp = out.zeroPoint();
        int[] range = range(out.type());
        if (in.type() == TensorType.FLOAT32) {
            // AffineQuantize divides in float: TfLiteRound(val / static_cast<float>(scale))
            float scale = out.scale();
            return () -> {
                for (int i = 0; i < n; i++) {
                    float r = FixedPoint.roundf(in.getFloat32(i) / scale);
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

    /** The input/output pairs TFLM's Eval handles. */
    private static boolean evaluates(TensorType in, TensorType out) {
        return switch (in) {
            case FLOAT32, INT32 -> out == TensorType.INT8 || out == TensorType.INT16;
            case INT16 -> out == TensorType.INT8 || out == TensorType.INT16 || out == TensorType.INT32;
            case INT8 -> true;
            case UINT8 -> out == TensorType.INT8;
            default -> false;
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
