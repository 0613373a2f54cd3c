package dev.tflmstudio.profiler.divergence;

import dev.tflmstudio.profiler.diff.OpAlignment;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares the op outputs of two traces (an int8 and a float model on the same input, the host against a board's
 * dumped tensors, our runtime against TFLM's reference checksums) and points at the first op whose error passes the
 * thresholds. Ops are matched by execution order and type, so an extra QUANTIZE on one side does not shift the rest.
 */
public final class DivergenceFinder {
    private DivergenceFinder() {
    }

    public static DivergenceReport compare(TensorTrace a, TensorTrace b, Thresholds thresholds) {
        List<OpAlignment.Pair> pairs = OpAlignment.align(a.entries().stream().map(TraceEntry::opName).toList(),
                b.entries().stream().map(TraceEntry::opName).toList());
        List<OpError> ops = new ArrayList<>();
        List<Integer> onlyA = new ArrayList<>();
        List<Integer> onlyB = new ArrayList<>();
        for (OpAlignment.Pair p : pairs) {
            if (!p.matched()) {
                if (p.a() >= 0) {
                    onlyA.add(a.entries().get(p.a()).opIndex());
                } else {
                    onlyB.add(b.entries().get(p.b()).opIndex());
                }
                continue;
            }
            ops.add(compare(a.entries().get(p.a()), b.entries().get(p.b()), thresholds));
        }
        return new DivergenceReport(a.source(), b.source(), thresholds, ops, onlyA, onlyB);
    }

    private static OpError compare(TraceEntry x, TraceEntry y, Thresholds t) {
        Boolean sameSum = x.fnv1a32() == null || y.fnv1a32() == null ? null
                : x.fnv1a32().equalsIgnoreCase(y.fnv1a32());
        ErrorMetrics metrics = null;
        String note = "";
        boolean diverges;
        if (x.values() != null && y.values() != null) {
            if (x.values().length == y.values().length) {
                metrics = ErrorMetrics.of(x.values(), y.values());
                diverges = metrics.exceeds(t);
            } else {
                note = "sizes differ: " + x.values().length + " vs " + y.values().length + " elements";
                diverges = true;
            }
        } else {
            // Only checksums to go on: any difference diverges, whatever the thresholds.
            diverges = Boolean.FALSE.equals(sameSum);
            if (sameSum == null) {
                note = "no values or checksum on one side";
            }
        }
        return new OpError(x.opIndex(), y.opIndex(), x.opName(), x.tensorName(), metrics, sameSum, diverges, note);
    }
}
