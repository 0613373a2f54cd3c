package dev.tflmstudio.profiler.divergence;

/**
 * One matched op's output compared across two traces.
 *
 * @param metrics     value-level error, or null when a side knows only a checksum
 * @param checksumsEqual whether the FNV-1a checksums agree, or null when a side has none
 * @param diverges    the op passes a threshold (or its checksum differs when only checksums are known)
 * @param note        why the op could not be compared by value (size mismatch), else empty
 */
public record OpError(int indexA, int indexB, String opName, String tensorName, ErrorMetrics metrics,
                      Boolean checksumsEqual, boolean diverges, String note) {
}
