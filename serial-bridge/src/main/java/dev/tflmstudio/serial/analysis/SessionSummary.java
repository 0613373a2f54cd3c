package dev.tflmstudio.serial.analysis;

import java.util.List;

/**
 * Everything a session has measured so far.
 *
 * @param invocations           invocations seen (a Log()/LogCsv() reprint of the same one counts once)
 * @param matchedInvocations    those that matched the expected op sequence and feed {@link #ops()}
 * @param ops                   per-op statistics over matched invocations
 * @param invocationTicks       whole-invocation ticks (the sum of its ops) over matched invocations
 * @param arena                 the measured arena ({@link MeasuredArena#NONE} when the board printed none)
 * @param plan                  the board's printed memory plan, or null
 * @param clock                 the tick clock used for times, or null when unknown
 * @param clockRange            the clock rates consistent with the boards' {@code (N ms)} fields
 * @param tagTotals             the last {@code LogTicksPerTagCsv()} block (tag, ticks), empty when none
 * @param errors                error lines the board printed, in order (the first 100)
 * @param errorLines            how many error lines the board printed in all
 * @param warnings              merged warnings
 * @param lines                 lines parsed
 * @param bytes                 bytes received
 */
public record SessionSummary(long invocations, long matchedInvocations, List<OpStatistics> ops,
                             TickStats invocationTicks, MeasuredArena arena, MeasuredPlan plan, TickClock clock,
                             ClockRange clockRange, List<TagTotalRow> tagTotals, List<String> errors, long errorLines,
                             List<String> warnings, long lines, long bytes) {
    public SessionSummary {
        ops = List.copyOf(ops);
        tagTotals = List.copyOf(tagTotals);
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
    }

    /** One row of {@code LogTicksPerTagCsv()}. */
    public record TagTotalRow(String tag, long ticks) {
    }
}
