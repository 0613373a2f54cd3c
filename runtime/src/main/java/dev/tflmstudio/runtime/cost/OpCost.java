package dev.tflmstudio.runtime.cost;

/**
 * What one operator costs, counted statically from the model: no run needed.
 *
 * @param opIndex            position in subgraph 0's execution order
 * @param opName             TFLM's name for the op (its profiler tag), e.g. {@code CONV_2D}
 * @param kind               how the work is counted
 * @param precision          the arithmetic the op runs in: {@code int8}, {@code int16}, {@code float32}, ...
 * @param macs               multiply-accumulates (0 for ops that are not {@link CostKind#MAC})
 * @param elementwiseOps     non-MAC arithmetic operations (pooling, reductions, elementwise ops)
 * @param weightBytes        bytes of constant tensors read (weights, biases, constant shapes), as stored in the file
 * @param activationReadBytes  bytes of non-constant input tensors read (activations and variable state)
 * @param activationWriteBytes bytes of output tensors written
 * @param scratchBytes       arena scratch bytes the op's reference kernel requests in Prepare
 */
public record OpCost(int opIndex, String opName, CostKind kind, String precision, long macs, long elementwiseOps,
                     long weightBytes, long activationReadBytes, long activationWriteBytes, long scratchBytes) {

    /** MACs plus other operations: the work a device estimate charges cycles for. */
    public long work() {
        return macs + elementwiseOps;
    }

    /** All bytes the op moves: weights, activations read and written. */
    public long bytesMoved() {
        return weightBytes + activationReadBytes + activationWriteBytes;
    }

    /** Operations per byte moved (a MAC counts as one operation); 0 when the op moves no bytes. */
    public double arithmeticIntensity() {
        long bytes = bytesMoved();
        return bytes == 0 ? 0 : (double) work() / bytes;
    }

    /** True when the op's arithmetic is floating point (what decides int8 or float cycles per MAC). */
    public boolean isFloat() {
        return precision.startsWith("float");
    }
}
