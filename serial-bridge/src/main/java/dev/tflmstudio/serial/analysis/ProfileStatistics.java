package dev.tflmstudio.serial.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * Accumulates matched invocations into per-op and per-invocation tick distributions, in memory that stays the same
 * however long the session runs. Not thread-safe; the owner synchronizes.
 */
final class ProfileStatistics {
    private final List<String> tags = new ArrayList<>();
    private final TickDistribution totals = new TickDistribution();
    private TickDistribution[] all = new TickDistribution[0];
    private long[] first = new long[0];
    private long count;

    void add(Invocation invocation) {
        List<ProfiledOp> ops = invocation.ops();
        if (count == 0) {
            all = new TickDistribution[ops.size()];
            first = new long[ops.size()];
            for (int i = 0; i < ops.size(); i++) {
                tags.add(ops.get(i).tag());
                all[i] = new TickDistribution();
                first[i] = ops.get(i).ticks();
            }
        } else if (ops.size() != tags.size()) {
            throw new IllegalArgumentException("invocation of " + ops.size() + " ops, statistics have " + tags.size());
        }
        for (int i = 0; i < ops.size(); i++) {
            all[i].add(ops.get(i).ticks());
        }
        totals.add(invocation.totalTicks());
        count++;
    }

    long invocations() {
        return count;
    }

    /** Whole-invocation ticks (the sum of its ops) over every matched invocation. */
    TickStats totals() {
        return totals.stats();
    }

    List<OpStatistics> snapshot() {
        List<OpStatistics> result = new ArrayList<>(tags.size());
        for (int i = 0; i < tags.size(); i++) {
            result.add(new OpStatistics(i, tags.get(i), all[i].stats(), first[i], all[i].steadyStats()));
        }
        return result;
    }
}
