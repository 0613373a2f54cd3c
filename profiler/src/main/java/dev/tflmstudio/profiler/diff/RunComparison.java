package dev.tflmstudio.profiler.diff;

import dev.tflmstudio.profiler.run.Run;
import java.util.List;

/**
 * Two runs side by side: every matched op's deltas sorted by impact (largest absolute time change first), the ops
 * found on one side only, and the totals.
 *
 * @param sameModel true when both runs carry the same model hash (else the ops were matched as model versions)
 */
public record RunComparison(Run a, Run b, boolean sameModel, List<OpDelta> byImpact, List<UnmatchedOp> unmatched) {
    public RunComparison {
        byImpact = List.copyOf(byImpact);
        unmatched = List.copyOf(unmatched);
    }

    public double totalMicrosA() {
        return a.totalMicros();
    }

    public double totalMicrosB() {
        return b.totalMicros();
    }

    public double deltaTotalMicros() {
        return b.totalMicros() - a.totalMicros();
    }

    /** Change of the arena size, or null when either run does not know its arena. */
    public Long deltaArenaBytes() {
        return a.arenaBytes() == null || b.arenaBytes() == null ? null : b.arenaBytes() - a.arenaBytes();
    }

    /** Peak live bytes over the ops of a run, or null when unknown. */
    static Long peakLive(Run run) {
        Long peak = null;
        for (var op : run.ops()) {
            if (op.liveBytes() != null) {
                peak = peak == null ? op.liveBytes() : Math.max(peak, op.liveBytes());
            }
        }
        return peak;
    }

    public Long peakLiveBytesA() {
        return peakLive(a);
    }

    public Long peakLiveBytesB() {
        return peakLive(b);
    }
}
