package dev.tflmstudio.runtime.kernels.signal;

import dev.tflmstudio.runtime.kernels.TensorData;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.LongBuffer;

/**
 * A tensor's bytes as little-endian 32- and 64-bit words, for bulk copies to and from Java arrays: each copy is one
 * memory copy, where a per-element loop through a VarHandle or the tensor's getters is a scalar load and store per
 * element. The ops then compute on plain arrays, in loops the JIT vectorizes; int16 data travels as packed pairs of
 * int16 (element {@code 2k} in the low half of word {@code k}, as little-endian bytes lie). The views follow the
 * tensor's binding (made again only if it moves), so they are taken at eval, after the arena is bound.
 */
final class TensorWords {
    private final TensorData tensor;
    private ByteBuffer boundTo;
    private int boundBase;
    private IntBuffer ints;
    private LongBuffer longs;

    TensorWords(TensorData tensor) {
        this.tensor = tensor;
    }

    /** {@code dst[i] = word32[from + i]} for {@code i < count}. */
    void readInts(int from, int[] dst, int count) {
        bind();
        ints.get(from, dst, 0, count);
    }

    /** {@code word32[from + i] = src[i]} for {@code i < count}. */
    void writeInts(int from, int[] src, int count) {
        bind();
        ints.put(from, src, 0, count);
    }

    /** {@code dst[i] = word64[i]} for {@code i < count}. */
    void readLongs(long[] dst, int count) {
        bind();
        longs.get(0, dst, 0, count);
    }

    private void bind() {
        ByteBuffer buffer = tensor.buffer();
        if (buffer != boundTo || tensor.base() != boundBase) {
            ByteBuffer bytes = buffer.slice(tensor.base(), tensor.byteLength()).order(ByteOrder.LITTLE_ENDIAN);
            ints = bytes.asIntBuffer();
            longs = bytes.asLongBuffer();
            boundTo = buffer;
            boundBase = tensor.base();
        }
    }
}
