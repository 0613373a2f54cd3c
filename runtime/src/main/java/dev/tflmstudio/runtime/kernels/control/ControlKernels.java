package dev.tflmstudio.runtime.kernels.control;

import dev.tflmstudio.runtime.kernels.KernelFamily;
import dev.tflmstudio.runtime.kernels.KernelRegistry;

/** Registers the kernels of package {@code kernels.control}: subgraph calls and resource variables. */
public final class ControlKernels implements KernelFamily {
    @Override
    public void registerAll(KernelRegistry.Builder registry) {
        registry.builtin("CALL_ONCE", CallOnce::prepare)
                .builtin("IF", If::prepare)
                .builtin("WHILE", While::prepare)
                .builtin("VAR_HANDLE", Variables::varHandle)
                .builtin("READ_VARIABLE", Variables::readVariable)
                .builtin("ASSIGN_VARIABLE", Variables::assignVariable);
    }
}
