package dev.tflmstudio.app.profile;

import dev.tflmstudio.app.workspace.OpTimings;
import dev.tflmstudio.profiler.run.OpStats;
import dev.tflmstudio.runtime.model.Subgraph;
import dev.tflmstudio.serial.analysis.OpStatistics;
import dev.tflmstudio.serial.analysis.SessionSummary;
import dev.tflmstudio.serial.analysis.TickClock;
import dev.tflmstudio.serial.analysis.TickStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Builds the profile table's rows and its CSV from measured timings and the static cost. The statistics come from
 * the profiler ({@link OpStats}, local runs) and the serial bridge ({@link OpStatistics}, the board); this class
 * only lines them up by op.
 */
public final class ProfileRows {
    /** The unit of the board columns: µs when the board's tick rate is known, raw ticks otherwise. */
    public enum BoardUnit { MICROS, TICKS }

    private ProfileRows() {
    }

    /** The unit {@code board}'s numbers come in. */
    public static BoardUnit boardUnit(SessionSummary board) {
        return board != null && board.clock() != null ? BoardUnit.MICROS : BoardUnit.TICKS;
    }

    public static List<ProfileRow> of(Subgraph g, OpTimings t, double[] macs, SessionSummary board,
                                      double[] deviceUs) {
        List<ProfileRow> rows = new ArrayList<>();
        // Share of the invoke from the same steady-state medians the table leads with (means would let one
        // slow outlier invoke shift every op's share).
        OpStats[] stats = new OpStats[g.operators().size()];
        double total = 0;
        for (int i = 0; i < stats.length; i++) {
            if (t != null && i < t.opCount()) {
                stats[i] = OpStats.of(t.micros(i));
                total += stats[i].medianMicros();
            }
        }
        List<OpStatistics> boardOps = board == null || board.ops().size() != g.operators().size()
                ? List.of() : board.ops();
        TickClock clock = board == null ? null : board.clock();
        for (int i = 0; i < g.operators().size(); i++) {
            OpStats s = stats[i];
            boolean timed = s != null;
            OpStatistics b = i < boardOps.size() ? boardOps.get(i) : null;
            // Until a second invocation arrives the serial bridge's steady state is empty; the one sample is it.
            TickStats steady = b == null ? TickStats.EMPTY : b.steady().count() > 0 ? b.steady() : b.all();
            rows.add(new ProfileRow(i, g.operator(i).opName(), timed ? s.count() : 0,
                    timed ? s.firstMicros() : Double.NaN, timed ? s.minMicros() : Double.NaN,
                    timed ? s.medianMicros() : Double.NaN, timed ? s.p95Micros() : Double.NaN,
                    timed ? s.maxMicros() : Double.NaN,
                    timed && total > 0 ? 100 * s.medianMicros() / total : Double.NaN, at(macs, i),
                    b == null ? 0 : b.all().count(),
                    b == null ? Double.NaN : board(b.firstTicks(), clock),
                    steady.count() == 0 ? Double.NaN : board(steady.median(), clock),
                    steady.count() == 0 ? Double.NaN : board(steady.p95(), clock), at(deviceUs, i)));
        }
        return rows;
    }

    private static double board(long ticks, TickClock clock) {
        return clock == null ? ticks : clock.micros(ticks);
    }

    private static double at(double[] values, int i) {
        return values != null && i < values.length ? values[i] : Double.NaN;
    }

    public static String csv(List<ProfileRow> rows, BoardUnit unit) {
        String b = unit == BoardUnit.MICROS ? "us" : "ticks";
        StringBuilder sb = new StringBuilder("op,name,count,first_us,min_us,median_us,p95_us,max_us,share_percent,"
                + "macs,board_count,board_first_" + b + ",board_median_" + b + ",board_p95_" + b + ",device_us\n");
        for (ProfileRow r : rows) {
            sb.append(r.op()).append(',').append(r.name()).append(',').append(r.count()).append(',')
                    .append(num(r.firstUs())).append(',').append(num(r.minUs())).append(',')
                    .append(num(r.medianUs())).append(',').append(num(r.p95Us())).append(',')
                    .append(num(r.maxUs())).append(',').append(num(r.share())).append(',')
                    .append(Double.isNaN(r.macs()) ? "" : Long.toString((long) r.macs())).append(',')
                    .append(r.boardCount()).append(',').append(num(r.boardFirst())).append(',')
                    .append(num(r.boardMedian())).append(',').append(num(r.boardP95())).append(',')
                    .append(num(r.deviceUs())).append('\n');
        }
        return sb.toString();
    }

    static String num(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.3f", v);
    }
}
