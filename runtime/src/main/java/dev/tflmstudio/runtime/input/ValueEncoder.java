package dev.tflmstudio.runtime.input;

import dev.tflmstudio.runtime.model.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Turns real values into a tensor's raw bytes: float32 as is, quantized integer tensors with the tensor's scale and
 * zero point ({@code round(v / scale) + zp}, clamped), unquantized integers rounded.
 */
final class ValueEncoder {
    private ValueEncoder() {
    }

    static byte[] encode(Tensor tensor, double[] values) throws InputException {
        int n = (int) tensor.elementCount();
        if (values.length != n) {
            throw new InputException(tensor + " needs " + n + " values, got " + values.length);
        }
        int size = tensor.type().tflmByteSize();
        ByteBuffer b = ByteBuffer.allocate(n * Math.max(size, 0)).order(ByteOrder.LITTLE_ENDIAN);
        double scale = tensor.isQuantized() ? tensor.quantization().scale(0) : 1.0;
        long zp = tensor.isQuantized() ? tensor.quantization().zeroPoint(0) : 0;
        for (double v : values) {
            switch (tensor.type()) {
                case FLOAT32 -> b.putFloat((float) v);
                case INT8 -> b.put((byte) clamp(q(v, scale, zp), -128, 127));
                case UINT8 -> b.put((byte) clamp(q(v, scale, zp), 0, 255));
                case INT16 -> b.putShort((short) clamp(q(v, scale, zp), -32768, 32767));
                case INT32 -> b.putInt((int) clamp(q(v, scale, zp), Integer.MIN_VALUE, Integer.MAX_VALUE));
                case INT64 -> b.putLong(q(v, scale, zp));
                case BOOL -> b.put((byte) (v != 0 ? 1 : 0));
                default -> throw new InputException(tensor + ": inputs of type " + tensor.type()
                        + " are not supported");
            }
        }
        return b.array();
    }

    private static long q(double v, double scale, long zp) {
        return Math.round(v / scale) + zp;
    }

    private static long clamp(long v, long lo, long hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
