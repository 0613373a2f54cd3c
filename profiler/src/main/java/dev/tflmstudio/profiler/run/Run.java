package dev.tflmstudio.profiler.run;

import java.util.List;
import java.util.Objects;

/**
 * One profiling run of a model: per-op timings with where they came from. Saved as JSON by {@link RunFiles}.
 *
 * @param format      file format version ({@link #FORMAT})
 * @param model       the model's file name (for people; {@code modelSha256} identifies it)
 * @param modelSha256 SHA-256 of the model file, lower-case hex, or empty when the model file was not at hand
 * @param source      local runtime, board, replay or estimate
 * @param device      device profile id, or null for the host
 * @param date        when the run was made, ISO-8601 UTC ({@code 2026-11-24T01:02:03Z})
 * @param invocations how many invocations the statistics cover
 * @param arenaBytes  the arena size the run reported or was planned with, or null if unknown
 * @param ops         per-op timings in execution order
 */
public record Run(int format, String model, String modelSha256, RunSource source, String device, String date,
                  int invocations, Long arenaBytes, List<OpTiming> ops) {

    public static final int FORMAT = 1;

    public Run {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(source, "source");
        modelSha256 = Objects.requireNonNullElse(modelSha256, "");
        ops = List.copyOf(ops);
    }

    /** Sum of the per-op steady-state medians, in microseconds. */
    public double totalMicros() {
        double sum = 0;
        for (OpTiming op : ops) {
            sum += op.micros();
        }
        return sum;
    }

    /** The op's fraction of {@link #totalMicros()}, 0..1 (0 when the run took no time at all). */
    public double share(int opIndex) {
        double total = totalMicros();
        return total == 0 ? 0 : ops.get(opIndex).micros() / total;
    }

    /** True when both runs are known to be of the same model file. */
    public boolean sameModelAs(Run other) {
        return !modelSha256.isEmpty() && modelSha256.equals(other.modelSha256);
    }
}
