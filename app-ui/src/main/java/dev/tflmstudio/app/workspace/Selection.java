package dev.tflmstudio.app.workspace;

/**
 * What the user is looking at, shared by every tool window: an operator, a tensor, or nothing, always within one
 * subgraph. Selecting an op clears the tensor and the other way round, so each window knows what to show.
 *
 * @param subgraph subgraph index (0 = main graph)
 * @param op       operator index (= execution order), or -1
 * @param tensor   tensor index, or -1
 */
public record Selection(int subgraph, int op, int tensor) {
    public static final Selection NONE = new Selection(0, -1, -1);

    public static Selection ofOp(int subgraph, int op) {
        return new Selection(subgraph, op, -1);
    }

    public static Selection ofTensor(int subgraph, int tensor) {
        return new Selection(subgraph, -1, tensor);
    }

    public boolean hasOp() {
        return op >= 0;
    }

    public boolean hasTensor() {
        return tensor >= 0;
    }
}
