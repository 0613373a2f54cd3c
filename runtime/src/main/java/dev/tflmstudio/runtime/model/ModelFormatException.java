package dev.tflmstudio.runtime.model;

/**
 * The file is not a valid {@code .tflite} model. The message is one line that says what is wrong and where, e.g.
 * {@code subgraph 0, operator 12: input 57 out of range (40 tensors)}.
 */
public final class ModelFormatException extends Exception {
    public ModelFormatException(String message) {
        super(message);
    }
}
