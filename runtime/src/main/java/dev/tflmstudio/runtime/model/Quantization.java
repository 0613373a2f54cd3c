package dev.tflmstudio.runtime.model;

import java.util.List;

/**
 * Affine quantization of a tensor: {@code real = scale * (q - zeroPoint)}, one pair for the whole tensor or one
 * per slice along {@code quantizedDimension}.
 */
public record Quantization(List<Float> scales, List<Long> zeroPoints, int quantizedDimension,
                           List<Float> min, List<Float> max) {

    public Quantization {
        scales = List.copyOf(scales);
        zeroPoints = List.copyOf(zeroPoints);
        min = List.copyOf(min);
        max = List.copyOf(max);
    }

    public static Quantization perTensor(float scale, long zeroPoint) {
        return new Quantization(List.of(scale), List.of(zeroPoint), 0, List.of(), List.of());
    }

    /** True when the tensor carries scales (TFLM treats a tensor without scales as not quantized). */
    public boolean isQuantized() {
        return !scales.isEmpty();
    }

    public boolean isPerChannel() {
        return scales.size() > 1;
    }

    public float scale(int channel) {
        return scales.get(scales.size() == 1 ? 0 : channel);
    }

    /** The zero point of a channel; 0 when the file gives none. */
    public long zeroPoint(int channel) {
        if (zeroPoints.isEmpty()) {
            return 0;
        }
        return zeroPoints.get(zeroPoints.size() == 1 ? 0 : channel);
    }

    public float[] scaleArray() {
        float[] a = new float[scales.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = scales.get(i);
        }
        return a;
    }
}
