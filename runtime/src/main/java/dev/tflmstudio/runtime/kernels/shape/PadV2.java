package dev.tflmstudio.runtime.kernels.shape;

import static dev.tflmstudio.runtime.model.TensorType.FLOAT32;
import static dev.tflmstudio.runtime.model.TensorType.INT16;
import static dev.tflmstudio.runtime.model.TensorType.INT32;
import static dev.tflmstudio.runtime.model.TensorType.INT8;

import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.TensorData;

/**
 * PADV2 (TFLM's {@code pad.cc}): pads with the constant-values operand, or with 0 (the output zero point for int8)
 * when it is absent. Like TFLM, the paddings are read as int32 whatever their declared type, and Prepare checks the
 * output shape they give; at most 5 dimensions.
 */
final class PadV2 {
    private static final int MAX_RANK = 5;

    private PadV2() {
    }

    static PreparedOp prepare(OpContext ctx) throws KernelException {
        ctx.check(ctx.outputCount() == 1, "expects 1 output");
        TensorData input = ctx.requireInput(0);
        TensorData paddingsTensor = ctx.requireInput(1);
        TensorData constant = ctx.input(2);
        TensorData output = ctx.output(0);
        TensorBytes.requireSameType(ctx, input, output);
        int rank = input.rank();
        ctx.check(rank <= MAX_RANK, "at most " + MAX_RANK + " dimensions are supported");
        ctx.check(paddingsTensor.isConstant(), "paddings must be constant");
        ctx.check(paddingsTensor.rank() == 2 && paddingsTensor.dim(0) == rank && paddingsTensor.dim(1) == 2,
                "paddings shape " + paddingsTensor.shape() + " does not fit a rank-" + rank + " input");
        int[] paddings = IntOperand.asInt32(ctx, paddingsTensor).values();
        // TFLM walks the output's dimensions with the input's: a different rank reads past one of them
        ctx.check(output.rank() == rank, "output rank " + output.rank() + " differs from the input's " + rank);
        int[] before = new int[rank];
        for (int d = 0; d < rank; d++) {
            before[d] = paddings[2 * d];
            ctx.ensureEq(output.dim(d), input.dim(d) + paddings[2 * d] + paddings[2 * d + 1], "output_dim",
                    "expected_dim");
        }
        int width = TensorBytes.elementSize(ctx, output);
        byte[] padValue = new byte[width];
        if (constant != null) {
            TensorBytes.requireSameType(ctx, constant, output);
            ctx.check(constant.elementCount() == 1, "constant_values must hold one value");
            if (output.type() == INT8) {
                ctx.check(constant.zeroPoint() == output.zeroPoint() && constant.scale() == output.scale(),
                        "constant_values must share the output's quantization");
            }
        } else if (output.type() == INT8) {
            ctx.check(output.zeroPoint() >= Byte.MIN_VALUE && output.zeroPoint() <= Byte.MAX_VALUE,
                    "output zero point is outside the int8 range");
            padValue[0] = (byte) output.zeroPoint();
        }
        if (!TensorBytes.isOneOf(output, FLOAT32, INT8, INT16, INT32)) {
            return Refusals.atInvoke(ctx, "Type " + output.type() + " not currently supported by Pad.");
        }
        int[] inDims = input.dims();
        int[] outDims = output.dims();
        int[] inStrides = Strides.of(inDims);
        int[] index = new int[rank];
        int count = output.elementCount();
        return () -> {
            if (constant != null) {
                TensorBytes.readElement(constant, 0, padValue);
            }
            java.util.Arrays.fill(index, 0);
            for (int o = 0; o < count; o++) {
                int from = 0;
                boolean inside = true;
                for (int d = 0; d < rank; d++) {
                    int c = index[d] - before[d];
                    if (c < 0 || c >= inDims[d]) {
                        inside = false;
                        break;
                    }
                    from += c * inStrides[d];
                }
                if (inside) {
                    TensorBytes.copy(input, from * width, output, o * width, width);
                } else {
                    TensorBytes.fill(output, o * width, 1, padValue);
                }
                Strides.next(index, outDims);
            }
        };
    }
}
