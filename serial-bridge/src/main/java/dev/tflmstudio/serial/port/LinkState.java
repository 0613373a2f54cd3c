package dev.tflmstudio.serial.port;

/** Where a {@link SerialLink} is. */
public enum LinkState {
    /** Open and reading. */
    CONNECTED,
    /** The port went away (unplugged, or the other end closed); waiting for the same path to come back. */
    DISCONNECTED,
    /** Closed by its owner; final. */
    CLOSED
}
