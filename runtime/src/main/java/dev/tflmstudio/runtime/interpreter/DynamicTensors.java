package dev.tflmstudio.runtime.interpreter;

import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.model.Operator;
import dev.tflmstudio.runtime.model.Subgraph;
import dev.tflmstudio.runtime.model.Tensor;

/**
 * TFLM's check after each op's Prepare ({@code MicroInterpreterGraph::PrepareSubgraphs}): an output with a
 * dimension of 0 or less is "dynamic" and refused, except the legacy scalar shape {@code [0]}.
 */
final class DynamicTensors {
    private DynamicTensors() {
    }

    static void check(Subgraph sg, Operator op) throws KernelException {
        for (int index : op.outputs()) {
            if (index < 0 || index >= sg.tensors().size()) {
                continue;
            }
            Tensor t = sg.tensor(index);
            int[] dims = t.shape().toArray();
            if (dims.length == 1 && dims[0] == 0) {
                continue;
            }
            for (int d : dims) {
                if (d <= 0) {
                    throw new KernelException(KernelException.Stage.PREPARE, op.index(), op.opName(),
                            "Op#" + op.index() + " (" + op.opName() + ") of subgraph " + sg.index()
                                    + " has dynamic tensor #" + index + " Dynamic tensors are not supported");
                }
            }
        }
    }
}
