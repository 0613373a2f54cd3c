package dev.tflmstudio.runtime.kernels;

/**
 * A prepared op: runs on the arena with everything computed in prepare. {@code eval} must not allocate or box;
 * it reads and writes the {@link TensorData} views captured in prepare (bound to arena offsets before the first
 * eval). It may throw a {@link KernelException} (via {@link OpContext#evalFailure}) where TFLM's Eval returns an error.
 */
@FunctionalInterface
public interface PreparedOp {
    void eval() throws KernelException;

    /**
     * Forgets state the op keeps between invokes (TFLM's per-op {@code Reset} callback: the Signal ops' noise
     * estimates and sample queues). Most ops keep none.
     */
    default void reset() {
    }
}
