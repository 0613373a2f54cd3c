package dev.tflmstudio.runtime.kernels.core;

import dev.tflmstudio.runtime.kernels.ActivationRange;
import dev.tflmstudio.runtime.kernels.Broadcast;
import dev.tflmstudio.runtime.kernels.FixedPoint;
import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.TensorData;
import dev.tflmstudio.runtime.model.TensorType;

/** MUL (micro/kernels/mul.cc) with broadcasting: float32, int32, int8 and int16 (one output multiplier). */
public final class Mul {
    private Mul() {
    }

    public static PreparedOp prepare(OpContext ctx) throws KernelException {
        TensorData a = ctx.requireInput(0);
        TensorData b = ctx.requireInput(1);
        TensorData out = ctx.output(0);
        ctx.check(a.type() == b.type(), "input types " + a.type() + " and " + b.type() + " differ");
        Broadcast walk = Broadcast.needed(a.dims(), b.dims(), out.dims())
                ? Broadcast.of(out.dims(), a.dims(), b.dims()) : Broadcast.flat(out.elementCount(), 2);
        String act = ActivationRange.of(ctx);
        switch (a.type()) {
            case FLOAT32 -> {
                float[] r = ActivationRange.forFloat(act);
                return walk.eachRow((o, ia, stepA, ib, stepB, len) -> {
                    for (int k = 0; k < len; k++) {
                        float x = a.getFloat32(stepA == 0 ? ia : ia + k);
                        float y = b.getFloat32(stepB == 0 ? ib : ib + k);
                        out.setFloat32(o + k, ActivationRange.clamp(x * y, r[0], r[1]));
                    }
                });
            }
            case INT32 -> {
                int[] r = AddSub.int32Range(act);
                return walk.eachRow((o, ia, stepA, ib, stepB, len) -> {
                    for (int k = 0; k < len; k++) {
                        int v = a.getInt32(stepA == 0 ? ia : ia + k) * b.getInt32(stepB == 0 ? ib : ib + k);
                        out.setInt32(o + k, Math.min(Math.max(v, r[0]), r[1]));
                    }
                });
            }
            case INT8, INT16 -> {
                ctx.check(out.type() == a.type(), "output type " + out.type() + " differs from the inputs");
                boolean int16 = a.type() == TensorType.INT16;
                if (int16) {
                    ctx.ensureEq(a.zeroPoint(), 0, "data->input1_zero_point", "0");
                    ctx.ensureEq(b.zeroPoint(), 0, "data->input2_zero_point", "0");
                    ctx.ensureEq(out.zeroPoint(), 0, "data->output_zero_point", "0");
                }
                long q = FixedPoint.quantizeMultiplier((double) a.scale() * (double) b.scale() / (double) out.scale());
                int m = FixedPoint.multiplierOf(q);
                int s = FixedPoint.shiftOf(q);
                int offA = -a.zeroPoint();
                int offB = -b.zeroPoint();
                int offOut = out.zeroPoint();
                int[] r = ActivationRange.forQuantized(act, out);
                return walk.eachRow((o, ia, stepA, ib, stepB, len) -> {
                    for (int k = 0; k < len; k++) {
                        int ja = stepA == 0 ? ia : ia + k;
                        int jb = stepB == 0 ? ib : ib + k;
                        int x = offA + (int16 ? a.getInt16(ja) : a.getInt8(ja));
                        int y = offB + (int16 ? b.getInt16(jb) : b.getInt8(jb));
                        int v = offOut + FixedPoint.multiplyByQuantizedMultiplier(x * y, m, s);
                        v = Math.min(r[1], Math.max(r[0], v));
                        if (int16) {
                            out.setInt16(o + k, v);
                        } else {
                            out.setInt8(o + k, v);
                        }
                    }
                });
            }
            default -> {
                return ctx.refuseAtInvoke("Type " + OpContext.typeAndCode(a.type()) + " not supported.");
            }
        }
    }
}
