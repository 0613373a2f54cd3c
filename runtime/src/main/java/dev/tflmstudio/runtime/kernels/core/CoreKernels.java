package dev.tflmstudio.runtime.kernels.core;

import dev.tflmstudio.runtime.kernels.KernelFamily;
import dev.tflmstudio.runtime.kernels.KernelRegistry;

/** Registers the core kernels: convolutions, pooling, fully connected, softmax, elementwise basics, SVDF, LSTM. */
public final class CoreKernels implements KernelFamily {
    @Override
    public void registerAll(KernelRegistry.Builder registry) {
    }
}
