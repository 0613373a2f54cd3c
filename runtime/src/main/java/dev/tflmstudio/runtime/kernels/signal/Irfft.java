package dev.tflmstudio.runtime.kernels.signal;

import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.TensorData;
import dev.tflmstudio.runtime.model.TensorType;

/**
 * SignalIrfft: the inverse real FFT ({@code kiss_fftri}) of every complex frame of the last dimension, for int16,
 * int32 (fixed point, scaled down by the length inside KISS FFT) and float32 (divided by {@code fft_length}
 * afterwards, as TFLM's float wrapper does). No scratch buffer, as in TFLM.
 */
final class Irfft {
    private Irfft() {
    }

    static PreparedOp prepare(OpContext ctx) throws KernelException {
        SignalOptions.requireCounts(ctx, 1, 1);
        TensorData input = ctx.requireInput(0);
        TensorData output = ctx.output(0);
        int fftLength = SignalOptions.integer(ctx, "fft_length");
        TensorType type = TensorType.fromCode(SignalOptions.integer(ctx, "T"));
        ctx.check(type == TensorType.INT16 || type == TensorType.INT32 || type == TensorType.FLOAT32,
                "SignalIrfft of type " + type + " is not supported");
        ctx.check(input.rank() == output.rank(), "input and output ranks differ");
        SignalOptions.requireType(ctx, input, "input", type);
        SignalOptions.requireType(ctx, output, "output", type);
        ctx.check(KissFftrFixed.supports(fftLength), "fft_length " + fftLength + " is not supported");
        int inputLength = input.dim(input.rank() - 1) / 2;
        int inputSize = input.elementCount() / 2;
        int outputLength = output.dim(output.rank() - 1);
        ctx.check(inputLength >= fftLength / 2 + 1, "input frames are shorter than fft_length / 2 + 1");
        ctx.check(outputLength >= fftLength, "output frames are shorter than fft_length");
        int frames = inputSize / inputLength;
        if (type == TensorType.FLOAT32) {
            KissFftrFloat fft = new KissFftrFloat(fftLength, true);
            float[] freq = new float[fftLength + 2];
            float[] time = new float[fftLength];
            return () -> {
                for (int f = 0; f < frames; f++) {
                    for (int i = 0; i < freq.length; i++) {
                        freq[i] = input.getFloat32(2 * f * inputLength + i);
                    }
                    fft.inverse(freq, time);
                    for (int i = 0; i < fftLength; i++) {
                        output.setFloat32(f * outputLength + i, time[i] / fftLength);
                    }
                }
            };
        }
        boolean wide = type == TensorType.INT32;
        KissFftrFixed fft = new KissFftrFixed(fftLength, wide ? 32 : 16, true);
        long[] freq = new long[fftLength + 2];
        long[] time = new long[fftLength];
        return () -> {
            for (int f = 0; f < frames; f++) {
                for (int i = 0; i < freq.length; i++) {
                    int at = 2 * f * inputLength + i;
                    freq[i] = wide ? input.getInt32(at) : input.getInt16(at);
                }
                fft.inverse(freq, time);
                for (int i = 0; i < fftLength; i++) {
                    if (wide) {
                        output.setInt32(f * outputLength + i, (int) time[i]);
                    } else {
                        output.setInt16(f * outputLength + i, (int) time[i]);
                    }
                }
            }
        };
    }
}
