package dev.tflmstudio.serial.probe.mi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses one line of GDB/MI output (GDB's "GDB/MI Output Syntax") into a {@link MiRecord}. */
public final class MiParser {
    private final String line;
    private int at;

    private MiParser(String line) {
        this.line = line;
    }

    /** The record of one output line; a line that is no MI record throws {@link IllegalArgumentException}. */
    public static MiRecord parse(String line) {
        return new MiParser(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line).record();
    }

    private MiRecord record() {
        if (line.strip().equals("(gdb)")) {
            return new MiRecord(MiRecord.Type.PROMPT, -1, "", empty());
        }
        long token = -1;
        int start = at;
        while (at < line.length() && Character.isDigit(line.charAt(at))) {
            at++;
        }
        if (at > start) {
            token = Long.parseLong(line.substring(start, at));
        }
        if (at >= line.length()) {
            throw fail("a record type");
        }
        char kind = line.charAt(at++);
        MiRecord.Type type = switch (kind) {
            case '^' -> MiRecord.Type.RESULT;
            case '*' -> MiRecord.Type.EXEC;
            case '+' -> MiRecord.Type.STATUS;
            case '=' -> MiRecord.Type.NOTIFY;
            case '~' -> MiRecord.Type.CONSOLE;
            case '@' -> MiRecord.Type.TARGET;
            case '&' -> MiRecord.Type.LOG;
            default -> throw fail("one of ^*+=~@&");
        };
        if (kind == '~' || kind == '@' || kind == '&') {
            return new MiRecord(type, token, cString(), empty());
        }
        int classStart = at;
        while (at < line.length() && line.charAt(at) != ',') {
            at++;
        }
        String klass = line.substring(classStart, at);
        Map<String, MiValue> results = new LinkedHashMap<>();
        while (at < line.length()) {
            expect(',');
            String name = name();
            results.put(name, value());
        }
        return new MiRecord(type, token, klass, new MiValue.Tuple(results));
    }

    private String name() {
        int start = at;
        while (at < line.length() && line.charAt(at) != '=') {
            at++;
        }
        String name = line.substring(start, at);
        expect('=');
        return name;
    }

    private MiValue value() {
        if (at >= line.length()) {
            throw fail("a value");
        }
        char c = line.charAt(at);
        if (c == '"') {
            return new MiValue.Text(cString());
        }
        if (c == '{') {
            at++;
            Map<String, MiValue> fields = new LinkedHashMap<>();
            if (peek() != '}') {
                do {
                    String name = name();
                    fields.put(name, value());
                } while (accept(','));
            }
            expect('}');
            return new MiValue.Tuple(fields);
        }
        if (c == '[') {
            at++;
            List<MiValue> items = new ArrayList<>();
            if (peek() != ']') {
                do {
                    // A list holds values or results (name=value); keep the values.
                    if (peek() != '"' && peek() != '{' && peek() != '[') {
                        name();
                    }
                    items.add(value());
                } while (accept(','));
            }
            expect(']');
            return new MiValue.Items(items);
        }
        throw fail("a value");
    }

    private String cString() {
        expect('"');
        StringBuilder s = new StringBuilder();
        while (true) {
            if (at >= line.length()) {
                throw fail("the closing quote");
            }
            char c = line.charAt(at++);
            if (c == '"') {
                return s.toString();
            }
            if (c != '\\') {
                s.append(c);
                continue;
            }
            if (at >= line.length()) {
                throw fail("an escape");
            }
            char e = line.charAt(at++);
            switch (e) {
                case 'n' -> s.append('\n');
                case 't' -> s.append('\t');
                case 'r' -> s.append('\r');
                case 'e' -> s.append('\u001b');
                case 'a' -> s.append('\u0007');
                case 'b' -> s.append('\b');
                case 'f' -> s.append('\f');
                case 'v' -> s.append('\u000b');
                default -> {
                    if (e >= '0' && e <= '7') {
                        int v = e - '0';
                        for (int k = 0; k < 2 && at < line.length() && line.charAt(at) >= '0'
                                && line.charAt(at) <= '7'; k++) {
                            v = v * 8 + (line.charAt(at++) - '0');
                        }
                        s.append((char) v);
                    } else {
                        s.append(e);
                    }
                }
            }
        }
    }

    private char peek() {
        return at < line.length() ? line.charAt(at) : '\0';
    }

    private boolean accept(char c) {
        if (peek() == c) {
            at++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!accept(c)) {
            throw fail("'" + c + "'");
        }
    }

    private IllegalArgumentException fail(String expected) {
        return new IllegalArgumentException("GDB/MI: expected " + expected + " at column " + at + " of: " + line);
    }

    private static MiValue.Tuple empty() {
        return new MiValue.Tuple(Map.of());
    }
}
