package dev.tflmstudio.runtime.kernels.signal;

import static dev.tflmstudio.runtime.model.TensorType.INT32;
import static dev.tflmstudio.runtime.model.TensorType.UINT32;
import static dev.tflmstudio.runtime.model.TensorType.UINT64;

import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.TensorData;

/** SignalFilterBankSquareRoot: rounded integer square root of each uint64 channel, shifted right by the scale bits. */
final class FilterBankSquareRoot {
    private FilterBankSquareRoot() {
    }

    static PreparedOp prepare(OpContext ctx) throws KernelException {
        SignalOptions.requireCounts(ctx, 2, 1);
        TensorData input = ctx.requireInput(0);
        TensorData scaleBits = ctx.requireInput(1);
        TensorData output = ctx.output(0);
        SignalOptions.requireRank(ctx, input, "input", 1);
        SignalOptions.requireRank(ctx, scaleBits, "scale bits", 0);
        SignalOptions.requireRank(ctx, output, "output", 1);
        SignalOptions.requireType(ctx, input, "input", UINT64);
        SignalOptions.requireType(ctx, scaleBits, "scale bits", INT32);
        SignalOptions.requireType(ctx, output, "output", UINT32);
        int channels = input.dim(0);
        ctx.check(output.elementCount() >= channels, "output is shorter than the input");
        // all channels copied in and out in one go (TensorWords), so the loop works on plain arrays
        TensorWords in = new TensorWords(input);
        TensorWords out = new TensorWords(output);
        long[] energies = new long[channels];
        int[] roots = new int[channels];
        return () -> {
            int shift = scaleBits.getInt32(0);
            in.readLongs(energies, channels);
            for (int i = 0; i < channels; i++) {
                roots[i] = SignalMath.sqrt64(energies[i]) >>> shift;
            }
            out.writeInts(0, roots, channels);
        };
    }
}
