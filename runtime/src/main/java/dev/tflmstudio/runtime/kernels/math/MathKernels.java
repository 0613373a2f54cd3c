package dev.tflmstudio.runtime.kernels.math;

import dev.tflmstudio.runtime.kernels.KernelFamily;
import dev.tflmstudio.runtime.kernels.KernelRegistry;

/** Registers the kernels of package {@code kernels.math}. */
public final class MathKernels implements KernelFamily {
    @Override
    public void registerAll(KernelRegistry.Builder registry) {
    }
}
