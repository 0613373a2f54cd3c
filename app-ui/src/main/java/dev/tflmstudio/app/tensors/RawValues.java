package dev.tflmstudio.app.tensors;

import dev.tflmstudio.runtime.interpreter.TensorSnapshot;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** The stored (not dequantized) value of one element, as text, for the table's "raw" column. */
final class RawValues {
    private RawValues() {
    }

    static String text(TensorSnapshot s, int i) {
        ByteBuffer b = ByteBuffer.wrap(s.raw()).order(ByteOrder.LITTLE_ENDIAN);
        return switch (s.tensor().type()) {
            case INT8 -> Byte.toString(b.get(i));
            case UINT8 -> Integer.toString(b.get(i) & 0xFF);
            case BOOL -> b.get(i) != 0 ? "true" : "false";
            case INT16 -> Short.toString(b.getShort(2 * i));
            case UINT16 -> Integer.toString(b.getShort(2 * i) & 0xFFFF);
            case INT32 -> Integer.toString(b.getInt(4 * i));
            case UINT32 -> Long.toString(b.getInt(4 * i) & 0xFFFFFFFFL);
            case INT64 -> Long.toString(b.getLong(8 * i));
            case FLOAT32 -> Float.toString(b.getFloat(4 * i));
            case FLOAT64 -> Double.toString(b.getDouble(8 * i));
            default -> "?";
        };
    }
}
