package dev.tflmstudio.runtime.kernels.shape;

import static dev.tflmstudio.runtime.model.TensorType.BOOL;
import static dev.tflmstudio.runtime.model.TensorType.FLOAT32;
import static dev.tflmstudio.runtime.model.TensorType.INT16;
import static dev.tflmstudio.runtime.model.TensorType.INT32;
import static dev.tflmstudio.runtime.model.TensorType.INT64;
import static dev.tflmstudio.runtime.model.TensorType.INT8;

import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.TensorData;

/**
 * CONCATENATION: TFLM's {@code reference_ops::Concatenation}, a plain copy for every type (int8 inputs are not
 * requantized). At most 10 inputs of rank 4 or less, no fused activation.
 */
final class Concatenation {
    private static final int MAX_INPUTS = 10;

    private Concatenation() {
    }

    static PreparedOp prepare(OpContext ctx) throws KernelException {
        TensorData output = ctx.output(0);
        TensorData first = ctx.requireInput(0);
        ctx.check("NONE".equals(ctx.options().getString("fused_activation_function", "NONE")),
                "fused activation is not supported");
        TensorBytes.requireType(ctx, first, "input", FLOAT32, INT8, INT16, INT32, INT64, BOOL);
        TensorBytes.requireSameType(ctx, first, output);
        int n = ctx.inputCount();
        ctx.check(n <= MAX_INPUTS, n + " inputs; at most " + MAX_INPUTS + " are supported");
        TensorData[] inputs = new TensorData[n];
        for (int i = 0; i < n; i++) {
            inputs[i] = ctx.requireInput(i);
            ctx.check(inputs[i].rank() <= 4,
                    "Op Concatenation does not currently support num dimensions >4 Tensor has "
                            + inputs[i].rank() + " dimensions.");
        }
        int axis = ctx.options().getInt("axis", 0);
        if (axis < 0) {
            axis += output.rank();
        }
        ctx.check(axis >= 0 && axis < output.rank(), "axis " + axis + " is out of range");
        int width = TensorBytes.elementSize(ctx, output);
        int outer = Strides.product(output.dims(), 0, axis);
        int[] blockBytes = new int[n];
        int total = 0;
        for (int i = 0; i < n; i++) {
            ctx.check(inputs[i].rank() == output.rank(), "input " + i + " rank differs from the output's");
            blockBytes[i] = Strides.product(inputs[i].dims(), axis, inputs[i].rank()) * width;
            total += blockBytes[i];
        }
        ctx.check((long) total * outer == output.byteLength(), "input shapes do not add up to the output shape");
        return () -> {
            int at = 0;
            for (int k = 0; k < outer; k++) {
                for (int i = 0; i < n; i++) {
                    TensorBytes.copy(inputs[i], k * blockBytes[i], output, at, blockBytes[i]);
                    at += blockBytes[i];
                }
            }
        };
    }
}
