package dev.tflmstudio.runtime.kernels.shape;

import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.TensorData;
import dev.tflmstudio.runtime.model.TensorType;
import java.util.Arrays;

/**
 * Byte-level moves between tensors: the {@code memcpy} TFLM's data-movement kernels are made of. Offsets are in
 * bytes from the start of each tensor; the source may be a constant (read-only buffer) or live in the arena.
 */
final class TensorBytes {
    private TensorBytes() {
    }

    /** Copies {@code length} bytes from {@code src} at {@code srcOffset} to {@code dst} at {@code dstOffset}. */
    static void copy(TensorData src, int srcOffset, TensorData dst, int dstOffset, int length) {
        byte[] from = src.array();
        if (from != null) {
            System.arraycopy(from, src.base() + srcOffset, dst.array(), dst.base() + dstOffset, length);
        } else {
            src.buffer().get(src.base() + srcOffset, dst.array(), dst.base() + dstOffset, length);
        }
    }

    /** Writes {@code count} copies of the element {@code pattern} into {@code dst} starting at byte {@code offset}. */
    static void fill(TensorData dst, int offset, int count, byte[] pattern) {
        byte[] to = dst.array();
        int at = dst.base() + offset;
        if (pattern.length == 1) {
            Arrays.fill(to, at, at + count, pattern[0]);
            return;
        }
        for (int i = 0; i < count; i++, at += pattern.length) {
            System.arraycopy(pattern, 0, to, at, pattern.length);
        }
    }

    /** The raw bytes of element {@code element} of {@code t} (prepare or eval of a constant, or a bound tensor). */
    static void readElement(TensorData t, int element, byte[] into) {
        t.buffer().get(t.base() + element * into.length, into, 0, into.length);
    }

    /** Bytes per element of {@code t}, failing for types TFLM cannot size. */
    static int elementSize(OpContext ctx, TensorData t) throws KernelException {
        int size = t.type().tflmByteSize();
        ctx.check(size > 0, "tensor type " + t.type() + " is not supported");
        return size;
    }

    /** Fails unless {@code t} has one of the {@code allowed} types. */
    static void requireType(OpContext ctx, TensorData t, String role, TensorType... allowed)
            throws KernelException {
        for (TensorType type : allowed) {
            if (t.type() == type) {
                return;
            }
        }
        throw ctx.fail(role + " type " + t.type() + " is not supported (expected one of "
                + Arrays.toString(allowed) + ")");
    }

    /** True when {@code t} has one of {@code types}. */
    static boolean isOneOf(TensorData t, TensorType... types) {
        for (TensorType type : types) {
            if (t.type() == type) {
                return true;
            }
        }
        return false;
    }

    /** Fails unless both tensors have the same type. */
    static void requireSameType(OpContext ctx, TensorData a, TensorData b) throws KernelException {
        ctx.check(a.type() == b.type(), "tensor types differ: " + a.type() + " vs " + b.type());
    }
}
