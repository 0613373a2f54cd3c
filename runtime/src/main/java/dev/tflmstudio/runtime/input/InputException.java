package dev.tflmstudio.runtime.input;

/** An input file or spec that does not fit the tensor it is meant for; the message is one line. */
public final class InputException extends Exception {
    public InputException(String message) {
        super(message);
    }
}
