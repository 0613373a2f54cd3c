package dev.tflmstudio.runtime.kernels.signal;

import dev.tflmstudio.runtime.kernels.TensorData;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Bulk 32-bit reads and writes between a tensor and an int[] (uint32 values bit for bit), as {@link Int16Frames}
 * does for int16: through a little-endian view of the arena's byte[], and through the tensor's buffer for constants.
 */
final class Int32Frames {
    private static final VarHandle INT32 = MethodHandles.byteArrayViewVarHandle(int[].class,
            ByteOrder.LITTLE_ENDIAN);

    private Int32Frames() {
    }

    /** {@code dst[i] = t[from + i]} for {@code i < count}. */
    static void read(TensorData t, int from, int[] dst, int count) {
        byte[] a = t.array();
        if (a == null) {
            for (int i = 0; i < count; i++) {
                dst[i] = t.getInt32(from + i);
            }
            return;
        }
        int at = t.base() + 4 * from;
        for (int i = 0; i < count; i++) {
            dst[i] = (int) INT32.get(a, at + 4 * i);
        }
    }

    /** The int32 at byte offset {@code at} of the arena {@code a}. */
    static int get(byte[] a, int at) {
        return (int) INT32.get(a, at);
    }

    /** {@code t[from + i] = src[i]} for {@code i < count}. */
    static void write(TensorData t, int from, int[] src, int count) {
        byte[] a = t.array();
        if (a == null) {
            for (int i = 0; i < count; i++) {
                t.setInt32(from + i, src[i]);
            }
            return;
        }
        int at = t.base() + 4 * from;
        for (int i = 0; i < count; i++) {
            INT32.set(a, at + 4 * i, src[i]);
        }
    }
}
