package dev.tflmstudio.profiler.run;

import java.util.Objects;

/**
 * Where a run's timings came from.
 *
 * @param kind   local runtime, board, replay or estimate
 * @param detail what a user needs to find it again: the port ({@code /dev/ttyACM0}), the capture file, the
 *               estimate's basis; may be empty
 */
public record RunSource(SourceKind kind, String detail) {
    public RunSource {
        Objects.requireNonNull(kind, "kind");
        detail = Objects.requireNonNullElse(detail, "");
    }

    @Override
    public String toString() {
        return detail.isEmpty() ? kind.name().toLowerCase(java.util.Locale.ROOT)
                : kind.name().toLowerCase(java.util.Locale.ROOT) + " (" + detail + ")";
    }
}
