package dev.tflmstudio.runtime.kernels.signal;

import dev.tflmstudio.runtime.kernels.TensorData;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Bulk int16 reads and writes between a tensor and an int[], for the signal ops' per-sample loops: on the arena's
 * byte[] through a little-endian array view (which the JIT turns into plain, unrolled loads and stores), and through
 * the tensor's buffer for constants.
 */
final class Int16Frames {
    private static final VarHandle INT16 = MethodHandles.byteArrayViewVarHandle(short[].class,
            ByteOrder.LITTLE_ENDIAN);

    private Int16Frames() {
    }

    /** {@code dst[i] = t[from + i]} for {@code i < count}. */
    static void read(TensorData t, int from, int[] dst, int count) {
        byte[] a = t.array();
        if (a == null) {
            for (int i = 0; i < count; i++) {
                dst[i] = t.getInt16(from + i);
            }
            return;
        }
        int at = t.base() + 2 * from;
        for (int i = 0; i < count; i++) {
            dst[i] = (short) INT16.get(a, at + 2 * i);
        }
    }

    /** {@code t[from + i] = (short) src[i]} for {@code i < count}. */
    static void write(TensorData t, int from, int[] src, int count) {
        byte[] a = t.array();
        if (a == null) {
            for (int i = 0; i < count; i++) {
                t.setInt16(from + i, src[i]);
            }
            return;
        }
        write(a, t.base() + 2 * from, src, count);
    }

    /** The int16 at byte offset {@code at} of the arena {@code a}. */
    static short get(byte[] a, int at) {
        return (short) INT16.get(a, at);
    }

    /** Stores {@code (short) v} at byte offset {@code at} of the arena {@code a}. */
    static void set(byte[] a, int at, int v) {
        INT16.set(a, at, (short) v);
    }

    /**
     * Whether a loop may read element i of {@code in} and then write element i of {@code out} in one pass: both in
     * the arena, and their bytes either the same or disjoint (a partial overlap would let a write clobber a sample
     * not yet read).
     */
    static boolean onePass(TensorData in, TensorData out) {
        byte[] a = in.array();
        if (a == null || out.array() == null) {
            return false;
        }
        if (a != out.array() || in.base() == out.base()) {
            return true;
        }
        return in.base() + in.byteLength() <= out.base() || out.base() + out.byteLength() <= in.base();
    }

    /** Stores {@code (short) src[i]} for {@code i < count} at byte offset {@code at} of the arena {@code a}. */
    static void write(byte[] a, int at, int[] src, int count) {
        for (int i = 0; i < count; i++) {
            INT16.set(a, at + 2 * i, (short) src[i]);
        }
    }
}
