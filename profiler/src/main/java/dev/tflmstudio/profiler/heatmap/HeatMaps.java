package dev.tflmstudio.profiler.heatmap;

import dev.tflmstudio.runtime.cost.ModelCost;
import dev.tflmstudio.runtime.cost.OpCost;
import dev.tflmstudio.profiler.divergence.DivergenceReport;
import dev.tflmstudio.profiler.divergence.OpError;
import dev.tflmstudio.profiler.run.OpTiming;
import dev.tflmstudio.profiler.run.Run;
import dev.tflmstudio.runtime.plan.MemoryPlan;
import java.util.Arrays;
import java.util.Locale;

/** Builds the graph overlays: latency, share, MACs, cycles per MAC, live bytes and numeric error per op. */
public final class HeatMaps {
    /** Which error metric a divergence heat map shows. */
    public enum ErrorMetric { MAX_ABS, RMSE, COSINE }

    private HeatMaps() {
    }

    /** Steady-state median time per op. */
    public static HeatMap latency(Run run) {
        double[] v = new double[run.ops().size()];
        for (OpTiming op : run.ops()) {
            v[op.index()] = op.micros();
        }
        return new HeatMap("latency", "us", "Latency (" + describe(run) + ")", v);
    }

    /** Each op's percentage of the run's total time. */
    public static HeatMap share(Run run) {
        double[] v = new double[run.ops().size()];
        for (OpTiming op : run.ops()) {
            v[op.index()] = run.share(op.index()) * 100;
        }
        return new HeatMap("share", "%", "Share of total time (" + describe(run) + ")", v);
    }

    public static HeatMap macs(ModelCost cost) {
        double[] v = new double[cost.ops().size()];
        for (OpCost op : cost.ops()) {
            v[op.opIndex()] = op.macs();
        }
        return new HeatMap("macs", "MACs", "Multiply-accumulates (cost model)", v);
    }

    /**
     * Measured cycles per MAC: the op's time in cycles at {@code clockHz} over its MACs; NaN for ops without MACs.
     * Shows which layers run far from the core's best (memory-bound or badly shaped kernels).
     */
    public static HeatMap cyclesPerMac(Run run, ModelCost cost, long clockHz) {
        if (run.ops().size() != cost.ops().size()) {
            throw new IllegalArgumentException("run has " + run.ops().size() + " ops but the model has "
                    + cost.ops().size());
        }
        double[] v = new double[run.ops().size()];
        for (OpTiming op : run.ops()) {
            long macs = cost.op(op.index()).macs();
            v[op.index()] = macs == 0 ? Double.NaN : op.micros() * clockHz / 1e6 / macs;
        }
        return new HeatMap("cyclesPerMac", "cycles/MAC", String.format(Locale.ROOT,
                "Cycles per MAC at %.0f MHz (%s)", clockHz / 1e6, describe(run)), v);
    }

    /** Arena bytes live while each op runs, from the memory plan (op k runs at time k+1). */
    public static HeatMap liveBytes(MemoryPlan plan, int opCount) {
        double[] v = new double[opCount];
        for (int op = 0; op < opCount; op++) {
            v[op] = op + 1 < plan.liveBytes().size() ? plan.liveBytes().get(op + 1) : Double.NaN;
        }
        return new HeatMap("liveBytes", "B", "Live arena bytes (" + plan.planner() + " plan)", v);
    }

    /** One error metric per op of trace A; NaN for ops that were not compared by value. */
    public static HeatMap error(DivergenceReport report, int opCount, ErrorMetric metric) {
        double[] v = new double[opCount];
        Arrays.fill(v, Double.NaN);
        for (OpError e : report.ops()) {
            if (e.metrics() != null && e.indexA() < opCount) {
                v[e.indexA()] = switch (metric) {
                    case MAX_ABS -> e.metrics().maxAbs();
                    case RMSE -> e.metrics().rmse();
                    case COSINE -> e.metrics().cosine();
                };
            }
        }
        String name = metric.name().toLowerCase(Locale.ROOT);
        return new HeatMap("error." + name, metric == ErrorMetric.COSINE ? "cosine" : "abs",
                "Numeric error, " + name + " (" + report.sourceA() + " vs " + report.sourceB() + ")", v);
    }

    private static String describe(Run run) {
        return run.source().kind().name().toLowerCase(Locale.ROOT) + ", median of " + run.invocations();
    }
}
