package dev.tflmstudio.profiler.overlay;

import dev.tflmstudio.runtime.cost.ModelCost;
import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.plan.MemoryPlan;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Per-op numbers of a model's main graph for other tools to draw over their own view of the model (Google's Model
 * Explorer, Netron): latencies (local, board, device estimate), share, MACs, live arena bytes and the board's share
 * against the local one. A metric nobody measured is absent; an op without a value has NaN.
 *
 * @param model   the model file's name, for the reader
 * @param graphId the id Model Explorer's TFLite adapter gives subgraph 0 (its name, else {@code main})
 * @param opNames TFLM's name of each op, in execution order
 * @param metrics the per-op values of every metric present
 * @param notes   model-level lines (where each number comes from), in order
 */
public record OpOverlay(String model, String graphId, List<String> opNames, Map<OverlayMetric, double[]> metrics,
                        List<String> notes) {
    public OpOverlay {
        opNames = List.copyOf(opNames);
        metrics = Map.copyOf(metrics);
        notes = List.copyOf(notes);
    }

    public int opCount() {
        return opNames.size();
    }

    public double[] values(OverlayMetric m) {
        return metrics.get(m);
    }

    /**
     * Builds the overlay. Latency arrays are per op in microseconds (null when there is no such run; NaN for an op
     * without a value); share and the board-vs-local error are derived from them.
     */
    public static OpOverlay of(Model model, ModelCost cost, MemoryPlan plan, double[] localUs, double[] boardUs,
                               double[] estimateUs, List<String> notes) {
        int n = model.main().operators().size();
        Map<OverlayMetric, double[]> m = new EnumMap<>(OverlayMetric.class);
        put(m, OverlayMetric.LOCAL_US, localUs, n);
        put(m, OverlayMetric.BOARD_US, boardUs, n);
        put(m, OverlayMetric.ESTIMATE_US, estimateUs, n);
        double[] localShare = localUs == null ? null : shares(localUs, n);
        put(m, OverlayMetric.SHARE_PCT, localShare, n);
        if (cost != null) {
            double[] macs = new double[n];
            cost.ops().forEach(c -> macs[c.opIndex()] = c.macs());
            m.put(OverlayMetric.MACS, macs);
        }
        if (plan != null) {
            double[] live = new double[n];
            for (int op = 0; op < n; op++) {
                // Op i runs at planner time i + 1 (time 0 is before the first op).
                live[op] = op + 1 < plan.liveBytes().size() ? plan.liveBytes().get(op + 1) : Double.NaN;
            }
            m.put(OverlayMetric.LIVE_BYTES, live);
        }
        if (localShare != null && boardUs != null) {
            double[] boardShare = shares(boardUs, n);
            double[] diff = new double[n];
            for (int op = 0; op < n; op++) {
                diff[op] = boardShare[op] - localShare[op];
            }
            m.put(OverlayMetric.BOARD_VS_LOCAL_PP, diff);
        }
        List<String> names = new ArrayList<>(n);
        model.main().operators().forEach(o -> names.add(o.opName()));
        String name = model.main().name();
        return new OpOverlay(java.nio.file.Path.of(model.source()).getFileName().toString(),
                name == null || name.isEmpty() ? "main" : name, names, m, notes);
    }

    private static void put(Map<OverlayMetric, double[]> m, OverlayMetric key, double[] values, int n) {
        if (values != null) {
            if (values.length != n) {
                throw new IllegalArgumentException(key.id() + ": " + values.length + " values for " + n + " ops");
            }
            m.put(key, values.clone());
        }
    }

    /** Each op's percent of the sum over the ops with a value. */
    private static double[] shares(double[] us, int n) {
        double total = Arrays.stream(us).filter(v -> !Double.isNaN(v)).sum();
        double[] share = new double[n];
        for (int op = 0; op < n; op++) {
            share[op] = total > 0 && !Double.isNaN(us[op]) ? us[op] * 100 / total : Double.NaN;
        }
        return share;
    }
}
