package dev.tflmstudio.runtime.kernels.math;

import dev.tflmstudio.runtime.kernels.Broadcast;
import dev.tflmstudio.runtime.kernels.Kernel;
import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.TensorData;
import dev.tflmstudio.runtime.model.TensorType;

/** LOGICAL_AND, LOGICAL_OR (broadcasting) and LOGICAL_NOT on BOOL tensors (TFLM {@code logical.cc}, elementwise.cc). */
final class Logical {
    private Logical() {
    }

    static Kernel and() {
        return ctx -> binary(ctx, true);
    }

    static Kernel or() {
        return ctx -> binary(ctx, false);
    }

    private static PreparedOp binary(OpContext ctx, boolean and) throws KernelException {
        TensorData in1 = ctx.requireInput(0);
        TensorData in2 = ctx.requireInput(1);
        TensorData out = ctx.output(0);
        // TFLM checks no type: it reads every tensor as bool[] (byte i is element i) and its out-of-line
        // LogicalAnd/LogicalOr(bool, bool) compile to a bitwise and/or of those bytes, so non-bool tensors get the
        // bytes' and/or. For BOOL tensors (0 or 1) that is the logical result.
        Broadcast walk = Broadcast.checked(ctx, out, in1, in2);
        return walk.eachRow((o, i1, step1, i2, step2, len) -> {
            for (int k = 0; k < len; k++) {
                int a = in1.getInt8(step1 == 0 ? i1 : i1 + k);
                int b = in2.getInt8(step2 == 0 ? i2 : i2 + k);
                out.setInt8(o + k, and ? a & b : a | b);
            }
        });
    }

    static PreparedOp not(OpContext ctx) throws KernelException {
        TensorData in = ctx.requireInput(0);
        TensorData out = ctx.output(0);
        ctx.ensureEq(ctx.inputCount(), 1, "NumInputs(node)", "1");
        ctx.ensureEq(ctx.outputCount(), 1, "NumOutputs(node)", "1");
        ctx.ensureTypesEq(in.type(), out.type(), "input->type", "output->type");
        if (in.type() != TensorType.BOOL) {
            // elementwise.cc's type check in Prepare never fires; Eval ensures the type
            return ctx.refuseAtInvoke("input->type != expected_type (" + in.type() + " != BOOL)");
        }
        int n = in.elementCount();
        return () -> {
            for (int i = 0; i < n; i++) {
                out.setBool(i, !in.getBool(i));
            }
        };
    }
}
