package dev.tflmstudio.runtime.kernels.math;

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
        int[] mapC = Broadcast.indexMap(ctx, cond, out);
        int[] mapX = Broadcast.indexMap(ctx, x, out);
        int[] mapY = Broadcast.indexMap(ctx, y, out);
        int n = out.elementCount();
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
        return () -> {
            for (int i = 0; i < n; i++) {
                boolean c = cond.getBool(Broadcast.at(mapC, i));
                TensorData src = c ? x : y;
                int j = Broadcast.at(c ? mapX : mapY, i);
                switch (width) {
                    case 4 -> out.setInt32(i, src.getInt32(j));
                    case 2 -> out.setInt16(i, src.getInt16(j));
                    default -> out.setInt8(i, src.getInt8(j));
                }
            }
        };
    }
}
