package dev.tflmstudio.runtime.input;

import dev.tflmstudio.runtime.model.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The deterministic fill of {@code ../shared/ref/README.md}: element {@code i} (flat row-major index) of each input
 * tensor gets a value from {@code i*31+7}, so our runs compare byte for byte with the TFLM reference runs.
 */
public final class PatternInput {
    private PatternInput() {
    }

    /** The raw little-endian bytes of the pattern for {@code tensor}. */
    public static byte[] bytesFor(Tensor tensor) {
        int n = (int) tensor.elementCount();
        int size = tensor.type().tflmByteSize();
        if (size <= 0) {
            throw new IllegalArgumentException(tensor + ": no pattern for type " + tensor.type());
        }
        ByteBuffer b = ByteBuffer.allocate(n * size).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            long k = (long) i * 31 + 7;
            switch (tensor.type()) {
                // an INT4 input (a runtime filter) holds one byte per element in TFLM's arena, filled as int8
                case INT8, UINT8, INT4 -> b.put((byte) (k & 0xFF));
                case INT16 -> b.putShort((short) ((k % 65536) - 32768));
                case INT32 -> b.putInt((int) (k % 1000 - 500));
                case INT64 -> b.putLong(k % 1000 - 500);
                case FLOAT32 -> b.putFloat((float) (k % 256) / 128.0f - 1.0f);
                case BOOL -> b.put((byte) ((k & 1) != 0 ? 1 : 0));
                default -> throw new IllegalArgumentException(tensor + ": no pattern for type " + tensor.type());
            }
        }
        return b.array();
    }
}
