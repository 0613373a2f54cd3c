package dev.tflmstudio.serial.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Warnings of a session, merged by kind so that a garbled hour of output is one line with a count, not a million.
 * Board error lines are merged by text, and their texts by kind (the text with its numbers blanked out, so
 * {@code Failed to allocate 12 bytes} and {@code ... 16 bytes} are one kind): the first {@value #TEXTS_PER_KIND}
 * distinct texts of a kind are listed, the rest counted on one line; past {@value #MAX_KINDS} kinds every new
 * kind is counted on one line. So a board printing a million distinct errors costs a few hundred lines of memory.
 * Not thread-safe; the owner synchronizes.
 */
final class Warnings {
    static final int TEXTS_PER_KIND = 20;
    static final int MAX_KINDS = 100;

    private static final class Entry {
        final String firstMessage;
        long count = 1;

        Entry(String firstMessage) {
            this.firstMessage = firstMessage;
        }
    }

    private final Map<String, Entry> byKind = new LinkedHashMap<>();
    /** The error texts listed so far, per error kind. */
    private final Map<String, Set<String>> errorTexts = new HashMap<>();

    /** Records a warning; returns true when it is the first of its kind (worth telling listeners about). */
    boolean add(String kind, String message) {
        Entry entry = byKind.get(kind);
        if (entry == null) {
            byKind.put(kind, new Entry(message));
            return true;
        }
        entry.count++;
        return false;
    }

    /** Records an error line the board printed; returns the warning to tell listeners about, or null. */
    String error(String text, long line) {
        String kind = errorKind(text);
        Set<String> texts = errorTexts.get(kind);
        if (texts == null) {
            if (errorTexts.size() >= MAX_KINDS) {
                String message = "the board printed errors of more than " + MAX_KINDS + " kinds; the others are"
                        + " only counted (the first, line " + line + "): " + text;
                return add("error-kinds", message) ? message : null;
            }
            texts = new HashSet<>();
            errorTexts.put(kind, texts);
        }
        String key;
        String message;
        if (texts.contains(text) || texts.size() < TEXTS_PER_KIND) {
            texts.add(text);
            key = "error:" + text;
            message = "the board printed an error (line " + line + "): " + text;
        } else {
            key = "error-texts:" + kind;
            message = "the board printed more than " + TEXTS_PER_KIND + " different errors like this; the others"
                    + " are only counted (the first, line " + line + "): " + text;
        }
        return add(key, message) ? message : null;
    }

    /** An error text with its numbers blanked out: what stays the same between two errors of one cause. */
    static String errorKind(String text) {
        StringBuilder kind = new StringBuilder(text.length());
        boolean inNumber = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean digit = c >= '0' && c <= '9';
            if (digit && !inNumber) {
                kind.append('#');
            } else if (!digit) {
                kind.append(c);
            }
            inNumber = digit;
        }
        return kind.toString();
    }

    List<String> list() {
        List<String> out = new ArrayList<>(byKind.size());
        for (Entry e : byKind.values()) {
            out.add(e.count == 1 ? e.firstMessage : e.firstMessage + " (and " + (e.count - 1) + " more like it)");
        }
        return out;
    }
}
