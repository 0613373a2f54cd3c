package dev.tflmstudio.runtime.interpreter;

import dev.tflmstudio.runtime.model.Quantization;
import dev.tflmstudio.runtime.model.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A tensor's bytes copied at one moment, with what they mean: dequantized values, statistics, a histogram.
 *
 * @param tensor        the tensor
 * @param raw           its bytes (little-endian)
 * @param state         whether they hold the tensor's current value
 * @param overwrittenBy what reused the bytes when {@code state} is OVERWRITTEN, else null
 * @param arenaOffset   offset in the arena, or -1 for constants
 */
public record TensorSnapshot(Tensor tensor, byte[] raw, TensorState state, String overwrittenBy, int arenaOffset) {

    /** Summary statistics of the real (dequantized) values. */
    public record Stats(int count, double min, double max, double mean, double stdDev, int nanCount) {
    }

    /** Element {@code i} as a double: the raw value for integers, dequantized when the tensor is quantized. */
    public double value(int i) {
        return value(ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN), i);
    }

    private double value(ByteBuffer b, int i) {
        double v = switch (tensor.type()) {
            case FLOAT32 -> b.getFloat(4 * i);
            case INT8 -> b.get(i);
            case UINT8 -> b.get(i) & 0xFF;
            case BOOL -> b.get(i) != 0 ? 1 : 0;
            case INT16 -> b.getShort(2 * i);
            case UINT16 -> b.getShort(2 * i) & 0xFFFF;
            case INT32 -> b.getInt(4 * i);
            case UINT32 -> b.getInt(4 * i) & 0xFFFFFFFFL;
            case INT64 -> b.getLong(8 * i);
            case FLOAT64 -> b.getDouble(8 * i);
            default -> Double.NaN;
        };
        Quantization q = tensor.quantization();
        if (q != null && q.isQuantized() && !tensor.type().isFloat()) {
            int channel = 0;
            if (q.isPerChannel()) {
                int[] dims = tensor.shape().toArray();
                int inner = 1;
                for (int d = q.quantizedDimension() + 1; d < dims.length; d++) {
                    inner *= dims[d];
                }
                channel = (i / inner) % dims[q.quantizedDimension()];
            }
            v = q.scale(channel) * (v - q.zeroPoint(channel));
        }
        return v;
    }

    public int elementCount() {
        int size = tensor.type().tflmByteSize();
        return size <= 0 ? 0 : raw.length / size;
    }

    /** All values, dequantized (float32 tensors as they are). */
    public float[] dequantized() {
        float[] out = new float[elementCount()];
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) value(b, i);
        }
        return out;
    }

    public Stats stats() {
        int n = elementCount();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        double sumSq = 0;
        int nans = 0;
        int counted = 0;
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            double v = value(b, i);
            if (Double.isNaN(v)) {
                nans++;
                continue;
            }
            counted++;
            min = Math.min(min, v);
            max = Math.max(max, v);
            sum += v;
            sumSq += v * v;
        }
        double mean = counted == 0 ? Double.NaN : sum / counted;
        double var = counted == 0 ? Double.NaN : Math.max(0, sumSq / counted - mean * mean);
        return new Stats(n, counted == 0 ? Double.NaN : min, counted == 0 ? Double.NaN : max, mean,
                Math.sqrt(var), nans);
    }

    /** Counts of values in {@code bins} equal-width bins between the min and max (all in bin 0 when they match). */
    public int[] histogram(int bins) {
        int[] counts = new int[bins];
        Stats s = stats();
        double width = (s.max() - s.min()) / bins;
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < elementCount(); i++) {
            double v = value(b, i);
            if (Double.isNaN(v)) {
                continue;
            }
            int bin = width > 0 ? (int) ((v - s.min()) / width) : 0;
            counts[Math.min(bins - 1, Math.max(0, bin))]++;
        }
        return counts;
    }
}
