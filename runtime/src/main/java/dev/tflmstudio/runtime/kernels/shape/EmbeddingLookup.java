package dev.tflmstudio.runtime.kernels.shape;

import static dev.tflmstudio.runtime.model.TensorType.FLOAT32;
import static dev.tflmstudio.runtime.model.TensorType.INT32;
import static dev.tflmstudio.runtime.model.TensorType.INT8;

import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.TensorData;

/**
 * EMBEDDING_LOOKUP (TFLM's {@code embedding_lookup.cc}): copies the rows named by the int32 ids; an int8 table with
 * a float32 output is dequantized as {@code (q - 0) * scale} in float. An id outside the table fails at Invoke.
 */
final class EmbeddingLookup {
    private EmbeddingLookup() {
    }

    static PreparedOp prepare(OpContext ctx) throws KernelException {
        ctx.check(ctx.inputCount() == 2 && ctx.outputCount() == 1, "expects 2 inputs and 1 output");
        TensorData lookup = ctx.requireInput(0);
        TensorData value = ctx.requireInput(1);
        TensorData output = ctx.output(0);
        ctx.check(lookup.rank() == 1, "ids must be 1-D");
        TensorBytes.requireType(ctx, lookup, "ids", INT32);
        ctx.check(value.rank() >= 2, "the table must have rank >= 2");
        ctx.ensure(TensorBytes.isOneOf(value, FLOAT32, INT8), "value->type == kTfLiteFloat32 || value->type == "
                + "kTfLiteInt8");
        ctx.ensure(TensorBytes.isOneOf(output, FLOAT32, INT8), "output->type == kTfLiteFloat32 || output->type == "
                + "kTfLiteInt8");
        ctx.check(value.type() == INT8 || output.type() == FLOAT32, "output must be FLOAT32 for a FLOAT32 table");
        boolean hybrid = value.type() == INT8 && output.type() == FLOAT32;
        float scale = value.scale();
        if (hybrid) {
            ctx.check(value.zeroPoint() == 0, "table zero point must be 0");
        }
        IntOperand ids = IntOperand.of(ctx, lookup, "ids");
        int rows = value.dim(0);
        int columns = rows == 0 ? 0 : value.elementCount() / rows;
        int rowBytes = columns * value.type().tflmByteSize();
        ctx.check((long) lookup.dim(0) * columns == output.elementCount(), "output shape does not match");
        KernelException outOfRange = ctx.evalFailure("EMBEDDING_LOOKUP: index out of bounds, bounds are [0, "
                + (rows - 1) + "]");
        return () -> {
            if (rows == 0) {
                return;
            }
            int[] idx = ids.values();
            for (int i = 0; i < idx.length; i++) {
                int row = idx[i];
                if (row < 0 || row >= rows) {
                    throw outOfRange;
                }
                if (hybrid) {
                    for (int c = 0; c < columns; c++) {
                        output.setFloat32(i * columns + c, value.getInt8(row * columns + c) * scale);
                    }
                } else {
                    TensorBytes.copy(value, row * rowBytes, output, i * rowBytes, rowBytes);
                }
            }
        };
    }
}
