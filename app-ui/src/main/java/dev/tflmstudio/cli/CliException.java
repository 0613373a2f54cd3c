package dev.tflmstudio.cli;

/** A failure a subcommand reports as one {@code error:} line on stderr with an exit code. */
public final class CliException extends RuntimeException {
    private final int exitCode;

    public CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
