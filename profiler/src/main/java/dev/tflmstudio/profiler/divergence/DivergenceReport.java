package dev.tflmstudio.profiler.divergence;

import java.util.List;
import java.util.Optional;

/**
 * Every matched op's error between two traces in execution order, and the first op that diverges: where to look.
 *
 * @param unmatchedA op indices of A with no counterpart in B (e.g. QUANTIZE in an int8 model against a float one)
 */
public record DivergenceReport(String sourceA, String sourceB, Thresholds thresholds, List<OpError> ops,
                               List<Integer> unmatchedA, List<Integer> unmatchedB) {
    public DivergenceReport {
        ops = List.copyOf(ops);
        unmatchedA = List.copyOf(unmatchedA);
        unmatchedB = List.copyOf(unmatchedB);
    }

    /** The first op (in A's execution order) whose error passes a threshold. */
    public Optional<OpError> firstDivergence() {
        return ops.stream().filter(OpError::diverges).findFirst();
    }
}
