package dev.tflmstudio.runtime.kernels.core;

import dev.tflmstudio.runtime.kernels.ActivationRange;
import dev.tflmstudio.runtime.kernels.Broadcast;
import dev.tflmstudio.runtime.kernels.FixedPoint;
import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.TensorData;
import dev.tflmstudio.runtime.model.TensorType;

/**
 * ADD and SUB (micro/kernels/add.cc, sub.cc) with broadcasting: float32, int32, and int8/int16 with TFLM's general
 * rescaling (inputs shifted left by 20 (int8) or 15 (int16), each scaled by scale / (2 * max input scale), summed,
 * then scaled to the output).
 */
public final class AddSub {
    private AddSub() {
    }

    public static PreparedOp prepareAdd(OpContext ctx) throws KernelException {
        return prepare(ctx, false);
    }

    public static PreparedOp prepareSub(OpContext ctx) throws KernelException {
        return prepare(ctx, true);
    }

    private static PreparedOp prepare(OpContext ctx, boolean sub) throws KernelException {
        TensorData a = ctx.requireInput(0);
        TensorData b = ctx.requireInput(1);
        TensorData out = ctx.output(0);
        ctx.check(a.type() == b.type() && a.type() == out.type(),
                "input types " + a.type() + ", " + b.type() + " and output type " + out.type() + " must match");
        Broadcast walk = Broadcast.needed(a.dims(), b.dims(), out.dims())
                ? Broadcast.of(out.dims(), a.dims(), b.dims()) : Broadcast.flat(out.elementCount(), 2);
        String act = ActivationRange.of(ctx);
        float sign = sub ? -1f : 1f;
        switch (out.type()) {
            case FLOAT32 -> {
                float[] r = ActivationRange.forFloat(act);
                return walk.eachRow((o, ia, stepA, ib, stepB, len) -> {
                    for (int k = 0; k < len; k++) {
                        float x = a.getFloat32(stepA == 0 ? ia : ia + k);
                        float y = b.getFloat32(stepB == 0 ? ib : ib + k);
                        out.setFloat32(o + k, ActivationRange.clamp(sub ? x - y : x + y, r[0], r[1]));
                    }
                });
            }
            case INT32 -> {
                // TFLM's ADD runs int32 with the full int32 range whatever the fused activation; SUB clamps
                int[] r = sub ? int32Range(act) : new int[] {Integer.MIN_VALUE, Integer.MAX_VALUE};
                return walk.eachRow((o, ia, stepA, ib, stepB, len) -> {
                    for (int k = 0; k < len; k++) {
                        int x = a.getInt32(stepA == 0 ? ia : ia + k);
                        int y = b.getInt32(stepB == 0 ? ib : ib + k);
                        int v = sub ? x - y : x + y;
                        out.setInt32(o + k, Math.min(Math.max(v, r[0]), r[1]));
                    }
                });
            }
            case INT8, INT16 -> {
                boolean int16 = out.type() == TensorType.INT16;
                int leftShift = int16 ? 15 : 20;
                long qa;
                long qb;
                long qo;
                if (sub) {
                    // sub_common.cc divides in float, add_common.cc in double
                    float twiceMaxF = 2 * Math.max(a.scale(), b.scale());
                    qa = FixedPoint.quantizeMultiplier(a.scale() / twiceMaxF);
                    qb = FixedPoint.quantizeMultiplier(b.scale() / twiceMaxF);
                    qo = FixedPoint.quantizeMultiplier(twiceMaxF / ((1 << leftShift) * out.scale()));
                } else {
                    double twiceMax = 2 * (double) Math.max(a.scale(), b.scale());
                    qa = FixedPoint.quantizeMultiplier((double) a.scale() / twiceMax);
                    qb = FixedPoint.quantizeMultiplier((double) b.scale() / twiceMax);
                    qo = FixedPoint.quantizeMultiplier(twiceMax / ((1 << leftShift) * (double) out.scale()));
                }
                int ma = FixedPoint.multiplierOf(qa);
                int sa = FixedPoint.shiftOf(qa);
                int mb = FixedPoint.multiplierOf(qb);
                int sb = FixedPoint.shiftOf(qb);
                int mo = FixedPoint.multiplierOf(qo);
                int so = FixedPoint.shiftOf(qo);
                int offA = -a.zeroPoint();
                int offB = -b.zeroPoint();
                int offOut = out.zeroPoint();
                int[] r = ActivationRange.forQuantized(act, out);
                if (!int16) {
                    // an int8 input has 256 values: rescale each once here, not once per element in eval
                    int[] scaledA = new int[256];
                    int[] scaledB = new int[256];
                    for (int v = -128; v < 128; v++) {
                        scaledA[v & 0xFF] = FixedPoint.multiplyByQuantizedMultiplierSmallerThanOneExp(
                                (offA + v) << leftShift, ma, sa);
                        scaledB[v & 0xFF] = FixedPoint.multiplyByQuantizedMultiplierSmallerThanOneExp(
                                (offB + v) << leftShift, mb, sb);
                    }
                    return walk.eachRow((o, ia, stepA, ib, stepB, len) -> {
                        for (int k = 0; k < len; k++) {
                            int sx = scaledA[a.getInt8(stepA == 0 ? ia : ia + k) & 0xFF];
                            int sy = scaledB[b.getInt8(stepB == 0 ? ib : ib + k) & 0xFF];
                            int raw = sub ? sx - sy : sx + sy;
                            int v = FixedPoint.multiplyByQuantizedMultiplierSmallerThanOneExp(raw, mo, so) + offOut;
                            out.setInt8(o + k, Math.min(r[1], Math.max(r[0], v)));
                        }
                    });
                }
                return walk.eachRow((o, ia, stepA, ib, stepB, len) -> {
                    for (int k = 0; k < len; k++) {
                        int x = offA + a.getInt16(stepA == 0 ? ia : ia + k);
                        int y = offB + b.getInt16(stepB == 0 ? ib : ib + k);
                        int sx = FixedPoint.multiplyByQuantizedMultiplierSmallerThanOneExp(x << leftShift, ma, sa);
                        int sy = FixedPoint.multiplyByQuantizedMultiplierSmallerThanOneExp(y << leftShift, mb, sb);
                        int raw = sub ? sx - sy : sx + sy;
                        int v = FixedPoint.multiplyByQuantizedMultiplierSmallerThanOneExp(raw, mo, so) + offOut;
                        out.setInt16(o + k, Math.min(r[1], Math.max(r[0], v)));
                    }
                });
            }
            default -> {
                return ctx.refuseAtInvoke("Type " + OpContext.typeAndCode(out.type()) + " not supported.");
            }
        }
    }

    /** {@code CalculateActivationRange} for int32 outputs. */
    static int[] int32Range(String act) {
        return switch (act) {
            case "RELU" -> new int[] {0, Integer.MAX_VALUE};
            case "RELU6" -> new int[] {0, 6};
            case "RELU_N1_TO_1" -> new int[] {-1, 1};
            default -> new int[] {Integer.MIN_VALUE, Integer.MAX_VALUE};
        };
    }
}
