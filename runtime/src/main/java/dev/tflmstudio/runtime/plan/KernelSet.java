package dev.tflmstudio.runtime.plan;

import dev.tflmstudio.runtime.model.Model;
import java.util.List;
import java.util.Optional;

/**
 * The kernel library a TFLM build links: it decides the scratch buffers kernels request (the head) and their
 * persistent data (the tail), never the values computed (CMSIS-NN is bit-exact with the reference kernels).
 */
public enum KernelSet {
    /** TFLM's reference kernels (no OPTIMIZED_KERNEL_DIR): what {@code ../shared/ref} and ref-arm32 ran. */
    REFERENCE("reference"),
    /**
     * {@code OPTIMIZED_KERNEL_DIR=cmsis_nn} for a Cortex-M with the DSP extension and no MVE (Cortex-M4/M7/M33),
     * CMSIS-NN @ 4ab83cc3 as TFLM @ 90b983c2 pins it, built with gcc: what most Cortex-M products flash.
     */
    CMSIS_NN("cmsis-nn");

    private final String id;

    KernelSet(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** The kernel set for {@code reference} or {@code cmsis-nn}; other libraries are named as unsupported. */
    public static KernelSet fromId(String id) {
        for (KernelSet k : values()) {
            if (k.id.equalsIgnoreCase(id)) {
                return k;
            }
        }
        if ("esp-nn".equalsIgnoreCase(id) || "xtensa".equalsIgnoreCase(id) || "ethos-u".equalsIgnoreCase(id)) {
            throw new IllegalArgumentException("kernel set '" + id + "' is not modelled (expected reference or "
                    + "cmsis-nn)");
        }
        throw new IllegalArgumentException("unknown kernel set '" + id + "' (expected reference or cmsis-nn)");
    }

    /**
     * The error lines this kernel set's Prepare prints for {@code model} where TFLM's reference kernels accept it,
     * or empty. The values computed are the same for every kernel set, so only these refusals differ.
     */
    public Optional<List<String>> refusal(Model model) {
        return this == CMSIS_NN ? CmsisNnKernels.refusal(model) : Optional.empty();
    }

    @Override
    public String toString() {
        return id;
    }
}
