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
 * CONCATENATION: TFLM's {@code reference_ops::Concatenation}, a plain copy for float32, int8, int16, int32, int64
 * and bool. int8 inputs are not requantized, so TFLM requires them to share the output's scale and zero point. At
 * most 10 inputs of rank 6 or less, no fused activation.
 */
final class Concatenation {
    private static final int MAX_INPUTS = 10;
    /** RuntimeShape::kMaxSmallSize. */
    private static final int MAX_RANK = 6;

    private Concatenation() {
    }

    static PreparedOp prepare(OpContext ctx) throws KernelException {
        TensorData output = ctx.output(0);
        TensorData first = ctx.requireInput(0);
        String act = ctx.options().getString("fused_activation_function", "NONE");
        ctx.ensureEq(java.util.List.of("NONE", "RELU", "RELU_N1_TO_1", "RELU6", "TANH", "SIGN_BIT").indexOf(act), 0,
                "params->activation", "kTfLiteActNone");
        ctx.ensure(TensorBytes.isOneOf(first, FLOAT32, INT8, INT16, INT32, INT64, BOOL), "input_type == kTfLiteFloat32 "
                + "|| input_type == kTfLiteInt8 || input_type == kTfLiteInt16 || input_type == kTfLiteInt32 "
                + "|| input_type == kTfLiteInt64 || input_type == kTfLiteBool");
        ctx.ensureEqTypeCodes(output.type(), first.type(), "output_type", "input_type");
        int n = ctx.inputCount();
        ctx.ensure(n <= MAX_INPUTS, "num_inputs <= kMaxInputNum");
        TensorData[] inputs = new TensorData[n];
        for (int i = 0; i < n; i++) {
            inputs[i] = ctx.requireInput(i);
            TensorBytes.requireSameType(ctx, first, inputs[i]);
            ctx.check(inputs[i].rank() <= MAX_RANK, "Op Concatenation does not currently support num dimensions > "
                    + MAX_RANK + " Tensor has " + inputs[i].rank() + " dimensions.");
            if (first.type() == INT8) {
                // TFLM's int8 kernel does not rescale: every input must share the output's quantization.
                if (inputs[i].scale() != output.scale()) {
                    throw ctx.fail("static_cast<double>(input->params.scale) != "
                            + "static_cast<double>(output_tensor->params.scale) (" + inputs[i].scale() + " != "
                            + output.scale() + ")");
                }
                ctx.ensureEq(inputs[i].zeroPoint(), output.zeroPoint(), "input->params.zero_point",
                        "output_tensor->params.zero_point");
            } else if (first.type() == INT16) {
                ctx.ensureEq(inputs[i].zeroPoint(), 0, "input->params.zero_point", "0");
            }
        }
        if (first.type() == INT16) {
            ctx.ensureEq(output.zeroPoint(), 0, "output_tensor->params.zero_point", "0");
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
