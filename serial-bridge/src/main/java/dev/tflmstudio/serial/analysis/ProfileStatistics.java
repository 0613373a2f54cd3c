package dev.tflmstudio.serial.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Accumulates matched invocations into per-op tick samples. Not thread-safe; the owner synchronizes. */
final class ProfileStatistics {
    private final List<String> tags = new ArrayList<>();
    private long[][] samples = new long[0][];
    private int count;

    void add(Invocation invocation) {
        List<ProfiledOp> ops = invocation.ops();
        if (count == 0) {
            samples = new long[ops.size()][16];
            for (ProfiledOp op : ops) {
                tags.add(op.tag());
            }
        } else if (ops.size() != tags.size()) {
            throw new IllegalArgumentException("invocation of " + ops.size() + " ops, statistics have " + tags.size());
        }
        if (count == samples[0].length) {
            for (int i = 0; i < samples.length; i++) {
                samples[i] = Arrays.copyOf(samples[i], Math.max(16, count * 2));
            }
        }
        for (int i = 0; i < ops.size(); i++) {
            samples[i][count] = ops.get(i).ticks();
        }
        count++;
    }

    int invocations() {
        return count;
    }

    List<OpStatistics> snapshot() {
        List<OpStatistics> result = new ArrayList<>(tags.size());
        for (int i = 0; i < tags.size(); i++) {
            long[] values = samples[i];
            result.add(new OpStatistics(i, tags.get(i), TickStats.of(values, 0, count), values[0],
                    TickStats.of(values, 1, count)));
        }
        return result;
    }
}
