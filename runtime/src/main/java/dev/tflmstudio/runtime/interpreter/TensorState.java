package dev.tflmstudio.runtime.interpreter;

/** Whether a tensor's bytes, read now, hold what the model computed for it in the current invoke. */
public enum TensorState {
    /** Weights or other constant data from the model file. */
    CONSTANT,
    /** Written in this invoke (or a persistent variable) and not overwritten since. */
    VALID,
    /** Its producing op has not run yet in this invoke: the bytes are leftovers. */
    NOT_YET_WRITTEN,
    /** Another buffer planned over the same arena bytes was written after it: the value is gone. */
    OVERWRITTEN
}
