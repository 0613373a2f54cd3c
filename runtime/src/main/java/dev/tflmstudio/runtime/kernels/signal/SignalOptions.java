package dev.tflmstudio.runtime.kernels.signal;

import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.TensorData;
import dev.tflmstudio.runtime.model.TensorType;

/** Reading a Signal op's FlexBuffers options and checking its tensors. */
final class SignalOptions {
    private SignalOptions() {
    }

    /** An integer option; a missing one is an error (TFLM would read garbage). */
    static int integer(OpContext ctx, String name) throws KernelException {
        Object v = ctx.customOptions().fields().get(name);
        if (v instanceof Number n) {
            return n.intValue();
        }
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        throw ctx.fail("custom option '" + name + "' is missing");
    }

    static boolean bool(OpContext ctx, String name) throws KernelException {
        return integer(ctx, name) != 0;
    }

    static void requireType(OpContext ctx, TensorData t, String role, TensorType type) throws KernelException {
        ctx.check(t.type() == type, role + " type " + t.type() + " is not " + type);
    }

    static void requireRank(OpContext ctx, TensorData t, String role, int rank) throws KernelException {
        ctx.check(t.rank() == rank, role + " must have rank " + rank + ", has " + t.rank());
    }

    static void requireCounts(OpContext ctx, int inputs, int outputs) throws KernelException {
        ctx.check(ctx.inputCount() == inputs && ctx.outputCount() == outputs,
                "expects " + inputs + " inputs and " + outputs + " outputs");
    }
}
