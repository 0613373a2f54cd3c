package dev.tflmstudio.runtime.kernels.shape;

import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;

/** Ops TFLM prepares but refuses in Eval (its eval switch has no case for the type). */
final class Refusals {
    private Refusals() {
    }

    /** A prepared op whose every eval fails with {@code detail}, as TFLM's Eval returning kTfLiteError. */
    static PreparedOp atInvoke(OpContext ctx, String detail) {
        KernelException failure = ctx.evalFailure(detail);
        return () -> {
            throw failure;
        };
    }
}
