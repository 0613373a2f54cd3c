package dev.tflmstudio.runtime.kernels.signal;

import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.ScratchBuffer;
import dev.tflmstudio.runtime.kernels.TensorData;
import dev.tflmstudio.runtime.model.TensorType;
import java.util.Arrays;

/**
 * SignalRfft: the real FFT of every frame of the last dimension, zero-padded to {@code fft_length}, for int16, int32
 * (KISS FFT fixed point) and float32. Like TFLM it requests a scratch buffer of {@code fft_length} elements for the
 * padded frame, and writes {@code fft_length / 2 + 1} complex values per frame.
 */
final class Rfft {
    private Rfft() {
    }

    static PreparedOp prepare(OpContext ctx) throws KernelException {
        SignalOptions.requireCounts(ctx, 1, 1);
        TensorData input = ctx.requireInput(0);
        TensorData output = ctx.output(0);
        int fftLength = SignalOptions.integer(ctx, "fft_length");
        TensorType type = TensorType.fromCode(SignalOptions.integer(ctx, "T"));
        ctx.check(type == TensorType.INT16 || type == TensorType.INT32 || type == TensorType.FLOAT32,
                "SignalRfft of type " + type + " is not supported");
        ctx.check(input.rank() == output.rank(), "input and output ranks differ");
        SignalOptions.requireType(ctx, input, "input", type);
        SignalOptions.requireType(ctx, output, "output", type);
        ctx.check(KissFftrFixed.supports(fftLength), "fft_length " + fftLength + " is not supported");
        Frames frames = new Frames(input.dim(input.rank() - 1), output.dim(output.rank() - 1) / 2,
                input.elementCount(), fftLength);
        ctx.check(frames.inputLength <= fftLength, "frames are longer than fft_length");
        ctx.check(frames.outputLength >= fftLength / 2 + 1, "output frames are shorter than fft_length / 2 + 1");
        ScratchBuffer workArea = ctx.requestScratch(fftLength * type.tflmByteSize());
        return switch (type) {
            case FLOAT32 -> floatFft(input, output, workArea, frames);
            case INT16 -> int16Fft(input, output, workArea, frames);
            default -> int32Fft(input, output, workArea, frames);
        };
    }

    private record Frames(int inputLength, int outputLength, int inputSize, int fftLength) {
    }

    /**
     * The int16 path of every micro_speech front end, on the specialised {@link KissFftr16}. The zero-padded frame
     * goes to the scratch buffer, as TFLM copies it there, and the transform reads it from there and writes the
     * output in the arena, with no copies between.
     */
    private static PreparedOp int16Fft(TensorData input, TensorData output, ScratchBuffer workArea, Frames f) {
        KissFftr16 fft = new KissFftr16(f.fftLength);
        int[] frame = new int[f.inputLength];
        int frameBytes = 2 * f.inputLength;
        return () -> {
            byte[] work = workArea.array();
            int workBase = workArea.base();
            byte[] out = output.array();
            byte[] from = input.array();
            for (int in = 0, at = 0; in < f.inputSize; in += f.inputLength, at += 2 * f.outputLength) {
                if (from != null) {
                    System.arraycopy(from, input.base() + 2 * in, work, workBase, frameBytes);
                } else {
                    // a constant input
                    Int16Frames.read(input, in, frame, f.inputLength);
                    Int16Frames.write(work, workBase, frame, f.inputLength);
                }
                Arrays.fill(work, workBase + frameBytes, workBase + 2 * f.fftLength, (byte) 0);
                fft.forward(work, workBase, out, output.base() + 2 * at);
            }
        };
    }

    private static PreparedOp int32Fft(TensorData input, TensorData output, ScratchBuffer workArea, Frames f) {
        KissFftrFixed fft = new KissFftrFixed(f.fftLength, 32, false);
        long[] time = new long[f.fftLength];
        long[] freq = new long[2 * (f.fftLength / 2 + 1)];
        return () -> {
            for (int in = 0, out = 0; in < f.inputSize; in += f.inputLength, out += 2 * f.outputLength) {
                for (int i = 0; i < f.fftLength; i++) {
                    time[i] = i >= f.inputLength ? 0 : input.getInt32(in + i);
                    workArea.buffer().putInt(workArea.base() + 4 * i, (int) time[i]);
                }
                fft.forward(time, freq);
                for (int i = 0; i < freq.length; i++) {
                    output.setInt32(out + i, (int) freq[i]);
                }
            }
        };
    }

    private static PreparedOp floatFft(TensorData input, TensorData output, ScratchBuffer workArea, Frames f) {
        KissFftrFloat fft = new KissFftrFloat(f.fftLength, false);
        float[] time = new float[f.fftLength];
        float[] freq = new float[2 * (f.fftLength / 2 + 1)];
        return () -> {
            for (int in = 0, out = 0; in < f.inputSize; in += f.inputLength, out += 2 * f.outputLength) {
                for (int i = 0; i < f.fftLength; i++) {
                    time[i] = i < f.inputLength ? input.getFloat32(in + i) : 0f;
                    workArea.buffer().putFloat(workArea.base() + 4 * i, time[i]);
                }
                fft.forward(time, freq);
                for (int i = 0; i < freq.length; i++) {
                    output.setFloat32(out + i, freq[i]);
                }
            }
        };
    }
}
