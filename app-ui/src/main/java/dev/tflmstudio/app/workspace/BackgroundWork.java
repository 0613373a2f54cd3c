package dev.tflmstudio.app.workspace;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.concurrent.Task;
import javafx.concurrent.Worker;

/**
 * Runs long work (opening, layout, planning, exporting) off the FX thread, one task at a time per kind, and
 * publishes the running task so the status bar can show its progress and a cancel button. Failures go to the
 * console and to an error dialog; cancellation is logged, never reported as an error.
 */
public final class BackgroundWork {
    private final ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "tflm-studio-work");
        t.setDaemon(true);
        return t;
    });
    private final ObjectProperty<Task<?>> current = new SimpleObjectProperty<>(this, "current");
    private final AppLog log;
    private final Consumer<Failure> onFailure;

    /** A task that failed: what the user was doing and why it failed. */
    public record Failure(String what, Throwable cause) {
    }

    public BackgroundWork(AppLog log, Consumer<Failure> onFailure) {
        this.log = log;
        this.onFailure = onFailure;
    }

    /** The most recently started task still running, or null. */
    public ObjectProperty<Task<?>> currentProperty() {
        return current;
    }

    public <T> Task<T> run(String what, Task<T> task, Consumer<T> onSuccess) {
        task.setOnSucceeded(e -> {
            finished(task);
            onSuccess.accept(task.getValue());
        });
        task.setOnFailed(e -> {
            finished(task);
            Throwable ex = task.getException();
            log.error(what + " failed: " + message(ex));
            onFailure.accept(new Failure(what, ex));
        });
        task.setOnCancelled(e -> {
            finished(task);
            log.warn(what + " cancelled");
        });
        current.set(task);
        pool.submit(task);
        return task;
    }

    /**
     * Shows a task that runs on its owner's thread (a board's probe calls run on one thread of their own) in the
     * status bar, with its progress and cancel button, until it ends.
     */
    public void follow(Task<?> task) {
        task.stateProperty().addListener((o, a, s) -> {
            if (s == Worker.State.SUCCEEDED || s == Worker.State.FAILED || s == Worker.State.CANCELLED) {
                finished(task);
            }
        });
        current.set(task);
    }

    private void finished(Task<?> task) {
        if (current.get() == task) {
            current.set(null);
        }
    }

    public boolean isRunning(Task<?> t) {
        return t != null && (t.getState() == Worker.State.RUNNING || t.getState() == Worker.State.SCHEDULED
                || t.getState() == Worker.State.READY);
    }

    /** The one-line message of a failure: the exception's message, or its type when it has none. */
    public static String message(Throwable ex) {
        if (ex == null) {
            return "unknown error";
        }
        return ex.getMessage() == null || ex.getMessage().isBlank() ? ex.getClass().getSimpleName() : ex.getMessage();
    }
}
