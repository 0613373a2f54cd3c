package dev.tflmstudio.runtime.kernels;

/** A group of kernels registered together (one per package: core, math, shape, signal). */
public interface KernelFamily {
    void registerAll(KernelRegistry.Builder registry);
}
