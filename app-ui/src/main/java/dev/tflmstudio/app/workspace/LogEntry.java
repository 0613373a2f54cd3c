package dev.tflmstudio.app.workspace;

import java.time.LocalTime;

/** One line of the console: when, how serious, what happened. */
public record LogEntry(LocalTime time, Level level, String message) {
    public enum Level { INFO, WARNING, ERROR }
}
