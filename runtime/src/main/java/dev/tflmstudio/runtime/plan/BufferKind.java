package dev.tflmstudio.runtime.plan;

/** What a planned arena buffer holds: an activation tensor, or a kernel's scratch buffer requested in Prepare. */
public enum BufferKind {
    TENSOR,
    SCRATCH
}
