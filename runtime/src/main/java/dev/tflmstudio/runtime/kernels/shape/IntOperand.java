package dev.tflmstudio.runtime.kernels.shape;

import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.TensorData;
import dev.tflmstudio.runtime.model.TensorType;

/**
 * An index-like operand (axis, shape, perm, paddings, begin/size, indices): an INT32 or INT64 tensor read as ints,
 * once in prepare when it is constant, otherwise on every eval into the same array (no allocation in eval).
 */
final class IntOperand {
    private final TensorData tensor;
    private final int[] values;
    private final boolean wide;

    private IntOperand(TensorData tensor, boolean wide) {
        this.tensor = tensor;
        this.wide = wide;
        this.values = new int[tensor.elementCount()];
        if (tensor.isConstant()) {
            read();
        }
    }

    /** An operand of type INT32 or INT64 (int64 values are narrowed as TFLM's casts do). */
    static IntOperand of(OpContext ctx, TensorData tensor, String role) throws KernelException {
        TensorBytes.requireType(ctx, tensor, role, TensorType.INT32, TensorType.INT64);
        return new IntOperand(tensor, tensor.type() == TensorType.INT64);
    }

    /** An operand read as INT32 whatever its declared type, as kernels that only know int32 do (PAD). */
    static IntOperand asInt32(OpContext ctx, TensorData tensor) throws KernelException {
        // TFLM reads 4 bytes per element: past a narrower tensor's end (undefined there, refused here)
        ctx.check(tensor.byteLength() >= 4L * tensor.elementCount(), "operand " + tensor.index() + " of type "
                + tensor.type() + " is too short to be read as " + tensor.elementCount() + " int32 values");
        return new IntOperand(tensor, false);
    }

    boolean isConstant() {
        return tensor.isConstant();
    }

    int count() {
        return values.length;
    }

    /** The current values (re-read from the arena for non-constant operands). */
    int[] values() {
        if (!tensor.isConstant()) {
            read();
        }
        return values;
    }

    private void read() {
        for (int i = 0; i < values.length; i++) {
            values[i] = wide ? (int) tensor.getInt64(i) : tensor.getInt32(i);
        }
    }
}
