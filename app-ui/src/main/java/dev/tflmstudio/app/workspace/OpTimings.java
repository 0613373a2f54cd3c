package dev.tflmstudio.app.workspace;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;

/**
 * Wall times of each op of subgraph 0 over the complete local invokes so far, in nanoseconds, in run order (the
 * profiler's statistics need every sample, not just sums).
 *
 * <p>An immutable snapshot that is cheap to extend: successive snapshots share one append-only store, and each sees
 * only its own first {@link #invokes()} samples, so {@link #plus} costs O(ops) amortised however many invokes came
 * before (users run thousands to get stable statistics). Means come from per-snapshot running sums. A snapshot is
 * safe to hand to other threads once published (through a queue, {@code Platform.runLater} or a volatile field): the
 * samples it reads were all written before it was created, and later appends write only past its end.
 */
public final class OpTimings {
    private final Store store;
    /** The store's columns as they were when this snapshot was made; growing the store never writes to them again. */
    private final long[][] columns;
    private final int invokes;
    private final long[] sums;

    private OpTimings(Store store, long[][] columns, int invokes, long[] sums) {
        this.store = store;
        this.columns = columns;
        this.invokes = invokes;
        this.sums = sums;
    }

    public static OpTimings first(long[] nanos) {
        if (nanos.length == 0) {
            throw new IllegalArgumentException("no ops timed");
        }
        Store store = new Store(nanos.length, 16);
        synchronized (store) {
            return new OpTimings(store, store.append(nanos), 1, nanos.clone());
        }
    }

    /**
     * These timings plus one more invoke. Appends in place when this is the newest snapshot of its store; a second
     * extension of the same snapshot (a branch, which the app never makes) copies this snapshot's samples first.
     */
    public OpTimings plus(long[] nanos) {
        if (nanos.length != opCount()) {
            throw new IllegalArgumentException("invoke timed " + nanos.length + " ops, expected " + opCount());
        }
        long[] more = sums.clone();
        for (int i = 0; i < more.length; i++) {
            more[i] += nanos[i];
        }
        synchronized (store) {
            if (store.size == invokes) {
                return new OpTimings(store, store.append(nanos), invokes + 1, more);
            }
        }
        Store branch = Store.copyOf(columns, invokes);
        synchronized (branch) {
            return new OpTimings(branch, branch.append(nanos), invokes + 1, more);
        }
    }

    public int invokes() {
        return invokes;
    }

    /** Ops timed per invoke. */
    public int opCount() {
        return sums.length;
    }

    /** The latest invoke. */
    public long[] last() {
        long[] nanos = new long[opCount()];
        for (int op = 0; op < nanos.length; op++) {
            nanos[op] = columns[op][invokes - 1];
        }
        return nanos;
    }

    /** One op's times over the invokes in run order, in microseconds (what the profiler's statistics take). */
    public List<Double> micros(int op) {
        long[] column = columns[op];
        int n = invokes;
        return new AbstractList<>() {
            @Override
            public Double get(int i) {
                if (i < 0 || i >= n) {
                    throw new IndexOutOfBoundsException(i);
                }
                return column[i] / 1000.0;
            }

            @Override
            public int size() {
                return n;
            }
        };
    }

    /**
     * Whether {@code later} is these timings with zero or more invokes appended (the same run, further on), not a
     * different run or a branch.
     */
    public boolean isEarlierStateOf(OpTimings later) {
        // Only the newest snapshot of a store appends to it, so snapshots of one store are prefixes of each other.
        return store == later.store && invokes <= later.invokes;
    }

    public double meanNanos(int op) {
        return op < sums.length ? (double) sums[op] / invokes : 0;
    }

    public double totalMeanNanos() {
        double t = 0;
        for (int i = 0; i < opCount(); i++) {
            t += meanNanos(i);
        }
        return t;
    }

    @Override
    public String toString() {
        return "OpTimings[" + invokes + " invokes of " + opCount() + " ops]";
    }

    /** Samples by op (column-major, so one op's statistics scan one array), grown by doubling. */
    private static final class Store {
        private long[][] columns;
        private int size;

        Store(int ops, int capacity) {
            columns = new long[ops][capacity];
        }

        /** Appends one invoke and returns the columns that hold it. Call holding this store's lock. */
        long[][] append(long[] nanos) {
            if (size == columns[0].length) {
                // New arrays rather than growing in place: older snapshots keep reading the ones they captured.
                long[][] grown = new long[columns.length][];
                for (int op = 0; op < grown.length; op++) {
                    grown[op] = Arrays.copyOf(columns[op], size * 2);
                }
                columns = grown;
            }
            for (int op = 0; op < nanos.length; op++) {
                columns[op][size] = nanos[op];
            }
            size++;
            return columns;
        }

        static Store copyOf(long[][] from, int count) {
            Store copy = new Store(from.length, Math.max(16, count * 2));
            for (int op = 0; op < from.length; op++) {
                System.arraycopy(from[op], 0, copy.columns[op], 0, count);
            }
            copy.size = count;
            return copy;
        }
    }
}
