package dev.tflmstudio.runtime.kernels.signal;

import static dev.tflmstudio.runtime.model.TensorType.INT16;
import static dev.tflmstudio.runtime.model.TensorType.UINT32;
import static dev.tflmstudio.runtime.model.TensorType.UINT64;

import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.TensorData;

/**
 * SignalFilterBank: accumulates the uint32 energy spectrum into {@code num_channels} mel channels with the weights
 * and unweights (each bin feeds two adjacent channels), in unsigned 64-bit arithmetic. Channel -1 is scratch and is
 * dropped, as in TFLM's {@code FilterbankAccumulateChannels}.
 */
final class FilterBank {
    private FilterBank() {
    }

    static PreparedOp prepare(OpContext ctx) throws KernelException {
        SignalOptions.requireCounts(ctx, 6, 1);
        TensorData input = ctx.requireInput(0);
        TensorData weights = ctx.requireInput(1);
        TensorData unweights = ctx.requireInput(2);
        TensorData freqStarts = ctx.requireInput(3);
        TensorData weightStarts = ctx.requireInput(4);
        TensorData widths = ctx.requireInput(5);
        TensorData output = ctx.output(0);
        SignalOptions.requireRank(ctx, input, "input", 1);
        SignalOptions.requireType(ctx, input, "input", UINT32);
        TensorData[] params = {weights, unweights, freqStarts, weightStarts, widths};
        for (TensorData p : params) {
            SignalOptions.requireRank(ctx, p, "filter bank parameter", 1);
            SignalOptions.requireType(ctx, p, "filter bank parameter", INT16);
        }
        SignalOptions.requireRank(ctx, output, "output", 1);
        SignalOptions.requireType(ctx, output, "output", UINT64);
        int channels = SignalOptions.integer(ctx, "num_channels");
        ctx.check(channels >= 0 && freqStarts.elementCount() >= channels + 1
                        && weightStarts.elementCount() >= channels + 1 && widths.elementCount() >= channels + 1,
                "channel tables are shorter than num_channels + 1");
        ctx.check(output.elementCount() <= channels, "output has more elements than num_channels");
        long[] work = new long[channels + 1];
        int outCount = output.elementCount();
        IntTable weightTable = new IntTable(weights);
        IntTable unweightTable = new IntTable(unweights);
        IntTable freqStartTable = new IntTable(freqStarts);
        IntTable weightStartTable = new IntTable(weightStarts);
        IntTable widthTable = new IntTable(widths);
        int inputCount = input.elementCount();
        if (weights.isConstant() && unweights.isConstant() && freqStarts.isConstant() && weightStarts.isConstant()
                && widths.isConstant()) {
            Bins bins = Bins.of(channels, weightTable.values(), unweightTable.values(), freqStartTable.values(),
                    weightStartTable.values(), widthTable.values(), inputCount);
            if (bins != null) {
                return () -> accumulate(bins, input, output, work, outCount);
            }
        }
        int[] energies = new int[inputCount];
        return () -> {
            Int32Frames.read(input, 0, energies, inputCount);
            int[] w = weightTable.values();
            int[] uw = unweightTable.values();
            int[] fs = freqStartTable.values();
            int[] ws = weightStartTable.values();
            int[] width = widthTable.values();
            long weighted = 0;
            long unweighted = 0;
            for (int i = 0; i < channels + 1; i++) {
                int freqStart = fs[i];
                int weightStart = ws[i];
                boolean inInput = freqStart >= 0 && freqStart + width[i] <= inputCount;
                for (int j = 0; j < width[i]; j++) {
                    // bins past the input (a malformed table) read the arena beyond it, as TFLM's C loop does
                    long energy = (inInput ? energies[freqStart + j] : input.getInt32(freqStart + j)) & 0xFFFFFFFFL;
                    weighted += w[weightStart + j] * energy;
                    unweighted += uw[weightStart + j] * energy;
                }
                work[i] = weighted;
                weighted = unweighted;
                unweighted = 0;
            }
            for (int i = 0; i < outCount; i++) {
                output.setInt64(i, work[i + 1]);
            }
        };
    }

    /**
     * Constant tables, laid out in the order the accumulation visits them: bin {@code k} (of every channel in turn)
     * reads input element {@code index[k]} with weights {@code weight[k]} and {@code unweight[k]}; channel {@code i}'s
     * bins end at {@code end[i]}.
     */
    private record Bins(int[] index, long[] weight, long[] unweight, int[] end) {
        /** The layout, or null when a table reaches outside the input or the weights (the general loop runs). */
        static Bins of(int channels, int[] w, int[] uw, int[] fs, int[] ws, int[] width, int inputCount) {
            long total = 0;
            for (int i = 0; i < channels + 1; i++) {
                if (fs[i] < 0 || ws[i] < 0 || width[i] < 0 || (long) fs[i] + width[i] > inputCount
                        || (long) ws[i] + width[i] > Math.min(w.length, uw.length)) {
                    return null;
                }
                total += width[i];
            }
            int n = (int) total;
            int[] index = new int[n];
            long[] weight = new long[n];
            long[] unweight = new long[n];
            int[] end = new int[channels + 1];
            for (int i = 0, k = 0; i < channels + 1; i++) {
                for (int j = 0; j < width[i]; j++, k++) {
                    index[k] = fs[i] + j;
                    weight[k] = w[ws[i] + j];
                    unweight[k] = uw[ws[i] + j];
                }
                end[i] = k;
            }
            return new Bins(index, weight, unweight, end);
        }
    }

    /** The accumulation with constant tables, reading the energies from the arena where they lie. */
    private static void accumulate(Bins bins, TensorData input, TensorData output, long[] work, int outCount) {
        int[] index = bins.index;
        long[] weight = bins.weight;
        long[] unweight = bins.unweight;
        int[] end = bins.end;
        byte[] in = input.array();
        int base = input.base();
        long weighted = 0;
        long unweighted = 0;
        for (int i = 0, k = 0; i < end.length; i++) {
            for (int e = end[i]; k < e; k++) {
                long energy = (in == null ? input.getInt32(index[k]) : Int32Frames.get(in, base + 4 * index[k]))
                        & 0xFFFFFFFFL;
                weighted += weight[k] * energy;
                unweighted += unweight[k] * energy;
            }
            work[i] = weighted;
            weighted = unweighted;
            unweighted = 0;
        }
        for (int i = 0; i < outCount; i++) {
            output.setInt64(i, work[i + 1]);
        }
    }
}
