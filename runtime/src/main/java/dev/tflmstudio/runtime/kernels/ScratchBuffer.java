package dev.tflmstudio.runtime.kernels;

import java.nio.ByteBuffer;

/**
 * A scratch buffer an op requested in prepare ({@code RequestScratchBufferInArena}). It lives in the arena head at
 * the planned offset, valid only while its op runs; the interpreter binds it after planning, before the first eval.
 */
public final class ScratchBuffer {
    private final int index;
    private final int bytes;
    private ByteBuffer buffer;
    private byte[] array;
    private int base;

    ScratchBuffer(int index, int bytes) {
        this.index = index;
        this.bytes = bytes;
    }

    /** The nth request of its op (0-based). */
    public int index() {
        return index;
    }

    /** Requested size in bytes (before the planner's 16-byte alignment). */
    public int bytes() {
        return bytes;
    }

    /** The arena (little-endian); absolute indexing from {@link #base()}. */
    public ByteBuffer buffer() {
        return buffer;
    }

    /** The arena's backing array. */
    public byte[] array() {
        return array;
    }

    /** Byte offset of this buffer in {@link #buffer()} / {@link #array()}. */
    public int base() {
        return base;
    }

    /** Called by the interpreter once the plan is known. */
    public void bind(ByteBuffer arena, int offset) {
        this.buffer = arena;
        this.array = arena.array();
        this.base = offset;
    }
}
