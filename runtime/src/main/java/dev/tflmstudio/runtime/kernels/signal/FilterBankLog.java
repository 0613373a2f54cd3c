package dev.tflmstudio.runtime.kernels.signal;

import static dev.tflmstudio.runtime.model.TensorType.INT16;
import static dev.tflmstudio.runtime.model.TensorType.UINT32;

import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.TensorData;

/** SignalFilterBankLog: fixed-point natural log of each channel (after the input correction shift), capped at 32767. */
final class FilterBankLog {
    private FilterBankLog() {
    }

    static PreparedOp prepare(OpContext ctx) throws KernelException {
        SignalOptions.requireCounts(ctx, 1, 1);
        TensorData input = ctx.requireInput(0);
        TensorData output = ctx.output(0);
        SignalOptions.requireRank(ctx, input, "input", 1);
        SignalOptions.requireRank(ctx, output, "output", 1);
        SignalOptions.requireType(ctx, input, "input", UINT32);
        SignalOptions.requireType(ctx, output, "output", INT16);
        int correctionBits = SignalOptions.integer(ctx, "input_correction_bits");
        int outputScale = SignalOptions.integer(ctx, "output_scale");
        int channels = input.dim(0);
        ctx.check(output.elementCount() >= channels, "output is shorter than the input");
        // the channels copied in with one copy (TensorWords) and out with Int16Frames, the loop on a plain array
        TensorWords in = new TensorWords(input);
        int[] values = new int[channels];
        return () -> {
            in.readInts(0, values, channels);
            for (int i = 0; i < channels; i++) {
                int scaled = values[i] << correctionBits;
                if (Integer.compareUnsigned(scaled, 1) > 0) {
                    int log = SignalMath.log32(scaled, outputScale);
                    values[i] = Integer.compareUnsigned(log, Short.MAX_VALUE) < 0 ? log : Short.MAX_VALUE;
                } else {
                    values[i] = 0;
                }
            }
            Int16Frames.write(output, 0, values, channels);
        };
    }
}
