package dev.tflmstudio.serial.parse;

/**
 * One line of board output and what it means.
 *
 * @param number        1-based line number in the stream
 * @param receivedNanos when its last byte arrived, in nanoseconds since the session started
 * @param text          the line without its terminator (bytes decoded as ISO-8859-1, so nothing is lost)
 * @param event         what the line means
 */
public record ParsedLine(long number, long receivedNanos, String text, LogEvent event) {
}
