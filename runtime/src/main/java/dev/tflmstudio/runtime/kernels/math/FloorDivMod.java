package dev.tflmstudio.runtime.kernels.math;

import dev.tflmstudio.runtime.kernels.Broadcast;
import dev.tflmstudio.runtime.kernels.Kernel;
import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.TensorData;
import dev.tflmstudio.runtime.model.TensorType;

/**
 * FLOOR_DIV and FLOOR_MOD with broadcasting (TFLM {@code floor_div.cc}, {@code floor_mod.cc}); TFLM's Eval handles
 * FLOAT32 only. FLOOR_DIV divides in double and floors ({@code std::floor(double(a) / double(b))}) and refuses a
 * zero anywhere in the divisor at invoke; FLOOR_MOD takes {@code fmod} and moves it to the divisor's sign.
 */
final class FloorDivMod {
    private FloorDivMod() {
    }

    static Kernel kernel(boolean div) {
        return ctx -> prepare(ctx, div);
    }

    private static PreparedOp prepare(OpContext ctx, boolean div) throws KernelException {
        TensorData in1 = ctx.requireInput(0);
        TensorData in2 = ctx.requireInput(1);
        TensorData out = ctx.output(0);
        ctx.check(in1.type() == in2.type() && in1.type() == out.type(),
                "types differ: " + in1.type() + ", " + in2.type() + " -> " + out.type());
        if (in1.type() != TensorType.FLOAT32) {
            KernelException e = ctx.evalFailure("Type '" + in1.type() + "' is not supported by "
                    + (div ? "FLOOR_DIV." : "FLOOR_MOD."));
            return () -> {
                throw e;
            };
        }
        Broadcast walk = Broadcast.checked(ctx, out, in1, in2);
        int divisors = in2.elementCount();
        KernelException divisionByZero = ctx.evalFailure("Division by 0");
        Broadcast.Row2 row = (o, i1, step1, i2, step2, len) -> {
            for (int k = 0; k < len; k++) {
                float a = in1.getFloat32(step1 == 0 ? i1 : i1 + k);
                float b = in2.getFloat32(step2 == 0 ? i2 : i2 + k);
                out.setFloat32(o + k, div ? floorDiv(a, b) : floorMod(a, b));
            }
        };
        return () -> {
            if (div) {
                for (int i = 0; i < divisors; i++) {
                    if (in2.getFloat32(i) == 0f) {
                        throw divisionByZero;
                    }
                }
            }
            walk.forEach(row);
        };
    }

    static float floorDiv(float a, float b) {
        return (float) Math.floor((double) a / (double) b);
    }

    static float floorMod(float a, float b) {
        float truncMod = a % b;
        return truncMod != 0 && ((b < 0) != (truncMod < 0)) ? truncMod + b : truncMod;
    }
}
