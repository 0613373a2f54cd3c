package dev.tflmstudio.runtime.kernels.signal;

import static dev.tflmstudio.runtime.model.TensorType.INT16;

import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.TensorData;

/** SignalWindow: each frame times the int16 window, shifted right by {@code shift}, saturated to int16. */
final class Window {
    private Window() {
    }

    static PreparedOp prepare(OpContext ctx) throws KernelException {
        SignalOptions.requireCounts(ctx, 2, 1);
        TensorData input = ctx.requireInput(0);
        TensorData weights = ctx.requireInput(1);
        TensorData output = ctx.output(0);
        ctx.check(input.rank() >= 1, "input must have rank >= 1");
        SignalOptions.requireRank(ctx, weights, "weights", 1);
        ctx.check(input.rank() == output.rank(), "input and output ranks differ");
        SignalOptions.requireType(ctx, input, "input", INT16);
        SignalOptions.requireType(ctx, weights, "weights", INT16);
        SignalOptions.requireType(ctx, output, "output", INT16);
        int shift = SignalOptions.integer(ctx, "shift");
        int size = input.elementCount();
        int frame = weights.dim(0);
        ctx.check(frame > 0 && size % frame == 0, "input size is not a multiple of the window size");
        IntTable window = new IntTable(weights);
        int[] samples = new int[frame];
        if (weights.isConstant() && frame % 2 == 0) {
            Pairs pairs = new Pairs(window.values(), shift, input, output);
            return () -> {
                // the arena is bound after prepare, so which loop fits is known only here
                if (Int16Frames.onePass(input, output)) {
                    pairs.run(size / frame);
                } else {
                    staged(input, output, window.values(), shift, frame, samples);
                }
            };
        }
        return () -> {
            if (Int16Frames.onePass(input, output)) {
                onePass(input, output, window.values(), shift, frame);
            } else {
                staged(input, output, window.values(), shift, frame, samples);
            }
        };
    }

    /**
     * An even-length window over frames moved as packed int16 pairs ({@link TensorWords}): one loop over plain int
     * arrays that the JIT vectorizes, with the window split into its even and odd samples once in prepare, and the
     * saturation left out when no int16 sample times these weights can leave int16.
     */
    private static final class Pairs {
        private final int[] evenWeights;
        private final int[] oddWeights;
        private final int shift;
        private final boolean saturates;
        private final int[] pairs;
        private final TensorWords in;
        private final TensorWords out;

        Pairs(int[] window, int shift, TensorData input, TensorData output) {
            int half = window.length / 2;
            evenWeights = new int[half];
            oddWeights = new int[half];
            for (int k = 0; k < half; k++) {
                evenWeights[k] = window[2 * k];
                oddWeights[k] = window[2 * k + 1];
            }
            this.shift = shift;
            boolean any = false;
            for (int w : window) {
                // (s * w) >> shift is monotonic in s, so the int16 extremes bound it
                any |= saturate16((Short.MIN_VALUE * w) >> shift) != (Short.MIN_VALUE * w) >> shift
                        || saturate16((Short.MAX_VALUE * w) >> shift) != (Short.MAX_VALUE * w) >> shift;
            }
            saturates = any;
            pairs = new int[half];
            in = new TensorWords(input);
            out = new TensorWords(output);
        }

        void run(int frames) {
            int[] p = pairs;
            int[] even = evenWeights;
            int[] odd = oddWeights;
            int half = p.length;
            for (int f = 0; f < frames; f++) {
                in.readInts(f * half, p, half);
                if (saturates) {
                    for (int k = 0; k < half; k++) {
                        int v = p[k];
                        int lo = saturate16((((v << 16) >> 16) * even[k]) >> shift);
                        int hi = saturate16(((v >> 16) * odd[k]) >> shift);
                        p[k] = (lo & 0xFFFF) | (hi << 16);
                    }
                } else {
                    for (int k = 0; k < half; k++) {
                        int v = p[k];
                        int lo = (((v << 16) >> 16) * even[k]) >> shift;
                        int hi = ((v >> 16) * odd[k]) >> shift;
                        p[k] = (lo & 0xFFFF) | (hi << 16);
                    }
                }
                out.writeInts(f * half, p, half);
            }
        }

        /**
         * Clamps {@code x} (a product of two int16 shifted right, so within +-2^30) to int16 with adds, shifts and
         * masks, which the JIT vectorizes where it leaves Math.min and Math.max scalar.
         */
        private static int saturate16(int x) {
            int over = x - Short.MAX_VALUE;
            x = Short.MAX_VALUE + (over & (over >> 31));
            int under = x - Short.MIN_VALUE;
            return Short.MIN_VALUE + (under & ~(under >> 31));
        }
    }

    /** Reads, windows and writes each sample in one pass over the arena. */
    private static void onePass(TensorData input, TensorData output, int[] w, int shift, int frame) {
        byte[] in = input.array();
        byte[] out = output.array();
        int inBase = input.base();
        int outBase = output.base();
        int size = input.elementCount();
        for (int start = 0; start < size; start += frame) {
            for (int i = 0; i < frame; i++) {
                int at = 2 * (start + i);
                int raw = (Int16Frames.get(in, inBase + at) * w[i]) >> shift;
                Int16Frames.set(out, outBase + at, Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, raw)));
            }
        }
    }

    private static void staged(TensorData input, TensorData output, int[] w, int shift, int frame, int[] samples) {
        int size = input.elementCount();
        for (int start = 0; start < size; start += frame) {
            Int16Frames.read(input, start, samples, frame);
            for (int i = 0; i < frame; i++) {
                int raw = (samples[i] * w[i]) >> shift;
                samples[i] = Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, raw));
            }
            Int16Frames.write(output, start, samples, frame);
        }
    }
}
