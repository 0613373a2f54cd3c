package dev.tflmstudio.app.board;

import dev.tflmstudio.serial.parse.LogEvent;
import dev.tflmstudio.serial.parse.ParsedLine;

/**
 * Tells text a board prints from the noise a wrong baud rate makes of it. Stock TFLM prints ASCII; read at the wrong
 * rate the same bytes arrive as control characters and bytes above 0x7F (the parser flags only the former), so a
 * line counts as unreadable when the parser garbled it or when over a quarter of it is not printable ASCII.
 */
final class UnreadableLines {
    /** Consecutive unreadable lines after which the window says so (one noisy line is a glitch, not a baud rate). */
    static final int RUN = 2;
    private static final int SHOWN = 120;

    private UnreadableLines() {
    }

    /** True for noise, false for text, null for lines that say nothing either way (blank lines, notes). */
    static Boolean unreadable(ParsedLine line) {
        if (line.event() instanceof LogEvent.StreamWarning w) {
            return switch (w.problem()) {
                case GARBLED, NO_LINE_END, GARBAGE_PREFIX -> true;
                default -> null;
            };
        }
        String t = line.text();
        if (t.isBlank()) {
            return null;
        }
        return notAscii(t) * 4 > t.length();
    }

    private static int notAscii(String t) {
        int n = 0;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if ((c < 0x20 && c != '\t') || c >= 0x7F) {
                n++;
            }
        }
        return n;
    }

    /** How the console shows a line: text as it is, noise as a marked, printable and short rendering. */
    static String shown(ParsedLine line, boolean unreadable) {
        String t = line.text();
        if (!unreadable) {
            return t;
        }
        if (t.isEmpty() && line.event() instanceof LogEvent.StreamWarning w) {
            return "[unreadable] " + w.message();
        }
        StringBuilder sb = new StringBuilder("[unreadable, ").append(t.length()).append(" bytes] ");
        for (int i = 0; i < t.length() && i < SHOWN; i++) {
            char c = t.charAt(i);
            sb.append(c < 0x20 || c >= 0x7F ? '·' : c);
        }
        return sb.toString();
    }
}
