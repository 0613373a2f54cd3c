package dev.tflmstudio.runtime.kernels.signal;

import static dev.tflmstudio.runtime.model.TensorType.INT16;
import static dev.tflmstudio.runtime.model.TensorType.UINT32;

import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.TensorData;

/**
 * SignalPCAN: per-channel automatic gain control (TFLM's {@code ApplyPcanAutoGainControlFixed}): a gain from the
 * piecewise-quadratic lookup table indexed by the noise estimate, then the "shrink" curve, with 12 SNR and 6 output
 * fractional bits.
 */
final class Pcan {
    private static final int SNR_BITS = 12;
    private static final int OUTPUT_BITS = 6;

    private Pcan() {
    }

    static PreparedOp prepare(OpContext ctx) throws KernelException {
        SignalOptions.requireCounts(ctx, 3, 1);
        TensorData input = ctx.requireInput(0);
        TensorData noise = ctx.requireInput(1);
        TensorData lut = ctx.requireInput(2);
        TensorData output = ctx.output(0);
        for (TensorData t : new TensorData[] {input, noise, lut, output}) {
            SignalOptions.requireRank(ctx, t, "tensor " + t.index(), 1);
        }
        SignalOptions.requireType(ctx, input, "input", UINT32);
        SignalOptions.requireType(ctx, noise, "noise estimate", UINT32);
        SignalOptions.requireType(ctx, lut, "gain lut", INT16);
        SignalOptions.requireType(ctx, output, "output", UINT32);
        int channels = input.elementCount();
        ctx.check(channels > 0, "input is empty");
        ctx.check(noise.elementCount() == channels && output.elementCount() == channels,
                "input, noise estimate and output differ in length");
        int snrShift = SignalOptions.integer(ctx, "snr_shift");
        IntTable gainLut = new IntTable(lut);
        // all channels copied in and out in one go (TensorWords), so the loop works on plain arrays
        TensorWords in = new TensorWords(input);
        TensorWords noiseIn = new TensorWords(noise);
        TensorWords out = new TensorWords(output);
        int[] signals = new int[channels];
        int[] noises = new int[channels];
        return () -> {
            int[] table = gainLut.values();
            in.readInts(0, signals, channels);
            noiseIn.readInts(0, noises, channels);
            for (int i = 0; i < channels; i++) {
                long gain = wideDynamicFunction(noises[i], table) & 0xFFFFFFFFL;
                long filterbank = signals[i] & 0xFFFFFFFFL;
                int snr = (int) ((filterbank * gain) >>> snrShift);
                signals[i] = shrink(snr);
            }
            out.writeInts(0, signals, channels);
        };
    }

    /** TFLM's {@code WideDynamicFunction}; the int16 result is sign-extended by the caller's uint32 conversion. */
    private static int wideDynamicFunction(int x, int[] lut) {
        if (Integer.compareUnsigned(x, 2) <= 0) {
            return lut[x];
        }
        int interval = (short) SignalMath.msb32(x);
        int base = 4 * interval - 6;
        int frac = (short) ((interval < 11 ? x << (11 - interval) : x >>> (interval - 11)) & 0x3FF);
        int result = (lut[base + 2] * frac) >> 5;
        result += lut[base + 1] << 5;
        result *= frac;
        result = (result + (1 << 14)) >> 15;
        result += lut[base];
        return (short) result;
    }

    /** TFLM's {@code PcanShrink}: x^2/4 below 2, x-1 above, from SNR bits to output bits. */
    private static int shrink(int x) {
        if (Integer.compareUnsigned(x, 2 << SNR_BITS) < 0) {
            return (x * x) >>> (2 + 2 * SNR_BITS - OUTPUT_BITS);
        }
        return (x >>> (SNR_BITS - OUTPUT_BITS)) - (1 << OUTPUT_BITS);
    }
}
