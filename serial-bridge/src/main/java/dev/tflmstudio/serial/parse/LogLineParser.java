package dev.tflmstudio.serial.parse;

import dev.tflmstudio.serial.parse.LogEvent.AllocationLine;
import dev.tflmstudio.serial.parse.LogEvent.AppText;
import dev.tflmstudio.serial.parse.LogEvent.ArenaPart;
import dev.tflmstudio.serial.parse.LogEvent.ArenaSize;
import dev.tflmstudio.serial.parse.LogEvent.BenchmarkTiming;
import dev.tflmstudio.serial.parse.LogEvent.Blank;
import dev.tflmstudio.serial.parse.LogEvent.CsvHeader;
import dev.tflmstudio.serial.parse.LogEvent.ErrorLine;
import dev.tflmstudio.serial.parse.LogEvent.OpTiming;
import dev.tflmstudio.serial.parse.LogEvent.PlanBuffer;
import dev.tflmstudio.serial.parse.LogEvent.PlanTimeline;
import dev.tflmstudio.serial.parse.LogEvent.ProfilerFormat;
import dev.tflmstudio.serial.parse.LogEvent.TagTotal;
import dev.tflmstudio.serial.parse.LogEvent.TagTotalsHeader;
import dev.tflmstudio.serial.parse.LogEvent.TotalTicks;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns one line of TFLM output into a {@link LogEvent}. Stateful only where TFLM's formats are: CSV rows count as
 * profiler events only inside a block opened by their header (so unrelated {@code a,b,c} prints are not taken for
 * ops), with consecutive event indices.
 *
 * <p>Formats (tflm-internals.md section 2): {@code Log()} lines with or without the trailing period (without it, they
 * are benchmark-helper timings, not ops); {@code LogCsv()} with 3 or 4 columns; {@code LogTicksPerTagCsv()} with the
 * quoted or the pre-2023 unquoted total line; {@code PrintAllocations()}; the benchmark tool's arena and allocation
 * tables ({@link BenchmarkTables}); {@code PrintMemoryPlan()} in the current and the pre-2024 layout; error lines.
 */
public final class LogLineParser {
    static final String CSV_HEADER = "\"Event\",\"Tag\",\"Ticks\"";
    static final String CSV_HEADER_MS = "\"Event\",\"Tag\",\"Ticks\",\"ms\"";
    static final String TAG_TOTALS_HEADER = "\"Unique Tag\",\"Total ticks across all events with that tag.\"";
    private static final String TOTAL_QUOTED = "\"total number of ticks\", ";
    private static final String TOTAL_PLAIN = "total number of ticks, ";
    private static final String ALLOCATOR = "[RecordingMicroAllocator] ";
    private static final String ARENA = "Arena allocation ";
    private static final Pattern ALLOCATION = Pattern.compile(
            "'(.+)' used (\\d+) bytes with alignment overhead \\(requested (\\d+) bytes for (\\d+) (.+)\\)");
    private static final Pattern PLAN_BUFFER = Pattern.compile(
            "(.) \\(id=(\\d+)\\): size=(\\d+), offset=(\\d+), first_used=(\\d+) last_used=(\\d+)");
    private static final Pattern PLAN_TIMELINE = Pattern.compile(" *(\\d+): (.*) \\((\\d+)k\\)");

    private enum Block { NONE, CSV, CSV_MS, TAG_TOTALS }

    private final BenchmarkTables tables = new BenchmarkTables();
    private Block block = Block.NONE;
    private int nextCsvIndex;

    /** Forgets any open CSV block (after a reconnect the next line cannot continue one). */
    public void reset() {
        block = Block.NONE;
        tables.reset();
    }

