package dev.tflmstudio.runtime.kernels.math;

import dev.tflmstudio.runtime.kernels.Broadcast;
import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.TensorData;
import dev.tflmstudio.runtime.model.TensorType;

/**
 * SELECT_V2 (TFLM {@code select.cc}): {@code out = cond ? x : y} with all three broadcast to the output. TFLM's
 * Eval handles FLOAT32, INT8 and INT16 and refuses other types at invoke.
 */
final class SelectV2 {
    private SelectV2() {
    }

    static PreparedOp prepare(OpContext ctx) throws KernelException {
        ctx.check(ctx.inputCount() == 3, "expects 3 inputs, got " + ctx.inputCount());
        TensorData cond = ctx.requireInput(0);
        TensorData x = ctx.requireInput(1);
        TensorData y = ctx.requireInput(2);
        TensorData out = ctx.output(0);
        ctx.check(cond.type() == TensorType.BOOL, "condition type must be BOOL, got " + cond.type());
        ctx.check(x.type() == y.type(), "x type " + x.type() + " differs from y type " + y.type());
        Broadcast walk = Broadcast.checked(ctx, out, cond, x, y);
        int width = switch (x.type()) {
            case FLOAT32 -> 4;
            case INT16 -> 2;
            case INT8 -> 1;
            default -> 0;
        };
        if (width == 0) {
            KernelException e = ctx.evalFailure("Does not support type other than int8|int16|float32, but got "
                    + x.type());
            return () -> {
                throw e;
            };
        }
        return walk.eachRow((o, ic, stepC, ix, stepX, iy, stepY, len) -> {
            for (int k = 0; k < len; k++) {
                boolean c = cond.getBool(stepC == 0 ? ic : ic + k);
                TensorData src = c ? x : y;
                int j = c ? (stepX == 0 ? ix : ix + k) : (stepY == 0 ? iy : iy + k);
                switch (width) {
                    case 4 -> out.setInt32(o + k, src.getInt32(j));
                    case 2 -> out.setInt16(o + k, src.getInt16(j));
                    default -> out.setInt8(o + k, src.getInt8(j));
                }
            }
        });
    }
}
