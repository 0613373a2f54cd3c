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
        int n = out.elementCount();
        boolean broadcast = Broadcast.needed(a.dims(), b.dims(), out.dims());
        int[] mapA = broadcast ? Broadcast.indexMap(a.dims(), out.dims()) : null;
        int[] mapB = broadcast ? Broadcast.indexMap(b.dims(), out.dims()) : null;
        String act = ActivationRange.of(ctx);
        switch (a.type()) {
            case FLOAT32 -> {
                float[] r = ActivationRange.forFloat(act);
                return () -> {
                    for (int i = 0; i < n; i++) {
                        float x = a.getFloat32(mapA == null ? i : mapA[i]);
                        float y = b.getFloat32(mapB == null ? i : mapB[i]);
                        out.setFloat32(i, ActivationRange.clamp(x * y, r[0], r[1]));
                    }
                };
            }
            case INT32 -> {
                int[] r = AddSub.int32Range(act);
                return () -> {
                    for (int i = 0; i < n; i++) {
                        int v = a.getInt32(mapA == null ? i : mapA[i]) * b.getInt32(mapB == null ? i : mapB[i]);
                        out.setInt32(i, Math.min(Math.max(v, r[0]), r[1]));
                    }
                };
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
                return () -> {
                    for (int i = 0; i < n; i++) {
                        int ia = mapA == null ? i : mapA[i];
                        int ib = mapB == null ? i : mapB[i];
                        int x = offA + (int16 ? a.getInt16(ia) : a.getInt8(ia));
                        int y = offB + (int16 ? b.getInt16(ib) : b.getInt8(ib));
                        int v = offOut + FixedPoint.multiplyByQuantizedMultiplier(x * y, m, s);
                        v = Math.min(r[1], Math.max(r[0], v));
                        if (int16) {
                            out.setInt16(i, v);
                        } else {
                            out.setInt8(i, v);
                        }
                    }
                };
            }
            default -> {
                return ctx.refuseAtInvoke("Type " + OpContext.typeAndCode(a.type()) + " not supported.");
            }
        }
    }
}
