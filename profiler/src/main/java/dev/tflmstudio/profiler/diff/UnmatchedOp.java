package dev.tflmstudio.profiler.diff;

/**
 * An op that exists in one run only (a layer added or removed between model versions).
 *
 * @param side {@code "A"} or {@code "B"}
 */
public record UnmatchedOp(String side, int index, String opName, double micros, Long liveBytes, Long macs) {
}
