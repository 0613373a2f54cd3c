package dev.tflmstudio.runtime.kernels;

import dev.tflmstudio.runtime.model.Quantization;
import dev.tflmstudio.runtime.model.TensorType;

/**
 * Per-output-channel quantized multipliers of convolution-like ops, as TFLM's
 * {@code PopulateConvolutionQuantizationParams} computes them: {@code (double) inputScale * filterScale[c] /
 * outputScale} (all widened to double first), one per channel (the one filter scale repeated when per-tensor).
 *
 * @param multiplier per-channel significands
 * @param shift      per-channel shifts
 */
public record ChannelMultipliers(int[] multiplier, int[] shift) {

    /**
     * The checks {@code PopulateConvolutionQuantizationParams} makes before it computes the multipliers, with TFLM's
     * words: input and filter quantized, and a per-channel filter only for int8/int16 input with an int8 or int4 filter whose
     * scale count is the channel count.
     */
    public static ChannelMultipliers checked(OpContext ctx, TensorData input, TensorData filter, TensorData output,
                                             int channels) throws KernelException {
        ctx.ensureEq(isAffine(input) ? 1 : 0, 1, "input->quantization.type", "kTfLiteAffineQuantization");
        ctx.ensureEq(isAffine(filter) ? 1 : 0, 1, "filter->quantization.type", "kTfLiteAffineQuantization");
        Quantization q = filter.quantization();
        if (q.isPerChannel()) {
            ctx.ensure(input.type() == TensorType.INT8 || input.type() == TensorType.INT16,
                    "input->type == kTfLiteInt8 || input->type == kTfLiteInt16");
            ctx.ensure(filter.type() == TensorType.INT8 || filter.type() == TensorType.INT4,
                    "filter->type == kTfLiteInt8 || filter->type == kTfLiteInt4");
            ctx.ensureEq(q.scales().size(), channels, "affine_quantization->scale->size", "num_channels");
            int dim = q.quantizedDimension();
            ctx.ensureEq(channels, dim < filter.rank() ? filter.dim(dim) : 0, "num_channels",
                    "filter->dims->data[affine_quantization->quantized_dimension]");
        }
        return of(input, filter, output, channels);
    }

    private static boolean isAffine(TensorData t) {
        return t.quantization() != null && t.quantization().isQuantized();
    }

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