    public LogEvent parse(String line) {
        Block current = block;
        block = Block.NONE;
        if (line.isEmpty()) {
            return new Blank();
        }
        LogEvent table = tables.parse(line);
        if (table != null) {
            return table;
        }
        char first = line.charAt(0);
        if (first == '"') {
            return quoted(line, current);
        }
        if (current == Block.CSV || current == Block.CSV_MS) {
            OpTiming row = csvRow(line, current == Block.CSV_MS);
            if (row != null) {
                block = current;
                nextCsvIndex++;
                return row;
            }
        } else if (current == Block.TAG_TOTALS) {
            LogEvent total = tagTotal(line);
            if (total != null) {
                return total;
            }
        }
        if (line.endsWith(")") || line.endsWith(").")) {
            LogEvent took = took(line);
            if (took != null) {
                return took;
            }
        }
        if (first == '[' && line.startsWith(ALLOCATOR)) {
            LogEvent allocation = allocator(line);
            if (allocation != null) {
                return allocation;
            }
        }
        if (line.startsWith(TOTAL_PLAIN)) {
            long ticks = parseNumber(line, TOTAL_PLAIN.length(), line.length());
            if (ticks != BAD) {
                return new TotalTicks(ticks);
            }
        }
        if (line.endsWith("k)")) {
            Matcher m = PLAN_TIMELINE.matcher(line);
            if (m.matches()) {
                return new PlanTimeline(Integer.parseInt(m.group(1)), m.group(2), Long.parseLong(m.group(3)));
            }
        }
        if (line.length() > 4 && line.charAt(1) == ' ' && line.startsWith("(id=", 2)) {
            Matcher m = PLAN_BUFFER.matcher(line);
            if (m.matches()) {
                return new PlanBuffer(m.group(1).charAt(0), Integer.parseInt(m.group(2)), Long.parseLong(m.group(3)),
                        Long.parseLong(m.group(4)), Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6)));
            }
        }
        if (ErrorPatterns.isError(line)) {
            return new ErrorLine(line);
        }
        return new AppText(line);
    }

    private LogEvent quoted(String line, Block current) {
        switch (line) {
            case CSV_HEADER -> {
                block = Block.CSV;
                nextCsvIndex = 0;
                return new CsvHeader(false);
            }
            case CSV_HEADER_MS -> {
                block = Block.CSV_MS;
                nextCsvIndex = 0;
                return new CsvHeader(true);
            }
            case TAG_TOTALS_HEADER -> {
                block = Block.TAG_TOTALS;
                return new TagTotalsHeader();
            }
            default -> {
                if (line.startsWith(TOTAL_QUOTED)) {
                    long ticks = parseNumber(line, TOTAL_QUOTED.length(), line.length());
                    if (ticks != BAD) {
                        return new TotalTicks(ticks);
                    }
                }
                if (current == Block.TAG_TOTALS) {
                    // A quoted tag would be unusual, but keep the block open for it.
                    LogEvent total = tagTotal(line);
                    if (total != null) {
                        return total;
                    }
                }
                return ErrorPatterns.isError(line) ? new ErrorLine(line) : new AppText(line);
            }
        }
    }

    /** {@code i,TAG,ticks} or {@code i,TAG,ticks,ms}, accepted only with the expected index. */
    private OpTiming csvRow(String line, boolean withMs) {
        int c1 = line.indexOf(',');
        if (c1 <= 0) {
            return null;
        }
        long index = parseNumber(line, 0, c1);
        if (index != nextCsvIndex) {
            return null;
        }
        int c2 = line.indexOf(',', c1 + 1);
        if (c2 <= c1 + 1) {
            return null;
        }
        int c3 = line.indexOf(',', c2 + 1);
        long ticks;
        long ms = -1;
        if (withMs) {
            if (c3 < 0) {
                return null;
            }
            ticks = parseNumber(line, c2 + 1, c3);
            ms = parseNumber(line, c3 + 1, line.length());
            if (ms == BAD) {
                return null;
            }
        } else {
            if (c3 >= 0) {
                return null;
            }
            ticks = parseNumber(line, c2 + 1, line.length());
        }
        if (ticks == BAD) {
            return null;
        }
        return new OpTiming(line.substring(c1 + 1, c2), ticks, ms, (int) index, ProfilerFormat.CSV);
    }

    /** {@code TAG, N} (comma and space) inside a per-tag block, or its closing total. */
    private LogEvent tagTotal(String line) {
        if (line.startsWith(TOTAL_PLAIN)) {
            long ticks = parseNumber(line, TOTAL_PLAIN.length(), line.length());
            return ticks == BAD ? null : new TotalTicks(ticks);
        }
        int sep = line.lastIndexOf(", ");
        if (sep <= 0) {
            return null;
        }
        long ticks = parseNumber(line, sep + 2, line.length());
        if (ticks == BAD) {
            return null;
        }
        block = Block.TAG_TOTALS;
        return new TagTotal(line.substring(0, sep), ticks);
    }

    /** {@code TAG took N ticks (M ms)} with an optional trailing period. */
    private static LogEvent took(String line) {
        boolean period = line.endsWith(".");
        int end = period ? line.length() - 1 : line.length();
        int took = line.indexOf(" took ");
        if (took <= 0) {
            return null;
        }
        int numberStart = took + 6;
        int ticksWord = line.indexOf(" ticks (", numberStart);
        if (ticksWord < 0) {
            return null;
        }
        long ticks = parseNumber(line, numberStart, ticksWord);
        int msStart = ticksWord + 8;
        if (ticks == BAD || end - 4 < msStart || !line.startsWith(" ms)", end - 4)) {
            return null;
        }
        long ms = parseNumber(line, msStart, end - 4);
        if (ms == BAD) {
            return null;
        }
        String tag = line.substring(0, took);
        if (period && isOpTag(tag)) {
            return new OpTiming(tag, ticks, ms, -1, ProfilerFormat.LOG);
        }
        return new BenchmarkTiming(tag, ticks, ms);
    }

    /** Op tags are builtin names or custom op names: never spaces, parentheses or C++ scopes. */
    private static boolean isOpTag(String tag) {
        // Control characters never reach here (garbled lines are not parsed).
        return tag.indexOf(' ') < 0 && tag.indexOf('(') < 0 && tag.indexOf(':') < 0 && tag.indexOf('\t') < 0;
    }

    private static LogEvent allocator(String line) {
        int start = ALLOCATOR.length();
        if (line.startsWith(ARENA, start)) {
            int partStart = start + ARENA.length();
            int space = line.indexOf(' ', partStart);
            if (space < 0 || !line.endsWith(" bytes")) {
                return null;
            }
            ArenaPart part = switch (line.substring(partStart, space)) {
                case "total" -> ArenaPart.TOTAL;
                case "head" -> ArenaPart.HEAD;
                case "tail" -> ArenaPart.TAIL;
                default -> null;
            };
            long bytes = parseNumber(line, space + 1, line.length() - 6);
            return part == null || bytes == BAD ? null : new ArenaSize(part, bytes);
        }
        Matcher m = ALLOCATION.matcher(line).region(start, line.length());
        if (!m.matches()) {
            return null;
        }
        return new AllocationLine(m.group(1), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
                Long.parseLong(m.group(4)), m.group(5));
    }

    static final long BAD = Long.MIN_VALUE;

    /** A decimal integer (optional minus) filling exactly {@code [from, to)}, or {@link #BAD}. */
    static long parseNumber(String s, int from, int to) {
        if (from >= to || to - from > 19) {
            return BAD;
        }
        boolean negative = s.charAt(from) == '-';
        int i = negative ? from + 1 : from;
        if (i == to) {
            return BAD;
        }
        long value = 0;
        for (; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return BAD;
            }
            value = value * 10 + (c - '0');
        }
        return negative ? -value : value;
    }
}
