package dev.tflmstudio.runtime.kernels.signal;

import dev.tflmstudio.runtime.kernels.TensorData;

/**
 * The int16 FIFO behind TFLM's stateful Signal ops ({@code signal/src/circular_buffer.cc}): a ring of
 * {@code capacity} samples with the operations the kernels use. State, so it lives in the prepared op and
 * persists across invokes.
 */
final class SampleFifo {
    private final short[] ring;
    private int read;
    private int available;

    SampleFifo(int capacity) {
        ring = new short[capacity];
    }

    /** {@code CircularBufferReset}: empty (and zeroed, as TFLM's memset). */
    void reset() {
        java.util.Arrays.fill(ring, (short) 0);
        read = 0;
        available = 0;
    }

    int available() {
        return available;
    }

    /** {@code CircularBufferWrite}: appends {@code n} int16 elements of {@code t} from element {@code from}. */
    void write(TensorData t, int from, int n) {
        for (int i = 0; i < n; i++) {
            add(t.getInt16(from + i));
        }
    }

    /** {@code CircularBufferWriteZeros}. */
    void writeZeros(int n) {
        for (int i = 0; i < n; i++) {
            add((short) 0);
        }
    }

    /** {@code CircularBufferExtend}: appends the last {@code count} samples {@code times} more times. */
    void extend(int count, int times) {
        if (count <= 0 || times <= 0) {
            return;
        }
        int start = read + available - count;
        for (int k = 0; k < times; k++) {
            for (int i = 0; i < count; i++) {
                add(ring[Math.floorMod(start + i, ring.length)]);
            }
        }
    }

    /** {@code CircularBufferGet}: copies the oldest {@code n} samples to int16 elements of {@code t}, keeps them. */
    void get(int n, TensorData t, int to) {
        for (int i = 0; i < n; i++) {
            t.setInt16(to + i, ring[(read + i) % ring.length]);
        }
    }

    /** {@code CircularBufferDiscard}: drops the oldest {@code n} samples. */
    void discard(int n) {
        read = (read + n) % ring.length;
        available -= n;
    }

    private void add(short v) {
        ring[(read + available) % ring.length] = v;
        available++;
    }
}
