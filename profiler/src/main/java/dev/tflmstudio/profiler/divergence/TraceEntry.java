package dev.tflmstudio.profiler.divergence;

/**
 * One op's output tensor as a run saw it. A run may know the values (our runtime, a board's dumped tensors) or only
 * a checksum (a TFLM reference log).
 *
 * @param values  dequantized real values in flat row-major order, or null when only the checksum is known
 * @param fnv1a32 FNV-1a 32-bit of the raw bytes as {@code 0x%08x}, or null when unknown
 */
public record TraceEntry(int opIndex, String opName, String tensorName, float[] values, String fnv1a32) {
}
