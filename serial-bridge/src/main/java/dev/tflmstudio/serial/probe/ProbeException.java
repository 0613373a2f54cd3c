package dev.tflmstudio.serial.probe;

/**
 * A debug-probe session cannot go on: no GDB, server unreachable, no symbols, no arena, the link dropped. The message
 * is one line that says what and where, for users.
 */
public final class ProbeException extends Exception {
    /** What kind of failure, so the CLI can choose its exit code. */
    public enum Kind {
        /** Bad input: a missing or stripped ELF, no arena symbol, a model that does not match the firmware. */
        INPUT,
        /** The environment: no GDB, the server unreachable, the link dropped. */
        LINK
    }

    private final Kind kind;

    public ProbeException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public ProbeException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
