package dev.tflmstudio.serial.parse;

import dev.tflmstudio.serial.parse.LogEvent.AllocationLine;
import dev.tflmstudio.serial.parse.LogEvent.AppText;
import dev.tflmstudio.serial.parse.LogEvent.ArenaPart;
import dev.tflmstudio.serial.parse.LogEvent.ArenaSize;
import java.util.Map;

/**
 * The generic benchmark tool's arena tables ({@code tools/benchmarking/metrics.cc}):
 * <pre>
 * [[ Table ]]: Arena                      [[ CSV ]]: Arena
 *         Arena   Bytes   % Arena         "Arena","Bytes","% Arena"
 *         Total | 84436 |   100.00        "Total",84436,100.00
 * NonPersistent | 55296 |    65.49        ... (rows Total/NonPersistent/Persistent, or Total/Head/Tail)
 * [[ Table ]]: Allocations
 *   Allocation   Id    Used   Requested   Count   % Memory
 *   Eval tensor data |  0 |  1068 |  1068 |  89 |  1.26   ... (7 rows)
 * </pre>
 * Rows become the same events as {@code PrintAllocations()} lines, with the categories under the names
 * {@code PrintAllocations()} uses; all-zero allocation rows (which PrintAllocations would not print) are plain text.
 * The header line after the title is plain text; the table ends at the first line that is not a row.
 */
final class BenchmarkTables {
    private static final Map<String, ArenaPart> ARENA_ROWS = Map.of("Total", ArenaPart.TOTAL,
            "NonPersistent", ArenaPart.HEAD, "Head", ArenaPart.HEAD, "Persistent", ArenaPart.TAIL,
            "Tail", ArenaPart.TAIL);
    /** Benchmark row title -> (PrintAllocations name, what it counts). */
    private static final Map<String, String[]> ALLOCATION_ROWS = Map.of(
            "Eval tensor data", new String[] {"TfLiteEvalTensor data", "allocations"},
            "Persistent tensor data", new String[] {"Persistent TfLiteTensor data", "tensors"},
            "Persistent quantization data", new String[] {"Persistent TfLiteTensor quantization data", "allocations"},
            "Persistent buffer data", new String[] {"Persistent buffer data", "allocations"},
            "Tensor variable buffer data", new String[] {"TfLiteTensor variable buffer data", "allocations"},
            "Node and registration array", new String[] {"NodeAndRegistration struct", "NodeAndRegistration structs"},
            "Operation data", new String[] {"Operator runtime data", "OpData structs"});

    private enum Table { NONE, ARENA, ALLOCATIONS }

    private Table table = Table.NONE;
    private boolean columnsSeen;

    void reset() {
        table = Table.NONE;
    }

    /** The event for {@code line} when it belongs to a benchmark table, else null (and any open table ends). */
    LogEvent parse(String line) {
        if (line.startsWith("[[ ") && (line.endsWith("]]: Arena") || line.endsWith("]]: Allocations"))) {
            table = line.endsWith("Arena") ? Table.ARENA : Table.ALLOCATIONS;
            columnsSeen = false;
            return new AppText(line);
        }
        if (table == Table.NONE) {
            return null;
        }
        if (!columnsSeen) {
            columnsSeen = true;
            return new AppText(line);
        }
        String[] cells = line.contains(" | ") ? line.split("\\|") : line.split(",");
        LogEvent row = table == Table.ARENA ? arenaRow(cells, line) : allocationRow(cells, line);
        if (row == null) {
            table = Table.NONE;
        }
        return row;
    }

    private static LogEvent arenaRow(String[] cells, String line) {
        if (cells.length != 3) {
            return null;
        }
        ArenaPart part = ARENA_ROWS.get(text(cells[0]));
        long bytes = number(cells[1]);
        return part == null || bytes == LogLineParser.BAD ? null : new ArenaSize(part, bytes);
    }

    private static LogEvent allocationRow(String[] cells, String line) {
        if (cells.length != 6) {
            return null;
        }
        String[] name = ALLOCATION_ROWS.get(text(cells[0]));
        long used = number(cells[2]);
        long requested = number(cells[3]);
        long count = number(cells[4]);
        if (name == null || used == LogLineParser.BAD || requested == LogLineParser.BAD || count == LogLineParser.BAD) {
            return null;
        }
        if (used == 0 && requested == 0) {
            return new AppText(line);
        }
        return new AllocationLine(name[0], used, requested, count, name[1]);
    }

    private static String text(String cell) {
        String t = cell.strip();
        return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1).strip() : t;
    }

    private static long number(String cell) {
        String t = text(cell);
        return LogLineParser.parseNumber(t, 0, t.length());
    }
}
