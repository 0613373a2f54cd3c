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
    private final ArenaProof proof;

    public ProbeException(Kind kind, String message) {
        super(message);
        this.kind = kind;
        this.proof = null;
    }

    /** The arena proof failed: the opened model is not the one the board runs (INPUT). */
    public ProbeException(ArenaProof failed) {
        super("the arena does not hold this model as planned: " + failed.reason());
        this.kind = Kind.INPUT;
        this.proof = failed;
    }

    public ProbeException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.proof = null;
    }

    /** The failed proof when the arena did not hold the model as planned. */
    public java.util.Optional<ArenaProof> proof() {
        return java.util.Optional.ofNullable(proof);
    }

    public Kind kind() {
        return kind;
    }
}
