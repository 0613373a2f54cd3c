package dev.tflmstudio.serial.analysis;

import dev.tflmstudio.runtime.model.BuiltinOperators;
import dev.tflmstudio.serial.parse.LogEvent.OpTiming;
import dev.tflmstudio.serial.parse.LogEvent.ProfilerFormat;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * Groups per-op profiler events into invocations. TFLM prints no invocation marker, so boundaries come from:
 * <ul>
 *   <li>the reference sequence: the loaded model's ops ({@link OpSequence}), or without a model the first
 *       invocation seen; an invocation is complete when its events spell the whole sequence;</li>
 *   <li>any other line between profiler lines (a blank line, an application print, a CSV header), and a restart of
 *       the CSV event index;</li>
 *   <li>before a reference exists only: a pause of {@link #LEARNING_GAP_NANOS} in the stream; and a block that
 *       reaches {@link #MAX_EVENTS} without any boundary is split at its repetition period (the shortest sequence of
 *       at least two different tags it repeats exactly).</li>
 * </ul>
 * An invocation whose ops differ from the reference is emitted flagged (never forced onto the model); the grouper
 * re-synchronises at the next event carrying the reference's first tag. A {@code LogCsv()} block that repeats the
 * immediately preceding {@code Log()} output (or the reverse) is the same invocation printed twice and is counted once.
 * At the start of a stream, events that are a tail of the model's sequence (attached mid-way) are dropped with a note.
 * A lone event whose tag is neither a builtin op nor in the reference is a timing of something else (the benchmark
 * tool times {@code TfliteGetModel} with {@code Log()}) and is not an invocation.
 */
final class InvocationGrouper {
    /** TFLM's {@code MicroProfiler::kMaxEvents}: no real invocation has more events. */
    static final int MAX_EVENTS = 4096;
    static final long LEARNING_GAP_NANOS = 50_000_000L;

    interface Output {
        void invocation(Invocation invocation);

        void warning(String kind, String message);
    }

    private final Output out;
    private final boolean fromModel;
    private final String referenceSource;
    private List<String> reference;
    private final List<ProfiledOp> pending = new ArrayList<>();
    private ProfilerFormat pendingFormat;
    private long pendingNanos;
    private boolean diverged;
    private Invocation last;
    private boolean lastReprinted;
    private long emitted;

    InvocationGrouper(OpSequence expected, Output out) {
        this.out = out;
        this.fromModel = expected != null && expected.predictable();
        this.reference = fromModel ? expected.tags() : null;
        this.referenceSource = fromModel ? expected.source() : "the first invocation";
    }

    void op(OpTiming event, long line, long nanos) {
        if (!pending.isEmpty()) {
            boolean newBlock = event.format() != pendingFormat || event.csvIndex() == 0;
            boolean pause = reference == null && nanos - pendingNanos > LEARNING_GAP_NANOS;
            boolean resync = reference != null && (diverged || pending.size() >= reference.size())
                    && event.tag().equals(reference.get(0));
            if (newBlock || pause || resync) {
                boundary();
            }
        }
        int position = pending.size();
        pendingFormat = event.format();
        pendingNanos = nanos;
        pending.add(new ProfiledOp(position, event.tag(), event.ticks(), event.reportedMs(), line));
        if (reference != null) {
            if (position >= reference.size() || !reference.get(position).equals(event.tag())) {
                diverged = true;
            } else if (!diverged && pending.size() == reference.size()) {
                emit(List.copyOf(pending), null);
                pending.clear();
                return;
            }
        }
        if (pending.size() >= MAX_EVENTS) {
            close(true);
        }
    }

    /** A line that is not a per-op event: whatever is pending is complete. */
    void boundary() {
        close(false);
    }

    /** Ends the pending block; {@code overflow} when it ended only because it grew to {@link #MAX_EVENTS}. */
    private void close(boolean overflow) {
        if (pending.isEmpty()) {
            return;
        }
        List<ProfiledOp> block = List.copyOf(pending);
        pending.clear();
        diverged = false;
        if (block.size() == 1 && !isOpName(block.get(0).tag())) {
            // A lone timing of something that is no op (the benchmark tool's "TfliteGetModel took 4 ticks (0 ms).").
            return;
        }
        if (reference == null) {
            learn(block, overflow);
        } else if (emitted == 0 && fromModel && isTailOfReference(block)) {
            out.warning("partial-start", "the first " + block.size() + " profiler events are the end of an"
                    + " invocation already under way when the stream started; skipped");
        } else {
            emit(block, describeMismatch(block));
        }
    }

    /**
     * Takes the first block as the reference. A block that ended on its own is one invocation; one that overflowed
     * came from a stream with no separators at all, so it is split at its repetition period if it has one.
     */
    private void learn(List<ProfiledOp> block, boolean overflow) {
        int period = overflow ? repetitionPeriod(block) : block.size();
        reference = block.subList(0, period).stream().map(ProfiledOp::tag).toList();
        for (int start = 0; start < block.size(); start += period) {
            List<ProfiledOp> chunk = new ArrayList<>(period);
            for (int i = 0; i < period; i++) {
                ProfiledOp op = block.get(start + i);
                chunk.add(new ProfiledOp(i, op.tag(), op.ticks(), op.reportedMs(), op.line()));
            }
            emit(chunk, null);
        }
    }

    /** The smallest period of at least two distinct tags that the block repeats exactly, else its length. */
    private static int repetitionPeriod(List<ProfiledOp> block) {
        int n = block.size();
        for (int p = 2; p <= n / 2; p++) {
            if (n % p != 0 || distinctTags(block, p) < 2) {
                continue;
            }
            boolean repeats = true;
            for (int i = p; i < n && repeats; i++) {
                repeats = block.get(i).tag().equals(block.get(i - p).tag());
            }
            if (repeats) {
                return p;
            }
        }
        return n;
    }

    private static int distinctTags(List<ProfiledOp> block, int length) {
        HashSet<String> tags = new HashSet<>();
        for (int i = 0; i < length; i++) {
            tags.add(block.get(i).tag());
        }
        return tags.size();
    }

    private boolean isOpName(String tag) {
        return BuiltinOperators.code(tag) >= 0 || (reference != null && reference.contains(tag));
    }

    private boolean isTailOfReference(List<ProfiledOp> block) {
        int offset = reference.size() - block.size();
        if (offset <= 0) {
            return false;
        }
        for (int i = 0; i < block.size(); i++) {
            String expected = reference.get(offset + i);
            String tag = block.get(i).tag();
            // The very first line may itself be cut at its start.
            if (i == 0 ? !expected.endsWith(tag) : !expected.equals(tag)) {
                return false;
            }
        }
        return true;
    }

    private String describeMismatch(List<ProfiledOp> block) {
        for (int i = 0; i < Math.min(block.size(), reference.size()); i++) {
            if (!block.get(i).tag().equals(reference.get(i))) {
                return "event " + i + " is " + block.get(i).tag() + " but op " + i + " of " + referenceSource
                        + " is " + reference.get(i);
            }
        }
        return block.size() + " events, " + referenceSource + " has " + reference.size() + " ops";
    }

    private void emit(List<ProfiledOp> ops, String mismatch) {
        if (last != null && !lastReprinted && last.format() != pendingFormat && sameEvents(last.ops(), ops)) {
            lastReprinted = true;
            return;
        }
        emitted++;
        last = new Invocation(emitted, ops, pendingFormat, mismatch, pendingNanos);
        lastReprinted = false;
        if (mismatch != null) {
            out.warning("mismatch", "invocation " + emitted + " does not match: " + mismatch
                    + "; its events are not mapped to ops");
        }
        out.invocation(last);
    }

    private static boolean sameEvents(List<ProfiledOp> a, List<ProfiledOp> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i).ticks() != b.get(i).ticks() || !a.get(i).tag().equals(b.get(i).tag())) {
                return false;
            }
        }
        return true;
    }
}
