package dev.tflmstudio.profiler.diff;

import dev.tflmstudio.runtime.cost.ModelCost;
import dev.tflmstudio.profiler.run.OpTiming;
import dev.tflmstudio.profiler.run.Run;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Compares two runs: of the same model (local against board, board A against board B, before against after) or of
 * two versions of a model. Ops are always matched by execution order and type ({@link OpAlignment}); for the same
 * model that pairs op i with op i.
 */
public final class RunDiff {
    private static final Comparator<OpDelta> BY_IMPACT = Comparator
            .comparingDouble((OpDelta d) -> -Math.abs(d.deltaMicros()))
            .thenComparingLong(d -> d.deltaLiveBytes() == null ? 0 : -Math.abs(d.deltaLiveBytes()))
            .thenComparingInt(OpDelta::indexA);

    private RunDiff() {
    }

    public static RunComparison compare(Run a, Run b) {
        return compare(a, b, null, null);
    }

    /** Compares with the models' costs at hand (either may be null), which adds MAC deltas. */
    public static RunComparison compare(Run a, Run b, ModelCost costA, ModelCost costB) {
        List<OpAlignment.Pair> pairs = OpAlignment.align(names(a), names(b));
        List<OpDelta> deltas = new ArrayList<>();
        List<UnmatchedOp> unmatched = new ArrayList<>();
        double totalA = a.totalMicros();
        double totalB = b.totalMicros();
        for (OpAlignment.Pair p : pairs) {
            if (p.matched()) {
                OpTiming x = a.ops().get(p.a());
                OpTiming y = b.ops().get(p.b());
                deltas.add(new OpDelta(p.a(), p.b(), x.opName(), x.micros(), y.micros(), share(x, totalA),
                        share(y, totalB), x.liveBytes(), y.liveBytes(), macs(costA, p.a()), macs(costB, p.b())));
            } else if (p.a() >= 0) {
                OpTiming x = a.ops().get(p.a());
                unmatched.add(new UnmatchedOp("A", p.a(), x.opName(), x.micros(), x.liveBytes(), macs(costA, p.a())));
            } else {
                OpTiming y = b.ops().get(p.b());
                unmatched.add(new UnmatchedOp("B", p.b(), y.opName(), y.micros(), y.liveBytes(), macs(costB, p.b())));
            }
        }
        deltas.sort(BY_IMPACT);
        return new RunComparison(a, b, a.sameModelAs(b), deltas, unmatched);
    }

    private static List<String> names(Run run) {
        return run.ops().stream().map(OpTiming::opName).toList();
    }

    private static double share(OpTiming op, double total) {
        return total == 0 ? 0 : op.micros() / total;
    }

    private static Long macs(ModelCost cost, int index) {
        return cost == null || index >= cost.ops().size() ? null : cost.op(index).macs();
    }
}
