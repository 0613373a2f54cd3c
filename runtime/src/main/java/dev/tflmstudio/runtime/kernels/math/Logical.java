package dev.tflmstudio.runtime.kernels.math;

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
        for (TensorData t : new TensorData[] {in1, in2, out}) {
            ctx.check(t.type() == TensorType.BOOL, "tensor " + t.index() + " must be BOOL, got " + t.type());
        }
        int[] map1 = Broadcast.indexMap(ctx, in1, out);
        int[] map2 = Broadcast.indexMap(ctx, in2, out);
        int n = out.elementCount();
        return () -> {
            for (int i = 0; i < n; i++) {
                boolean a = in1.getBool(Broadcast.at(map1, i));
                boolean b = in2.getBool(Broadcast.at(map2, i));
                out.setBool(i, and ? a && b : a || b);
            }
        };
    }

    static PreparedOp not(OpContext ctx) throws KernelException {
        TensorData in = ctx.requireInput(0);
        TensorData out = ctx.output(0);
        ctx.check(in.type() == out.type(), "input type " + in.type() + " differs from output type " + out.type());
        ctx.check(in.type() == TensorType.BOOL,
                "Input data type " + in.type() + " (" + in.type().code() + ") is not supported.");
        int n = in.elementCount();
        return () -> {
            for (int i = 0; i < n; i++) {
                out.setBool(i, !in.getBool(i));
            }
        };
    }
}
