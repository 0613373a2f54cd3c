package dev.tflmstudio.profiler.run;

/** A run file (or a capture read as one) is invalid; the message is one line naming the file and what is wrong. */
public final class RunFormatException extends Exception {
    public RunFormatException(String message) {
        super(message);
    }
}
