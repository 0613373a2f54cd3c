package dev.tflmstudio.runtime.model;

import java.util.List;

/** One subgraph: tensors, operators in execution order, and its inputs and outputs. Subgraph 0 is the model. */
public record Subgraph(int index, String name, List<Tensor> tensors, List<Integer> inputs, List<Integer> outputs,
                       List<Operator> operators) {

    public Subgraph {
        tensors = List.copyOf(tensors);
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        operators = List.copyOf(operators);
    }

    public Tensor tensor(int index) {
        return tensors.get(index);
    }

    public Operator operator(int index) {
        return operators.get(index);
    }
}
