package dev.tflmstudio.app.profile;

import dev.tflmstudio.app.workspace.OpTimings;
import dev.tflmstudio.runtime.model.Subgraph;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Builds the profile table's rows and its CSV from measured timings and the static cost. */
public final class ProfileRows {
    private ProfileRows() {
    }

    public static List<ProfileRow> of(Subgraph g, OpTimings t, double[] macs, double[] boardUs, double[] deviceUs) {
        List<ProfileRow> rows = new ArrayList<>();
        double total = t == null ? 0 : t.totalMeanNanos();
        for (int i = 0; i < g.operators().size(); i++) {
            boolean timed = t != null && i < t.sum().length;
            double mean = timed ? t.meanNanos(i) / 1000 : Double.NaN;
            rows.add(new ProfileRow(i, g.operator(i).opName(), mean,
                    timed ? t.min()[i] / 1000.0 : Double.NaN, timed ? t.max()[i] / 1000.0 : Double.NaN,
                    timed ? t.last()[i] / 1000.0 : Double.NaN,
                    timed && total > 0 ? 100 * t.meanNanos(i) / total : Double.NaN,
                    at(macs, i), at(boardUs, i), at(deviceUs, i)));
        }
        return rows;
    }

    private static double at(double[] values, int i) {
        return values != null && i < values.length ? values[i] : Double.NaN;
    }

    public static String csv(List<ProfileRow> rows, int invokes) {
        StringBuilder sb = new StringBuilder(
                "op,name,mean_us,min_us,max_us,last_us,share_percent,macs,board_us,device_us,invokes\n");
        for (ProfileRow r : rows) {
            sb.append(r.op()).append(',').append(r.name()).append(',').append(num(r.meanUs())).append(',')
                    .append(num(r.minUs())).append(',').append(num(r.maxUs())).append(',').append(num(r.lastUs()))
                    .append(',').append(num(r.share())).append(',')
                    .append(Double.isNaN(r.macs()) ? "" : Long.toString((long) r.macs())).append(',')
                    .append(num(r.boardUs())).append(',').append(num(r.deviceUs())).append(',')
                    .append(invokes).append('\n');
        }
        return sb.toString();
    }

    static String num(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.3f", v);
    }
}
