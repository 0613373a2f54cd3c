package dev.tflmstudio.runtime.check;

import dev.tflmstudio.runtime.model.Model;
import java.lang.ref.WeakReference;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * The graph check's outcome for the models it checked last, by identity (the IR is immutable, and a record's
 * equality would compare whole graphs), holding the models weakly. Session.allocate, the planner's lifetimes,
 * the scratch requests and the cost model each verify the model they get, so one command checks a model several
 * times; this keeps it to one pass per model. Bounded: a model pushed out is checked again when next asked.
 */
final class CheckOutcomes {
    private static final int CAPACITY = 32;

    /** A model's outcome: {@code refusal} is the InvalidGraphException message, null for a sound graph. */
    record Outcome(String refusal) {
    }

    private record Entry(WeakReference<Model> model, Outcome outcome) {
    }

    private final ArrayDeque<Entry> entries = new ArrayDeque<>();

    /** The outcome recorded for {@code model}, or null when it was not checked (or was pushed out). */
    synchronized Outcome of(Model model) {
        for (Entry e : entries) {
            if (e.model().get() == model) {
                return e.outcome();
            }
        }
        return null;
    }

    synchronized void record(Model model, Outcome outcome) {
        for (Iterator<Entry> it = entries.iterator(); it.hasNext(); ) {
            if (it.next().model().get() == null) {
                it.remove();
            }
        }
        if (entries.size() == CAPACITY) {
            entries.removeLast();
        }
        entries.addFirst(new Entry(new WeakReference<>(model), outcome));
    }
}
