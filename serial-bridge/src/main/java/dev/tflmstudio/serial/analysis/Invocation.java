package dev.tflmstudio.serial.analysis;

import dev.tflmstudio.serial.parse.LogEvent.ProfilerFormat;
import java.util.List;

/**
 * The profiler events of one {@code Invoke()}, in execution order.
 *
 * @param number        1-based count of invocations seen in this session
 * @param ops           the events
 * @param format        {@code Log()} or {@code LogCsv()} output
 * @param mismatch      null when the op sequence is the expected one (the model's, or without a model the first
 *                      invocation's); otherwise what differs. Mismatched invocations are not mapped to ops and not
 *                      counted in the per-op statistics.
 * @param receivedNanos when its last line arrived (nanoseconds since the session began)
 */
public record Invocation(long number, List<ProfiledOp> ops, ProfilerFormat format, String mismatch,
                         long receivedNanos) {
    public Invocation {
        ops = List.copyOf(ops);
    }

    public boolean matched() {
        return mismatch == null;
    }

    public long totalTicks() {
        long total = 0;
        for (ProfiledOp op : ops) {
            total += op.ticks();
        }
        return total;
    }
}
