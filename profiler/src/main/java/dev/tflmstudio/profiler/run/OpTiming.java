package dev.tflmstudio.profiler.run;

import java.util.List;

/**
 * One op's timings in a run.
 *
 * @param index         position in execution order (profiler event order)
 * @param opName        the op's profiler tag, e.g. {@code CONV_2D}
 * @param samplesMicros every measured invocation in order, or empty when the source gave only statistics
 * @param stats         statistics over the invocations
 * @param liveBytes     arena bytes live while the op runs (the memory plan at its time step), or null if unknown
 */
public record OpTiming(int index, String opName, List<Double> samplesMicros, OpStats stats, Long liveBytes) {
    public OpTiming {
        samplesMicros = samplesMicros == null ? List.of() : List.copyOf(samplesMicros);
    }

    /** Timings measured per invocation; the statistics are computed from them. */
    public static OpTiming measured(int index, String opName, List<Double> samplesMicros, Long liveBytes) {
        return new OpTiming(index, opName, samplesMicros, OpStats.of(samplesMicros), liveBytes);
    }

    /** The time that represents this op in comparisons: the steady-state median. */
    public double micros() {
        return stats.medianMicros();
    }
}
