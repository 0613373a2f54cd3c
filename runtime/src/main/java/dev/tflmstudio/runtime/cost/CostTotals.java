package dev.tflmstudio.runtime.cost;

import java.util.Collection;

/**
 * Summed costs of a group of ops: the whole model, or every op of one type.
 *
 * @param label  what was summed: {@code model} or an op name such as {@code CONV_2D}
 * @param ops    number of ops summed
 */
public record CostTotals(String label, int ops, long macs, long elementwiseOps, long weightBytes,
                         long activationReadBytes, long activationWriteBytes, long scratchBytes) {

    public static CostTotals sum(String label, Collection<OpCost> costs) {
        long macs = 0;
        long other = 0;
        long weights = 0;
        long read = 0;
        long write = 0;
        long scratch = 0;
        for (OpCost c : costs) {
            macs += c.macs();
            other += c.elementwiseOps();
            weights += c.weightBytes();
            read += c.activationReadBytes();
            write += c.activationWriteBytes();
            scratch += c.scratchBytes();
        }
        return new CostTotals(label, costs.size(), macs, other, weights, read, write, scratch);
    }

    public long work() {
        return macs + elementwiseOps;
    }

    public long bytesMoved() {
        return weightBytes + activationReadBytes + activationWriteBytes;
    }

    /** Operations per byte moved (a MAC counts as one operation). */
    public double arithmeticIntensity() {
        long bytes = bytesMoved();
        return bytes == 0 ? 0 : (double) work() / bytes;
    }
}
