package dev.tflmstudio.runtime.plan;

/**
 * One {@code RequestScratchBufferInArena} call a kernel makes in Prepare.
 *
 * @param subgraph subgraph of the requesting op
 * @param op       op index within the subgraph
 * @param index    nth request of this op (0-based)
 * @param bytes    raw bytes requested (the planner aligns them to 16)
 * @param why      what the kernel uses it for, for reports
 */
public record ScratchRequest(int subgraph, int op, int index, long bytes, String why) {
}
