package dev.tflmstudio.serial.analysis;

import java.util.Locale;

/** The terminal rendering of a {@link SessionSummary}: per-op table, arena, clock, warnings. */
public final class SummaryText {
    private SummaryText() {
    }

    public static String render(SessionSummary s) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "invocations: %d (%d matched, %d flagged)   lines: %d   bytes: %d%n",
                s.invocations(), s.matchedInvocations(), s.invocations() - s.matchedInvocations(), s.lines(),
                s.bytes()));
        out.append(clockLine(s)).append(System.lineSeparator());
        if (!s.ops().isEmpty()) {
            boolean times = s.clock() != null;
            out.append(String.format(Locale.ROOT, "  %-4s %-28s %7s %10s %10s %10s %10s %10s%s%n", "#", "op", "count",
                    "min", "median", "p95", "max", "first", times ? "  median ms" : ""));
            long total = 0;
            boolean approximate = false;
            for (OpStatistics op : s.ops()) {
                TickStats a = op.all();
                total += a.median();
                approximate |= !a.exact();
                out.append(String.format(Locale.ROOT, "  %-4d %-28s %7d %10d %10d %10d %10d %10d%s%s%n", op.index(),
                        op.tag(), a.count(), a.min(), a.median(), a.p95(), a.max(), op.firstTicks(),
                        times ? String.format(Locale.ROOT, "  %9.3f", s.clock().millis(a.median())) : "",
                        a.exact() ? "" : " ~"));
            }
            out.append(String.format(Locale.ROOT, "  %-4s %-28s %7s %10s %10d%s%n", "", "sum of medians (ticks)", "",
                    "", total, times ? String.format(Locale.ROOT, " = %.3f ms", s.clock().millis(total)) : ""));
            TickStats t = s.invocationTicks();
            approximate |= !t.exact();
            out.append(String.format(Locale.ROOT, "  %-4s %-28s %7d %10d %10d %10d %10d %10s%s%s%n", "",
                    "whole invocation (ticks)", t.count(), t.min(), t.median(), t.p95(), t.max(), "",
                    times ? String.format(Locale.ROOT, "  %9.3f", s.clock().millis(t.median())) : "",
                    t.exact() ? "" : " ~"));
            if (approximate) {
                out.append("  ~ more than ").append(TickDistribution.EXACT_VALUES).append(" different tick counts:"
                        + " median and p95 from a histogram, within 0.1% (min and max exact)")
                        .append(System.lineSeparator());
            }
        }
        if (s.errorLines() > s.errors().size()) {
            out.append(String.format(Locale.ROOT, "errors: %d lines (the first %d kept in the JSON summary; the"
                    + " warnings list them by kind)%n", s.errorLines(), s.errors().size()));
        }
        MeasuredArena arena = s.arena();
        if (arena.reported()) {
            out.append(String.format(Locale.ROOT, "arena: total %d bytes, head %d bytes, tail %d bytes%n",
                    arena.totalBytes(), arena.headBytes(), arena.tailBytes()));
            for (AllocationCategory c : arena.categories()) {
                out.append(String.format(Locale.ROOT, "  %-44s %8d bytes used (%d requested, %d %s)%n",
                        "'" + c.name() + "'", c.usedBytes(), c.requestedBytes(), c.count(), c.unit()));
            }
        } else {
            out.append("arena: not reported (the firmware did not call PrintAllocations)").append(System.lineSeparator());
        }
        if (s.plan() != null) {
            out.append(String.format(Locale.ROOT, "memory plan printed by the board: %d buffers, %d bytes planned%n",
                    s.plan().buffers().size(), s.plan().headBytes()));
        }
        if (!s.warnings().isEmpty()) {
            out.append("warnings:").append(System.lineSeparator());
            for (String w : s.warnings()) {
                out.append("  - ").append(w).append(System.lineSeparator());
            }
        }
        return out.toString();
    }

    private static String clockLine(SessionSummary s) {
        ClockRange range = s.clockRange();
        String observed = "";
        if (range.samples() > 0 && !range.inconsistent() && range.lowExclusive() > 0) {
            observed = Double.isInfinite(range.highInclusive())
                    ? String.format(Locale.ROOT, "; the (N ms) fields say above %.0f ticks/s", range.lowExclusive())
                    : String.format(Locale.ROOT, "; the (N ms) fields say %.0f to %.0f ticks/s", range.lowExclusive(),
                            range.highInclusive());
        }
        if (s.clock() == null) {
            return "clock: unknown (give --device or --tick-hz for times)" + observed;
        }
        return String.format(Locale.ROOT, "clock: %d ticks/s (%s)%s", s.clock().ticksPerSecond(), s.clock().source(),
                observed);
    }
}
