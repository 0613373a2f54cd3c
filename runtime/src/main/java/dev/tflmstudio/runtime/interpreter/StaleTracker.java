package dev.tflmstudio.runtime.interpreter;

import dev.tflmstudio.runtime.model.Subgraph;
import dev.tflmstudio.runtime.model.Tensor;
import dev.tflmstudio.runtime.plan.BufferKind;
import dev.tflmstudio.runtime.plan.PlannedBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Knows which planned buffers share arena bytes, so a session can tell whether a tensor's value has been
 * overwritten by a later tensor or scratch buffer planned over it (the normal, intended reuse of the arena).
 */
final class StaleTracker {
    private final Subgraph main;
    private final int[][] tensorOverlaps;
    private final int[][] scratchOverlaps;

    StaleTracker(Subgraph main, ArenaLayout layout) {
        this.main = main;
        int n = main.tensors().size();
        tensorOverlaps = new int[n][];
        scratchOverlaps = new int[n][];
        List<PlannedBuffer> buffers = layout.plan().buffers();
        for (int t = 0; t < n; t++) {
            PlannedBuffer mine = layout.plan().forTensor(0, t).orElse(null);
            List<Integer> tensorsOver = new ArrayList<>();
            List<Integer> scratchOver = new ArrayList<>();
            if (mine != null && mine.size() > 0) {
                for (PlannedBuffer b : buffers) {
                    if (b == mine || b.subgraph() != 0 || b.size() == 0) {
                        continue;
                    }
                    if (b.offset() < mine.end() && mine.offset() < b.end()) {
                        if (b.kind() == BufferKind.TENSOR) {
                            tensorsOver.add(b.tensor());
                        } else {
                            scratchOver.add(b.op());
                        }
                    }
                }
            }
            tensorOverlaps[t] = tensorsOver.stream().mapToInt(Integer::intValue).toArray();
            scratchOverlaps[t] = scratchOver.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    /** What overwrote tensor {@code t} (written at clock {@code written}), or null when nothing did. */
    String overwrittenBy(int t, long written, long[] tensorWrites, long[] scratchWrites) {
        for (int other : tensorOverlaps[t]) {
            if (tensorWrites[other] > written) {
                Tensor o = main.tensor(other);
                return "tensor " + other + " '" + o.name() + "'";
            }
        }
        for (int op : scratchOverlaps[t]) {
            if (scratchWrites[op] > written) {
                return "scratch buffer of op " + op + " " + main.operator(op).opName();
            }
        }
        return null;
    }
}
