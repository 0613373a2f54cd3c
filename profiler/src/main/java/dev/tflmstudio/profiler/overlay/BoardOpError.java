package dev.tflmstudio.profiler.overlay;

/**
 * One op the board ran under its debug probe, its outputs compared with the local runtime's on the same input.
 *
 * @param op          the op's index in subgraph 0's execution order
 * @param maxAbsError the largest absolute difference of the dequantized values over the op's outputs (0 when equal)
 * @param equal       true when every output's bytes equal the local runtime's
 */
public record BoardOpError(int op, double maxAbsError, boolean equal) {
}
