package dev.tflmstudio.runtime.kernels;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * float32 elements of an arena's bytes, for kernels whose per-element reads and writes are a large part of a small
 * op. {@link java.nio.ByteBuffer#getFloat} on a heap buffer runs through the JDK's scoped memory access, and in some
 * JVMs the JIT left two of those calls out of line (hello_world float took 0.35-0.45 us instead of 0.2 us, the same
 * code from one run to the next); a byte-array view handle is one unaligned load or store, inlined every time.
 * Assembling the float from four bytes was measured too: 25% slower on hello_world.
 */
public final class LittleEndianFloats {
    private static final VarHandle FLOAT = MethodHandles.byteArrayViewVarHandle(float[].class,
            ByteOrder.LITTLE_ENDIAN);

    private LittleEndianFloats() {
    }

    /** The float at byte {@code at} of {@code a}. */
    public static float get(byte[] a, int at) {
        return (float) FLOAT.get(a, at);
    }

    /** Writes {@code v} at byte {@code at} of {@code a}. */
    public static void put(byte[] a, int at, float v) {
        FLOAT.set(a, at, v);
    }
}
