package dev.tflmstudio.profiler.divergence;

import java.util.List;

/** The output of every op of one run, in execution order, with where it came from. */
public record TensorTrace(String source, List<TraceEntry> entries) {
    public TensorTrace {
        entries = List.copyOf(entries);
    }
}
