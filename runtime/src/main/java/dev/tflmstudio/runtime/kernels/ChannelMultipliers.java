package dev.tflmstudio.runtime.kernels;

import dev.tflmstudio.runtime.model.Quantization;

/**
 * Per-output-channel quantized multipliers of convolution-like ops, as TFLM's
 * {@code PopulateConvolutionQuantizationParams} computes them: {@code (double) inputScale * filterScale[c] /
 * outputScale} (all widened to double first), one per channel (the one filter scale repeated when per-tensor).
 *
 * @param multiplier per-channel significands
 * @param shift      per-channel shifts
 */
public record ChannelMultipliers(int[] multiplier, int[] shift) {

    public static ChannelMultipliers of(TensorData input, TensorData filter, TensorData output, int channels) {
        Quantization q = filter.quantization();
        int[] m = new int[channels];
        int[] s = new int[channels];
        for (int c = 0; c < channels; c++) {
            float filterScale = q.scale(q.isPerChannel() ? c : 0);
            double effective = (double) input.scale() * (double) filterScale / (double) output.scale();
            long qm = FixedPoint.quantizeMultiplier(effective);
            m[c] = FixedPoint.multiplierOf(qm);
            s[c] = FixedPoint.shiftOf(qm);
        }
        return new ChannelMultipliers(m, s);
    }

    /**
     * The per-tensor multiplier of {@code GetQuantizedConvolutionMultipler}: the scale product is taken in float,
     * then divided in double.
     */
    public static long perTensor(TensorData input, TensorData filter, TensorData output) {
        double inputProductScale = input.scale() * filter.scale();
        return FixedPoint.quantizeMultiplier(inputProductScale / (double) output.scale());
    }
}
