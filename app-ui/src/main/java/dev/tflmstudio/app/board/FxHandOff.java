package dev.tflmstudio.app.board;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Items from a reader thread to the FX thread in batches: at most one FX task pending, and at most
 * {@code capacity} items waiting, the oldest dropped first. The Board window shows only the newest lines and
 * points, so dropping what it would scroll away anyway changes nothing on screen, while a board printing faster
 * than the FX thread draws no longer piles up one task per line in memory.
 */
final class FxHandOff<T> {
    private final int capacity;
    private final Executor fx;
    private final Consumer<List<T>> deliver;
    private final ArrayDeque<T> waiting = new ArrayDeque<>();
    private boolean scheduled;

    /**
     * @param capacity most items kept waiting
     * @param fx       runs a task on the FX thread ({@code Platform::runLater})
     * @param deliver  takes each batch, oldest first, on the FX thread
     */
    FxHandOff(int capacity, Executor fx, Consumer<List<T>> deliver) {
        this.capacity = capacity;
        this.fx = fx;
        this.deliver = deliver;
    }

    /** Any thread. */
    void add(T item) {
        boolean schedule;
        synchronized (this) {
            if (waiting.size() == capacity) {
                waiting.pollFirst();
            }
            waiting.addLast(item);
            schedule = !scheduled;
            scheduled = true;
        }
        if (schedule) {
            fx.execute(this::drain);
        }
    }

    private void drain() {
        List<T> batch;
        synchronized (this) {
            batch = new ArrayList<>(waiting);
            waiting.clear();
            scheduled = false;
        }
        deliver.accept(batch);
    }
}
