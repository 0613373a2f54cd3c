package dev.tflmstudio.runtime.kernels.signal;

import static dev.tflmstudio.runtime.model.TensorType.INT16;
import static dev.tflmstudio.runtime.model.TensorType.UINT32;

import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.TensorData;

/**
 * SignalEnergy: {@code re^2 + im^2} of the complex int16 spectrum for bins {@code [start_index, end_index)} only;
 * like TFLM it leaves the other output elements untouched (they keep whatever the arena held).
 */
final class Energy {
    private Energy() {
    }

    static PreparedOp prepare(OpContext ctx) throws KernelException {
        SignalOptions.requireCounts(ctx, 1, 1);
        TensorData input = ctx.requireInput(0);
        TensorData output = ctx.output(0);
        SignalOptions.requireRank(ctx, input, "input", 1);
        SignalOptions.requireRank(ctx, output, "output", 1);
        SignalOptions.requireType(ctx, input, "input", INT16);
        SignalOptions.requireType(ctx, output, "output", UINT32);
        int start = SignalOptions.integer(ctx, "start_index");
        int end = SignalOptions.integer(ctx, "end_index");
        ctx.check(start >= 0 && end <= output.elementCount() && 2 * end <= input.elementCount(),
                "bins [" + start + ", " + end + ") do not fit the tensors");
        int bins = Math.max(0, end - start);
        int[] spectrum = new int[2 * bins];
        int[] energy = new int[bins];
        TensorWords in = new TensorWords(input);
        TensorWords out = new TensorWords(output);
        return () -> {
            // the arena is bound after prepare, so which loop fits is known only here
            if (Int16Frames.onePass(input, output)) {
                pairs(in, out, start, energy);
                return;
            }
            Int16Frames.read(input, 2 * start, spectrum, 2 * bins);
            for (int i = 0; i < bins; i++) {
                int re = spectrum[2 * i];
                int im = spectrum[2 * i + 1];
                energy[i] = re * re + im * im;
            }
            Int32Frames.write(output, start, energy, bins);
        };
    }

    /**
     * Each bin's (re, im) read as one packed word ({@link TensorWords}: re in the low half), squared in a loop the
     * JIT vectorizes, and the energies written back in one copy.
     */
    private static void pairs(TensorWords in, TensorWords out, int start, int[] energy) {
        int bins = energy.length;
        in.readInts(start, energy, bins);
        for (int k = 0; k < bins; k++) {
            int v = energy[k];
            int re = (v << 16) >> 16;
            int im = v >> 16;
            // re^2 - (-im)*im is re^2 + im^2 in int arithmetic; JDK 17's C2 leaves the plain sum of two squares
            // scalar here and vectorizes this form (measured: about 4x on the loop)
            energy[k] = re * re - (-im) * im;
        }
        out.writeInts(start, energy, bins);
    }
}
