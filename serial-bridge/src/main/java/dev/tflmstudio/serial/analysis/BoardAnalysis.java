package dev.tflmstudio.serial.analysis;

import dev.tflmstudio.serial.analysis.SessionSummary.TagTotalRow;
import dev.tflmstudio.serial.parse.LogEvent;
import dev.tflmstudio.serial.parse.LogEvent.AllocationLine;
import dev.tflmstudio.serial.parse.LogEvent.ArenaSize;
import dev.tflmstudio.serial.parse.LogEvent.ErrorLine;
import dev.tflmstudio.serial.parse.LogEvent.OpTiming;
import dev.tflmstudio.serial.parse.LogEvent.PlanBuffer;
import dev.tflmstudio.serial.parse.LogEvent.StreamWarning;
import dev.tflmstudio.serial.parse.LogEvent.TagTotal;
import dev.tflmstudio.serial.parse.LogEvent.TagTotalsHeader;
import dev.tflmstudio.serial.parse.LogEvent.TotalTicks;
import dev.tflmstudio.serial.parse.ParsedLine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns parsed lines into what a user wants from a board: invocations mapped to the model's ops, per-op statistics,
 * the measured arena, the printed memory plan, board errors and warnings. Feed it from one thread (it is the sink of
 * a {@link dev.tflmstudio.serial.parse.LogStreamParser}); {@link #summary()} may be called from any thread.
 * Listener calls happen on the feeding thread.
 */
public final class BoardAnalysis implements Consumer<ParsedLine> {
    private static final int MAX_ERRORS = 100;
    /** More than any model has; bounds what a stream that never ends a block can make the analysis keep. */
    private static final int MAX_ROWS = 4096;
    private static final long UNFINISHED_EVENT = 0xFFFFFFFFL;

    private final TickClock clock;
    private final AnalysisListener listener;
    private final InvocationGrouper grouper;
    private final ProfileStatistics statistics = new ProfileStatistics();
    private final Warnings warnings = new Warnings();
    private final List<String> errors = new ArrayList<>();
    private ClockRange clockRange = ClockRange.UNKNOWN;
    private long invocations;
    private long errorLines;
    private long lines;
    private long bytes;
    private Invocation lastInvocation;
    private MeasuredArena arena = MeasuredArena.NONE;
    private List<PlanBuffer> planBuffers = new ArrayList<>();
    private MeasuredPlan plan;
    private List<TagTotalRow> tagTotals = List.of();
    private List<TagTotalRow> collectingTagTotals;

    /**
     * @param expected the model's op sequence, or null to learn it from the first invocation
     * @param clock    the board's tick clock, or null when unknown (times are then not derived)
     * @param listener receives results as they happen
     */
    public BoardAnalysis(OpSequence expected, TickClock clock, AnalysisListener listener) {
        this.clock = clock;
        this.listener = listener;
        this.grouper = new InvocationGrouper(expected, new InvocationGrouper.Output() {
            @Override
            public void invocation(Invocation invocation) {
                onInvocation(invocation);
            }

            @Override
            public void warning(String kind, String message) {
                warn(kind, message);
            }
        });
        if (expected != null && !expected.predictable()) {
            warn("unpredictable", "events are not mapped to the model's ops: " + expected.unpredictableReason());
        }
    }

    @Override
    public synchronized void accept(ParsedLine line) {
        lines = Math.max(lines, line.number());
        listener.line(line);
        LogEvent event = line.event();
        if (event instanceof OpTiming op) {
            checkTiming(op, line.number());
            grouper.op(op, line.number(), line.receivedNanos());
            return;
        }
        if (!(event instanceof TagTotal || event instanceof TotalTicks)) {
            grouper.boundary();
        }
        if (event instanceof TagTotalsHeader) {
            collectingTagTotals = new ArrayList<>();
        } else if (event instanceof TagTotal t) {
            if (collectingTagTotals != null && collectingTagTotals.size() < MAX_ROWS) {
                collectingTagTotals.add(new TagTotalRow(t.tag(), t.ticks()));
            }
        } else if (event instanceof TotalTicks t) {
            endTagTotals(t.ticks(), line.number());
        } else if (event instanceof ArenaSize a) {
            arenaSize(a);
        } else if (event instanceof AllocationLine a) {
            // A category printed again (PrintAllocations after every invoke, without the total line) replaces itself.
            List<AllocationCategory> categories = new ArrayList<>(arena.categories());
            AllocationCategory category = new AllocationCategory(a.name(), a.usedBytes(), a.requestedBytes(),
                    a.count(), a.unit());
            int again = categories.stream().map(AllocationCategory::name).toList().indexOf(a.name());
            if (again >= 0) {
                categories.set(again, category);
            } else if (categories.size() < MAX_ROWS) {
                categories.add(category);
            }
            arena = new MeasuredArena(arena.totalBytes(), arena.headBytes(), arena.tailBytes(), categories);
            listener.arena(arena);
        } else if (event instanceof PlanBuffer b) {
            if (b.id() == 0) {
                planBuffers = new ArrayList<>();
            }
            if (planBuffers.size() < MAX_ROWS) {
                planBuffers.add(b);
                plan = MeasuredPlan.of(planBuffers);
                listener.memoryPlan(plan);
            }
        } else if (event instanceof ErrorLine e) {
            errorLines++;
            if (errors.size() < MAX_ERRORS) {
                errors.add(e.text());
            }
            String first = warnings.error(e.text(), line.number());
            if (first != null) {
                listener.warning(first);
            }
        } else if (event instanceof StreamWarning w) {
            warn(w.problem().name(), w.message());
        }
    }

    /** The stream ended (replay done, or the session stopped): an invocation still open is complete. */
    public synchronized void endOfStream() {
        grouper.boundary();
    }

    /** Counts bytes received (for the summary; the parser sees them, the analysis only sees lines). */
    public synchronized void countBytes(long count) {
        bytes += count;
    }

    /** Bytes counted so far (cheap; {@link #summary()} walks every op's tick distribution). */
    public synchronized long bytes() {
        return bytes;
    }

    /** Invocations so far (cheap). */
    public synchronized long invocations() {
        return invocations;
    }

    public synchronized SessionSummary summary() {
        return new SessionSummary(invocations, statistics.invocations(),
                statistics.invocations() == 0 ? List.of() : statistics.snapshot(), statistics.totals(), arena, plan,
                clock, clockRange, tagTotals, errors, errorLines, warnings.list(), lines, bytes);
    }

    private void onInvocation(Invocation invocation) {
        invocations++;
        lastInvocation = invocation;
        if (invocation.matched()) {
            statistics.add(invocation);
        }
        listener.invocation(invocation);
    }

    private void checkTiming(OpTiming op, long line) {
        if (op.ticks() == UNFINISHED_EVENT || op.ticks() == -1) {
            warn("unfinished", "line " + line + ": " + op.tag() + " shows " + op.ticks()
                    + " ticks, the mark of a profiler event that never ended");
            return;
        }
        if (op.reportedMs() < 0) {
            return;
        }
        clockRange = clockRange.with(op.ticks(), op.reportedMs());
        if (clock != null) {
            long expectedMs = clock.tflmMillis(op.ticks());
            if (expectedMs != op.reportedMs()) {
                warn("clock", "line " + line + ": the board printed " + op.ticks() + " ticks as " + op.reportedMs()
                        + " ms, but at " + clock.ticksPerSecond() + " ticks/s (" + clock.source()
                        + ") TFLM would print " + expectedMs + " ms: the board's tick rate is different");
            }
        }
    }

    private void endTagTotals(long total, long line) {
        List<TagTotalRow> rows = collectingTagTotals == null ? List.of() : collectingTagTotals;
        collectingTagTotals = null;
        tagTotals = List.copyOf(rows);
        long sum = rows.stream().mapToLong(TagTotalRow::ticks).sum();
        if (!rows.isEmpty() && sum != total) {
            warn("tag-total", "line " + line + ": the per-tag ticks add up to " + sum + " but the total line says "
                    + total);
        }
        if (lastInvocation != null && !rows.isEmpty()) {
            Map<String, Long> byTag = new LinkedHashMap<>();
            for (ProfiledOp op : lastInvocation.ops()) {
                byTag.merge(op.tag(), op.ticks(), Long::sum);
            }
            Map<String, Long> printed = new LinkedHashMap<>();
            rows.forEach(r -> printed.put(r.tag(), r.ticks()));
            if (!byTag.equals(printed)) {
                warn("tag-total-mismatch", "line " + line + ": the per-tag totals do not add up from invocation "
                        + lastInvocation.number() + " (events were not cleared between invokes?)");
            }
        }
    }

    private void arenaSize(ArenaSize size) {
        switch (size.part()) {
            case TOTAL -> arena = new MeasuredArena(size.bytes(), -1, -1, List.of());
            case HEAD -> arena = new MeasuredArena(arena.totalBytes(), size.bytes(), arena.tailBytes(),
                    arena.categories());
            case TAIL -> arena = new MeasuredArena(arena.totalBytes(), arena.headBytes(), size.bytes(),
                    arena.categories());
        }
        listener.arena(arena);
    }

    private void warn(String kind, String message) {
        if (warnings.add(kind, message)) {
            listener.warning(message);
        }
    }
}
