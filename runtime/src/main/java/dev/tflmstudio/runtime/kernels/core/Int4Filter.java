package dev.tflmstudio.runtime.kernels.core;

import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.ScratchBuffer;
import dev.tflmstudio.runtime.kernels.TensorData;
import dev.tflmstudio.runtime.model.TensorType;
import java.nio.ByteBuffer;

/**
 * A packed INT4 filter of CONV_2D, DEPTHWISE_CONV_2D or FULLY_CONNECTED. TFLM keeps it packed (two values a byte,
 * low nibble first, sign-extended; a runtime tensor holds it in the first half of its FlatSize(filter) arena bytes)
 * and, in every Eval, unpacks it into an arena scratch buffer of FlatSize(filter) bytes requested in Prepare
 * ({@code MakeUnpackedInt4Tensor}). We request the same scratch so the plan is identical; a constant filter is
 * unpacked once in prepare for the kernel's own weights, a runtime one before every eval
 * ({@link ArenaWeights#read(TensorData, byte[])}); the unpacked bytes are copied into the scratch on each eval so
 * the arena holds what TFLM's would.
 *
 * @param weights the unpacked filter, one int8 per element
 * @param scratch the arena scratch TFLM unpacks into
 */
record Int4Filter(byte[] weights, ScratchBuffer scratch) {

    /**
     * Requests the scratch buffer and unpacks a constant {@code filter} (a runtime one is unpacked at eval); call
     * from the kernel's prepare.
     */
    static Int4Filter prepare(OpContext ctx, TensorData filter) throws KernelException {
        ctx.check(filter.type() == TensorType.INT4, "filter is " + filter.type() + ", not INT4");
        ScratchBuffer scratch = ctx.requestScratch(filter.elementCount());
        byte[] weights = new byte[filter.elementCount()];
        if (filter.isConstant()) {
            unpack(filter.buffer(), filter.base(), weights);
        }
        return new Int4Filter(weights, scratch);
    }

    /** The filter as int8 values: unpacked when INT4, else a copy ({@link ArenaWeights#bytes}). */
    static byte[] weightsOf(Int4Filter int4, TensorData filter) {
        return int4 == null ? ArenaWeights.bytes(filter) : int4.weights();
    }

    /** Unpacks {@code count} signed 4-bit values starting at byte {@code base} of {@code packed}. */
    static byte[] unpack(ByteBuffer packed, int base, int count) {
        byte[] out = new byte[count];
        unpack(packed, base, out);
        return out;
    }

    /** Unpacks {@code out.length} signed 4-bit values starting at byte {@code base} of {@code packed} into out. */
    static void unpack(ByteBuffer packed, int base, byte[] out) {
        for (int i = 0; i < out.length; i++) {
            int b = packed.get(base + i / 2);
            // shift the wanted nibble to the top of an int, then arithmetic-shift back to sign-extend it
            out[i] = (byte) ((i % 2 == 0 ? b << 28 : b << 24) >> 28);
        }
    }

    /** {@code op}, preceded by filling the scratch as TFLM's Eval does; {@code op} itself when not INT4. */
    static PreparedOp around(Int4Filter int4, PreparedOp op) {
        if (int4 == null) {
            return op;
        }
        byte[] w = int4.weights();
        ScratchBuffer s = int4.scratch();
        return () -> {
            System.arraycopy(w, 0, s.array(), s.base(), w.length);
            op.eval();
        };
    }
}
