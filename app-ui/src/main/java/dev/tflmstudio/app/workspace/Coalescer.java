package dev.tflmstudio.app.workspace;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Hands the newest of a stream of values to a consumer on an executor (the FX thread, a worker), with at most one
 * hand-off queued at a time: a producer much faster than the consumer (thousands of invokes a second) causes a
 * bounded number of updates instead of flooding the executor, values in between are skipped, and the last value
 * offered is always delivered.
 *
 * @param <T> the value handed over
 */
public final class Coalescer<T> {
    private final Executor executor;
    private final Consumer<T> consumer;
    private final AtomicReference<T> latest = new AtomicReference<>();
    private final AtomicBoolean queued = new AtomicBoolean();

    public Coalescer(Executor executor, Consumer<T> consumer) {
        this.executor = executor;
        this.consumer = consumer;
    }

    /** Offers a value (not null) from any thread; it replaces one not yet delivered. */
    public void offer(T value) {
        latest.set(value);
        if (queued.compareAndSet(false, true)) {
            executor.execute(this::deliver);
        }
    }

    private void deliver() {
        // Clear the flag before taking the value: an offer racing with this either is taken here or queues anew.
        queued.set(false);
        T value = latest.getAndSet(null);
        if (value != null) {
            consumer.accept(value);
        }
    }
}
