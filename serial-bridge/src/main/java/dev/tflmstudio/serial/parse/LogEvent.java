package dev.tflmstudio.serial.parse;

/**
 * What one line of a board's serial output means. Every line becomes exactly one event; lines the parser does not
 * recognise become {@link AppText} (application prints interleaved with TFLM's own output).
 */
public sealed interface LogEvent {

    /** Where a per-op profiler line came from. */
    enum ProfilerFormat {
        /** {@code MicroProfiler::Log()}: {@code TAG took N ticks (M ms).} */
        LOG,
        /** {@code MicroProfiler::LogCsv()}: {@code i,TAG,N} (or {@code i,TAG,N,M} in the older 4-column variant). */
        CSV
    }

    /** Which {@code [RecordingMicroAllocator] Arena allocation ...} line. */
    enum ArenaPart { TOTAL, HEAD, TAIL }

    /**
     * One op's profiler event.
     *
     * @param tag        the op name as TFLM prints it ({@code CONV_2D}, a custom op's name)
     * @param ticks      the ticks the op took (signed as printed; an event that never ended shows 4294967295 or -1)
     * @param reportedMs the {@code (N ms)} field or the CSV {@code ms} column, or -1 when the line has none
     * @param csvIndex   the CSV event index, or -1 for {@code Log()} lines
     */
    record OpTiming(String tag, long ticks, long reportedMs, int csvIndex, ProfilerFormat format) implements LogEvent {
    }

    /** {@code "Event","Tag","Ticks"} (or with {@code ,"ms"}): a {@code LogCsv()} block starts. */
    record CsvHeader(boolean withMs) implements LogEvent {
    }

    /**
     * A {@code took} line that is not an op: benchmark helpers print {@code TAG took N ticks (M ms)} without the
     * trailing period, with tags such as {@code InitializeKeywordRunner} or {@code tflite::GetModel}.
     */
    record BenchmarkTiming(String tag, long ticks, long reportedMs) implements LogEvent {
    }

    /** {@code "Unique Tag","Total ticks across all events with that tag."}: a {@code LogTicksPerTagCsv()} block. */
    record TagTotalsHeader() implements LogEvent {
    }

    /** {@code TAG, N} inside a {@code LogTicksPerTagCsv()} block. */
    record TagTotal(String tag, long ticks) implements LogEvent {
    }

    /** {@code "total number of ticks", N} (or the pre-2023 unquoted form) ending a per-tag block. */
    record TotalTicks(long ticks) implements LogEvent {
    }

    /** {@code [RecordingMicroAllocator] Arena allocation total|head|tail N bytes}. */
    record ArenaSize(ArenaPart part, long bytes) implements LogEvent {
    }

    /**
     * {@code [RecordingMicroAllocator] 'NAME' used U bytes with alignment overhead (requested R bytes for C UNIT)}.
     */
    record AllocationLine(String name, long usedBytes, long requestedBytes, long count, String unit)
            implements LogEvent {
    }

    /** {@code c (id=I): size=S, offset=O, first_used=F last_used=L} from {@code PrintMemoryPlan()}. */
    record PlanBuffer(char mark, int id, long size, long offset, int firstUsed, int lastUsed) implements LogEvent {
    }

    /** {@code   t: <80-column bar> (Nk)} from {@code PrintMemoryPlan()}. */
    record PlanTimeline(int time, String bar, long kib) implements LogEvent {
    }

    /** A line that matches one of TFLM's runtime error messages. */
    record ErrorLine(String text) implements LogEvent {
    }

    /** An empty line ({@code MicroPrintf("")}, or the extra {@code \r\n} after a format ending in {@code \n}). */
    record Blank() implements LogEvent {
    }

    /** Any other line: an application print. */
    record AppText(String text) implements LogEvent {
    }

    /** What is wrong with the bytes of a line. */
    enum StreamProblem { GARBLED, GARBAGE_PREFIX, CUT_AT_LIMIT, NO_LINE_END, LINK_LOST }

    /** Something wrong with the byte stream itself (garbage, a cut line); the parser carries on. */
    record StreamWarning(StreamProblem problem, String message) implements LogEvent {
    }
}
