package dev.tflmstudio.runtime.kernels.signal;

import static dev.tflmstudio.runtime.model.TensorType.INT16;
import static dev.tflmstudio.runtime.model.TensorType.INT32;

import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.TensorData;

/**
 * SignalFftAutoScale: shifts the int16 input left as far as its largest magnitude allows and outputs the shift
 * (TFLM's {@code FftAutoScale}, including its int16 {@code MaxAbs16} that maps -32768 to -32768).
 */
final class FftAutoScale {
    private FftAutoScale() {
    }

    static PreparedOp prepare(OpContext ctx) throws KernelException {
        SignalOptions.requireCounts(ctx, 1, 2);
        TensorData input = ctx.requireInput(0);
        TensorData output = ctx.output(0);
        TensorData scaleBits = ctx.output(1);
        SignalOptions.requireRank(ctx, input, "input", 1);
        SignalOptions.requireRank(ctx, output, "output", 1);
        SignalOptions.requireRank(ctx, scaleBits, "scale bits", 0);
        SignalOptions.requireType(ctx, input, "input", INT16);
        SignalOptions.requireType(ctx, output, "output", INT16);
        SignalOptions.requireType(ctx, scaleBits, "scale bits", INT32);
        int size = output.dim(0);
        int[] samples = new int[size];
        if (size % 2 == 0 && input.elementCount() >= size) {
            int[] pairs = new int[size / 2];
            TensorWords in = new TensorWords(input);
            TensorWords out = new TensorWords(output);
            return () -> {
                // the arena is bound after prepare, so which loop fits is known only here
                int bits = Int16Frames.onePass(input, output)
                        ? pairs(in, out, pairs) : staged(input, output, size, samples);
                scaleBits.setInt32(0, bits);
            };
        }
        return () -> {
            // the arena is bound after prepare, so which loop fits is known only here
            int bits = Int16Frames.onePass(input, output)
                    ? onePass(input, output, size) : staged(input, output, size, samples);
            scaleBits.setInt32(0, bits);
        };
    }

    /**
     * The samples moved as packed int16 pairs ({@link TensorWords}), in loops the JIT vectorizes; returns the shift.
     * Only the largest magnitude's bit length matters, and that is the bit length of all magnitudes or-ed together;
     * a -32768 (whose magnitude alone sets bit 15) makes the C scan's int16 arithmetic wrap, so it then runs as is.
     */
    private static int pairs(TensorWords in, TensorWords out, int[] p) {
        int half = p.length;
        in.readInts(0, p, half);
        int magnitudes = 0;
        for (int k = 0; k < half; k++) {
            int v = p[k];
            magnitudes |= magnitude((v << 16) >> 16) | magnitude(v >> 16);
        }
        int bits;
        if ((magnitudes & 0x8000) == 0) {
            bits = shiftFor((short) magnitudes);
        } else {
            short max = 0;
            for (int k = 0; k < half; k++) {
                max = largerMagnitude(largerMagnitude(max, (short) p[k]), (short) (p[k] >> 16));
            }
            bits = shiftFor(max);
        }
        if (bits > 0) {
            int highShift = 16 + bits;
            for (int k = 0; k < half; k++) {
                int v = p[k];
                p[k] = ((v << bits) & 0xFFFF) | ((v >> 16) << highShift);
            }
        }
        out.writeInts(0, p, half);
        return bits;
    }

    /** |x| with a shift, an xor and a subtract, which the JIT vectorizes. */
    private static int magnitude(int x) {
        int sign = x >> 31;
        return (x ^ sign) - sign;
    }

    /** Two passes over the arena (the largest magnitude, then the shifted copy); returns the shift. */
    private static int onePass(TensorData input, TensorData output, int size) {
        byte[] in = input.array();
        byte[] out = output.array();
        int inBase = input.base();
        int outBase = output.base();
        short max = 0;
        for (int i = 0; i < size; i++) {
            max = largerMagnitude(max, Int16Frames.get(in, inBase + 2 * i));
        }
        int bits = shiftFor(max);
        for (int i = 0; i < size; i++) {
            Int16Frames.set(out, outBase + 2 * i, Int16Frames.get(in, inBase + 2 * i) << bits);
        }
        return bits;
    }

    private static int staged(TensorData input, TensorData output, int size, int[] samples) {
        Int16Frames.read(input, 0, samples, size);
        short max = 0;
        for (int i = 0; i < size; i++) {
            max = largerMagnitude(max, (short) samples[i]);
        }
        int bits = shiftFor(max);
        for (int i = 0; i < size; i++) {
            samples[i] *= 1 << bits;
        }
        Int16Frames.write(output, 0, samples, size);
        return bits;
    }

    /** One step of the largest-magnitude scan, compared and stored as int16 as the C code does. */
    private static short largerMagnitude(short max, short v) {
        if (v > max) {
            return v;
        }
        return -v > max ? (short) -v : max;
    }

    /** How far left samples whose largest magnitude is {@code max} can shift and stay int16. */
    private static int shiftFor(short max) {
        return Math.max(0, 16 - SignalMath.msb32(max) - 1);
    }
}
