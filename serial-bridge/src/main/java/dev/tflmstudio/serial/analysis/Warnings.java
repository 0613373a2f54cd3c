package dev.tflmstudio.serial.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Warnings of a session, merged by kind so that a garbled hour of output is one line with a count, not a million.
 * Not thread-safe; the owner synchronizes.
 */
final class Warnings {
    private static final class Entry {
        final String firstMessage;
        long count = 1;

        Entry(String firstMessage) {
            this.firstMessage = firstMessage;
        }
    }

    private final Map<String, Entry> byKind = new LinkedHashMap<>();

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

    List<String> list() {
        List<String> out = new ArrayList<>(byKind.size());
        for (Entry e : byKind.values()) {
            out.add(e.count == 1 ? e.firstMessage : e.firstMessage + " (and " + (e.count - 1) + " more like it)");
        }
        return out;
    }
}
