package dev.tflmstudio.runtime.kernels;

/**
 * One TFLM builtin (or custom) op: the prepare step, as TFLM's {@code TFLMRegistration::prepare}. It checks shapes
 * and types (failing with {@link OpContext#fail}), computes parameters such as quantized multipliers once, requests
 * scratch buffers, and returns the {@link PreparedOp} whose {@code eval} runs on every invoke.
 *
 * <p>Usually a method reference to a static {@code prepare} of a small final class: {@code Conv2D::prepare}.
 */
@FunctionalInterface
public interface Kernel {
    PreparedOp prepare(OpContext ctx) throws KernelException;
}
