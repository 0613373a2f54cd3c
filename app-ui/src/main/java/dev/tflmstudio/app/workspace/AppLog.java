package dev.tflmstudio.app.workspace;

import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The timestamped record of what the app did, shown by the console. Safe to call from any thread: entries are
 * appended on the FX thread so bound views never see a list changed behind their back.
 */
public final class AppLog {
    private static final int MAX_ENTRIES = 5_000;
    private final ObservableList<LogEntry> entries = FXCollections.observableArrayList();

    public ObservableList<LogEntry> entries() {
        return entries;
    }

    public void info(String message) {
        add(LogEntry.Level.INFO, message);
    }

    public void warn(String message) {
        add(LogEntry.Level.WARNING, message);
    }

    public void error(String message) {
        add(LogEntry.Level.ERROR, message);
    }

    /** Empties the record (the console's Clear); on the FX thread, as the console reads it there. */
    public void clear() {
        if (Platform.isFxApplicationThread()) {
            entries.clear();
        } else {
            Platform.runLater(entries::clear);
        }
    }

    /** Every entry as the console shows it, one per line. */
    public String text(java.util.function.Function<LogEntry, String> line) {
        StringBuilder b = new StringBuilder();
        for (LogEntry e : entries) {
            b.append(line.apply(e)).append('\n');
        }
        return b.toString();
    }

    private void add(LogEntry.Level level, String message) {
        LogEntry e = new LogEntry(LocalTime.now().truncatedTo(ChronoUnit.MILLIS), level, message);
        if (Platform.isFxApplicationThread()) {
            append(e);
        } else {
            Platform.runLater(() -> append(e));
        }
    }

    private void append(LogEntry e) {
        if (entries.size() >= MAX_ENTRIES) {
            entries.remove(0, entries.size() - MAX_ENTRIES + 1);
        }
        entries.add(e);
    }
}
