package dev.tflmstudio.serial.parse;

import dev.tflmstudio.serial.parse.LogEvent.OpTiming;
import dev.tflmstudio.serial.parse.LogEvent.StreamProblem;
import dev.tflmstudio.serial.parse.LogEvent.StreamWarning;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The streaming parser: raw bytes in (in whatever pieces the port delivers them), one {@link ParsedLine} per line
 * out, in order, to the sink given at construction. Not thread-safe: one reader feeds it.
 *
 * <p>Tolerates what real serial links do: {@code \r\n}, bare {@code \n} or {@code \r} endings and TFLM's
 * {@code \n\r\n} (a blank line); lines split across reads; lines the board cut at 255 characters (its 256-byte log
 * buffer; reported); garbage bytes and the noise of a wrong baud rate (the line is reported as a
 * {@link StreamWarning} instead of being parsed; later good lines parse normally); runs of bytes with no line end at
 * all (cut every {@value #MAX_LINE} bytes, reported). Nothing is ever fatal.
 */
public final class LogStreamParser {
    /** Longest line a stock Cortex-M TFLM build prints ({@code kMaxLogLen} 256 including the terminator). */
    public static final int BOARD_LINE_LIMIT = 255;
    /** Bytes after which a line with no terminator is cut. */
    public static final int MAX_LINE = 4096;

    private final Consumer<ParsedLine> sink;
    private final LogLineParser lineParser = new LogLineParser();
    private byte[] line = new byte[256];
    private int length;
    private int leadingGarbage;
    private int innerGarbage;
    private boolean afterCr;
    private long lineNumber;

    public LogStreamParser(Consumer<ParsedLine> sink) {
        this.sink = sink;
    }

    /** Feeds {@code count} bytes that arrived at {@code receivedNanos} (nanoseconds since the session began). */
    public void feed(byte[] data, int offset, int count, long receivedNanos) {
        int end = offset + count;
        int i = offset;
        while (i < end) {
            byte b = data[i];
            if (b == '\n') {
                if (afterCr) {
                    afterCr = false;
                } else {
                    endLine(receivedNanos);
                }
                i++;
                continue;
            }
            if (b == '\r') {
                endLine(receivedNanos);
                afterCr = true;
                i++;
                continue;
            }
            afterCr = false;
            if (length == 0) {
                // A line end ends the garbage too: noise with line ends in it is lines of noise, not one run.
                while (i < end && isGarbage(data[i]) && data[i] != '\n' && data[i] != '\r') {
                    leadingGarbage++;
                    i++;
                }
            }
            // The run of bytes up to the next line end, copied in one go (the hot path).
            int runStart = i;
            while (i < end) {
                byte c = data[i];
                if (c == '\n' || c == '\r') {
                    break;
                }
                if (isGarbage(c)) {
                    innerGarbage++;
                }
                i++;
            }
            appendRun(data, runStart, i - runStart, receivedNanos);
        }
    }

    private static boolean isGarbage(byte c) {
        return c < 0x20 ? c != '\t' : c == 0x7F;
    }

    /** The stream ended (end of a replay): a last line without terminator is still parsed. */
    public void finish(long receivedNanos) {
        if (length > 0 || leadingGarbage > 0) {
            endLine(receivedNanos);
        }
        afterCr = false;
    }

    /**
     * The link dropped: a half-received line cannot be completed by the bytes of the next connection, so it is
     * reported and dropped, and any open CSV block is closed.
     */
    public void linkLost(long receivedNanos) {
        if (length > 0) {
            lineNumber++;
            String text = new String(line, 0, length, StandardCharsets.ISO_8859_1);
            sink.accept(new ParsedLine(lineNumber, receivedNanos, text,
                    new StreamWarning(StreamProblem.LINK_LOST, "line " + lineNumber + " dropped: the link was lost after " + length
                            + " bytes of it")));
        }
        length = 0;
        leadingGarbage = 0;
        innerGarbage = 0;
        afterCr = false;
        lineParser.reset();
    }

    private void appendRun(byte[] data, int from, int count, long receivedNanos) {
        while (count > 0) {
            if (length == MAX_LINE) {
                cutOverlong(receivedNanos);
            }
            int n = Math.min(count, MAX_LINE - length);
            if (length + n > line.length) {
                line = Arrays.copyOf(line, Math.min(MAX_LINE, Math.max(line.length * 2, length + n)));
            }
            System.arraycopy(data, from, line, length, n);
            length += n;
            from += n;
            count -= n;
        }
    }

    private void cutOverlong(long receivedNanos) {
        lineNumber++;
        String text = new String(line, 0, length, StandardCharsets.ISO_8859_1);
        sink.accept(new ParsedLine(lineNumber, receivedNanos, text, new StreamWarning(StreamProblem.NO_LINE_END,
                "line " + lineNumber + ": over " + MAX_LINE + " bytes without a line end (wrong baud rate or"
                        + " binary data?); cut")));
        length = 0;
        innerGarbage = 0;
        leadingGarbage = 0;
    }

    private void endLine(long receivedNanos) {
        lineNumber++;
        String text = new String(line, 0, length, StandardCharsets.ISO_8859_1);
        int garbage = innerGarbage;
        int lead = leadingGarbage;
        int textLength = length;
        length = 0;
        innerGarbage = 0;
        leadingGarbage = 0;
        if (garbage > 0) {
            lineParser.reset();
            sink.accept(new ParsedLine(lineNumber, receivedNanos, text, new StreamWarning(StreamProblem.GARBLED,
                    "line " + lineNumber + ": " + garbage + " of " + (textLength + lead)
                            + " bytes are not text (wrong baud rate or line noise?); line ignored")));
            return;
        }
        if (lead > 0) {
            sink.accept(new ParsedLine(lineNumber, receivedNanos, "", new StreamWarning(StreamProblem.GARBAGE_PREFIX,
                    "line " + lineNumber + ": " + lead + " garbage bytes before the text skipped")));
        }
        LogEvent event = lineParser.parse(text);
        if (textLength == BOARD_LINE_LIMIT && !(event instanceof OpTiming)) {
            sink.accept(new ParsedLine(lineNumber, receivedNanos, text, new StreamWarning(StreamProblem.CUT_AT_LIMIT,
                    "line " + lineNumber + " is " + BOARD_LINE_LIMIT
                            + " characters long: probably cut by the board's 256-byte log buffer")));
        }
        sink.accept(new ParsedLine(lineNumber, receivedNanos, text, event));
    }
}
