package dev.tflmstudio.runtime.kernels.signal;

import dev.tflmstudio.runtime.kernels.KernelFamily;
import dev.tflmstudio.runtime.kernels.KernelRegistry;

/** Registers the kernels of package {@code kernels.signal}. */
public final class SignalKernels implements KernelFamily {
    @Override
    public void registerAll(KernelRegistry.Builder registry) {
    }
}
