package dev.tflmstudio.runtime.kernels.signal;

import static dev.tflmstudio.runtime.model.TensorType.UINT32;

import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.TensorData;
import java.util.Arrays;

/**
 * SignalFilterBankSpectralSubtraction: subtracts a running noise estimate from each channel (TFLM's
 * {@code FilterbankSpectralSubtraction}). The estimate is op state that persists across invokes: it starts at zero
 * in prepare and returns to zero on {@link #reset()}, as TFLM's Reset callback does; output 1 is a copy of it.
 */
final class SpectralSubtraction implements PreparedOp {
    private final TensorData input;
    private final TensorData output;
    private final TensorData noiseOutput;
    private final int channels;
    /** Each channel's smoothing and one-minus-smoothing (even channels the first pair, odd the alternate one). */
    private final long[] smoothingOf;
    private final long[] oneMinusSmoothingOf;
    private final long minSignalRemaining;
    private final int smoothingBits;
    private final int subtractionBits;
    private final boolean clamping;
    private final int[] noiseEstimate;
    private final int[] signals;
    private final TensorWords in;
    private final TensorWords out;
    private final TensorWords noiseOut;

    private SpectralSubtraction(OpContext ctx, TensorData input, TensorData output, TensorData noiseOutput)
            throws KernelException {
        this.input = input;
        this.output = output;
        this.noiseOutput = noiseOutput;
        this.channels = SignalOptions.integer(ctx, "num_channels");
        long smoothing = unsigned(SignalOptions.integer(ctx, "smoothing"));
        long oneMinusSmoothing = unsigned(SignalOptions.integer(ctx, "one_minus_smoothing"));
        long alternateSmoothing = unsigned(SignalOptions.integer(ctx, "alternate_smoothing"));
        long alternateOneMinusSmoothing = unsigned(SignalOptions.integer(ctx, "alternate_one_minus_smoothing"));
        this.minSignalRemaining = unsigned(SignalOptions.integer(ctx, "min_signal_remaining"));
        this.smoothingBits = SignalOptions.integer(ctx, "smoothing_bits");
        this.subtractionBits = SignalOptions.integer(ctx, "spectral_subtraction_bits");
        this.clamping = SignalOptions.bool(ctx, "clamping");
        ctx.check(channels >= 0 && channels <= input.elementCount() && channels <= output.elementCount(),
                "num_channels " + channels + " does not fit the tensors");
        ctx.check(noiseOutput.elementCount() <= channels, "noise estimate output is longer than num_channels");
        this.noiseEstimate = new int[channels];
        this.smoothingOf = new long[channels];
        this.oneMinusSmoothingOf = new long[channels];
        for (int i = 0; i < channels; i++) {
            boolean even = (i & 1) == 0;
            smoothingOf[i] = even ? smoothing : alternateSmoothing;
            oneMinusSmoothingOf[i] = even ? oneMinusSmoothing : alternateOneMinusSmoothing;
        }
        this.signals = new int[channels];
        this.in = new TensorWords(input);
        this.out = new TensorWords(output);
        this.noiseOut = new TensorWords(noiseOutput);
    }

    static PreparedOp prepare(OpContext ctx) throws KernelException {
        SignalOptions.requireCounts(ctx, 1, 2);
        TensorData input = ctx.requireInput(0);
        TensorData output = ctx.output(0);
        TensorData noise = ctx.output(1);
        for (TensorData t : new TensorData[] {input, output, noise}) {
            SignalOptions.requireRank(ctx, t, "tensor " + t.index(), 1);
            SignalOptions.requireType(ctx, t, "tensor " + t.index(), UINT32);
        }
        return new SpectralSubtraction(ctx, input, output, noise);
    }

    private static long unsigned(int v) {
        return v & 0xFFFFFFFFL;
    }

    /**
     * Forgets the noise estimate (TFLM's {@code Reset} callback of this op).
     */
    @Override
    public void reset() {
        Arrays.fill(noiseEstimate, 0);
    }

    /** All channels copied in and out in one go ({@link TensorWords}); the loop works on plain arrays. */
    @Override
    public void eval() {
        int[] signal = signals;
        int[] noise = noiseEstimate;
        long[] smoothings = smoothingOf;
        long[] oneMinuses = oneMinusSmoothingOf;
        in.readInts(0, signal, channels);
        for (int i = 0; i < channels; i++) {
            long unsignedSignal = signal[i] & 0xFFFFFFFFL;
            long scaledUp = (unsignedSignal << smoothingBits) & 0xFFFFFFFFL;
            long estimate = ((scaledUp * smoothings[i] + (noise[i] & 0xFFFFFFFFL) * oneMinuses[i])
                    >>> subtractionBits) & 0xFFFFFFFFL;
            long limited = Math.min(estimate, scaledUp);
            noise[i] = (int) (clamping ? limited : estimate);
            long floor = ((unsignedSignal * minSignalRemaining) >>> subtractionBits) & 0xFFFFFFFFL;
            // limited <= scaledUp, so the C uint32 difference does not wrap
            long subtracted = (scaledUp - limited) >>> smoothingBits;
            signal[i] = (int) Math.max(subtracted, floor);
        }
        out.writeInts(0, signal, channels);
        noiseOut.writeInts(0, noise, noiseOutput.elementCount());
    }
}
