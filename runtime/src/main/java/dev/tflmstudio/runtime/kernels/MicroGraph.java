package dev.tflmstudio.runtime.kernels;

import java.util.List;

/**
 * What control-flow and resource-variable kernels see of the whole model (TFLM's {@code MicroGraph}): every
 * subgraph's input and output tensors, a way to run a subgraph, and the model's resource variables.
 */
public interface MicroGraph {
    int subgraphCount();

    /** Views of subgraph {@code subgraph}'s input tensors, in input order. */
    List<TensorData> inputs(int subgraph);

    /** Views of subgraph {@code subgraph}'s output tensors, in output order. */
    List<TensorData> outputs(int subgraph);

    /** Runs every op of {@code subgraph} in order (TFLM's {@code InvokeSubgraph}). */
    void invoke(int subgraph) throws KernelException;

    ResourceVariables resourceVariables();

    /**
     * How many times one WHILE may run its body in one eval before it fails (a condition that never turns false
     * would otherwise hang the caller); read at every eval, so a session can change it between invokes.
     */
    default long maxWhileIterations() {
        return Long.MAX_VALUE;
    }
}
