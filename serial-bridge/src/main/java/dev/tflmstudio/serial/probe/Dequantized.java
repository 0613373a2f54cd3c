package dev.tflmstudio.serial.probe;

import dev.tflmstudio.runtime.model.Quantization;
import dev.tflmstudio.runtime.model.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** The largest absolute difference of two versions of one tensor's bytes, as real values. */
final class Dequantized {
    private Dequantized() {
    }

    /**
     * Max |a - b| over elements, dequantized with the tensor's quantization ({@code scale * (q - zeroPoint)}, per
     * channel along the quantized dimension when it has several scales); float tensors as floats; other types as
     * their integer values. 0 when the bytes are equal.
     */
    static double maxAbsError(Tensor tensor, byte[] a, byte[] b) {
        if (java.util.Arrays.equals(a, b)) {
            return 0;
        }
        if (a.length != b.length) {
            return Double.POSITIVE_INFINITY;
        }
        int width = switch (tensor.type()) {
            case INT8, UINT8, BOOL -> 1;
            case INT16, UINT16 -> 2;
            case INT32, UINT32, FLOAT32 -> 4;
            default -> 0;
        };
        if (width == 0 || a.length % width != 0) {
            return Double.POSITIVE_INFINITY;
        }
        ByteBuffer x = ByteBuffer.wrap(a).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer y = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        Quantization q = tensor.quantization();
        boolean quantized = q != null && q.isQuantized() && !tensor.type().isFloat();
        int n = a.length / width;
        int channels = quantized && q.isPerChannel() ? q.scales().size() : 1;
        int inner = innerSize(tensor, q, channels);
        double max = 0;
        for (int i = 0; i < n; i++) {
            double u = value(tensor, x, i * width);
            double v = value(tensor, y, i * width);
            if (quantized) {
                int c = channels == 1 ? 0 : (i / inner) % channels;
                double zp = q.zeroPoint(c);
                u = q.scale(c) * (u - zp);
                v = q.scale(c) * (v - zp);
            }
            max = Math.max(max, Math.abs(u - v));
        }
        return max;
    }

    private static int innerSize(Tensor tensor, Quantization q, int channels) {
        if (channels == 1) {
            return 1;
        }
        int[] dims = tensor.shape().toArray();
        int inner = 1;
        for (int d = q.quantizedDimension() + 1; d < dims.length; d++) {
            inner *= dims[d];
        }
        return Math.max(1, inner);
    }

    private static double value(Tensor tensor, ByteBuffer b, int at) {
        return switch (tensor.type()) {
            case INT8 -> b.get(at);
            case UINT8, BOOL -> b.get(at) & 0xff;
            case INT16 -> b.getShort(at);
            case UINT16 -> b.getShort(at) & 0xffff;
            case INT32 -> b.getInt(at);
            case UINT32 -> b.getInt(at) & 0xffffffffL;
            case FLOAT32 -> b.getFloat(at);
            default -> 0;
        };
    }
}
