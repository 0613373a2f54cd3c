package dev.tflmstudio.runtime.model;

/** Where TFLM keeps a tensor: weights in flash, activations in the planned arena head, variables in the tail. */
public enum TensorKind {
    /** Has data in the model file (weights, biases, constant shapes); never planned. */
    CONSTANT,
    /** Produced and consumed at run time; planned in the arena head. */
    ACTIVATION,
    /** {@code is_variable}: state that persists across invokes (SVDF, LSTM); lives in the arena tail. */
    VARIABLE
}
