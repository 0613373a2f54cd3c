package dev.tflmstudio.cli;

/** Exit codes every subcommand uses. */
public final class ExitCode {
    public static final int OK = 0;
    /** A failure that is none of the below (an I/O error writing output, a port that will not open). */
    public static final int FAILURE = 1;
    /** Bad usage: unknown option, missing argument. */
    public static final int USAGE = 2;
    /** The model or an input file is invalid. */
    public static final int INVALID_INPUT = 3;
    /** The model is valid but cannot run (an unsupported op). */
    public static final int NOT_RUNNABLE = 4;
    /** Stopped by Ctrl+C (128 + SIGINT, as shells report it). */
    public static final int CANCELLED = 130;

    private ExitCode() {
    }
}
