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
    private final long smoothing;
    private final long oneMinusSmoothing;
    private final long alternateSmoothing;
    private final long alternateOneMinusSmoothing;
    private final long minSignalRemaining;
    private final int smoothingBits;
    private final int subtractionBits;
    private final boolean clamping;
    private final int[] noiseEstimate;

    private SpectralSubtraction(OpContext ctx, TensorData input, TensorData output, TensorData noiseOutput)
            throws KernelException {
        this.input = input;
        this.output = output;
        this.noiseOutput = noiseOutput;
        this.channels = SignalOptions.integer(ctx, "num_channels");
        this.smoothing = unsigned(SignalOptions.integer(ctx, "smoothing"));
        this.oneMinusSmoothing = unsigned(SignalOptions.integer(ctx, "one_minus_smoothing"));
        this.alternateSmoothing = unsigned(SignalOptions.integer(ctx, "alternate_smoothing"));
        this.alternateOneMinusSmoothing = unsigned(SignalOptions.integer(ctx, "alternate_one_minus_smoothing"));
        this.minSignalRemaining = unsigned(SignalOptions.integer(ctx, "min_signal_remaining"));
        this.smoothingBits = SignalOptions.integer(ctx, "smoothing_bits");
        this.subtractionBits = SignalOptions.integer(ctx, "spectral_subtraction_bits");
        this.clamping = SignalOptions.bool(ctx, "clamping");
        ctx.check(channels >= 0 && channels <= input.elementCount() && channels <= output.elementCount(),
                "num_channels " + channels + " does not fit the tensors");
        ctx.check(noiseOutput.elementCount() <= channels, "noise estimate output is longer than num_channels");
        this.noiseEstimate = new int[channels];
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

    @Override
    public void eval() {
        for (int i = 0; i < channels; i++) {
            boolean even = (i & 1) == 0;
            long s = even ? smoothing : alternateSmoothing;
            long oneMinus = even ? oneMinusSmoothing : alternateOneMinusSmoothing;
            long signal = input.getInt32(i) & 0xFFFFFFFFL;
            long scaledUp = (signal << smoothingBits) & 0xFFFFFFFFL;
            long estimate = ((scaledUp * s + (noiseEstimate[i] & 0xFFFFFFFFL) * oneMinus) >>> subtractionBits)
                    & 0xFFFFFFFFL;
            noiseEstimate[i] = (int) estimate;
            if (estimate > scaledUp) {
                estimate = scaledUp;
                if (clamping) {
                    noiseEstimate[i] = (int) estimate;
                }
            }
            long floor = ((signal * minSignalRemaining) >>> subtractionBits) & 0xFFFFFFFFL;
            long subtracted = ((scaledUp - estimate) & 0xFFFFFFFFL) >>> smoothingBits;
            output.setInt32(i, (int) Math.max(subtracted, floor));
        }
        for (int i = 0; i < noiseOutput.elementCount(); i++) {
            noiseOutput.setInt32(i, noiseEstimate[i]);
        }
    }
}
