package dev.tflmstudio.serial.probe.mi;

/**
 * One line of GDB/MI output.
 *
 * @param type    what the line is
 * @param token   the command token it answers (result and async records), or -1
 * @param klass   the result or async class ({@code done}, {@code error}, {@code stopped}, ...); the text for streams
 * @param results the results after the class (empty for streams)
 */
public record MiRecord(Type type, long token, String klass, MiValue.Tuple results) {
    /** The kinds of MI output records. */
    public enum Type {
        /** {@code ^done}, {@code ^error}, {@code ^running}, {@code ^connected}, {@code ^exit}. */
        RESULT,
        /** {@code *stopped}, {@code *running}. */
        EXEC,
        /** {@code +download}. */
        STATUS,
        /** {@code =thread-group-exited}, {@code =breakpoint-modified}. */
        NOTIFY,
        /** {@code ~"..."}: what the CLI would print. */
        CONSOLE,
        /** {@code @"..."}: the target's output. */
        TARGET,
        /** {@code &"..."}: GDB's log and error messages. */
        LOG,
        /** {@code (gdb)}. */
        PROMPT
    }

    /** The c-string result {@code name}, or null. */
    public String text(String name) {
        return results.text(name);
    }
}
