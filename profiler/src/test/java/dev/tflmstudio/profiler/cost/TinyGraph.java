package dev.tflmstudio.profiler.cost;

import dev.tflmstudio.runtime.model.BuiltinOperators;
import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.model.Operator;
import dev.tflmstudio.runtime.model.OperatorCode;
import dev.tflmstudio.runtime.model.Options;
import dev.tflmstudio.runtime.model.Shape;
import dev.tflmstudio.runtime.model.Subgraph;
import dev.tflmstudio.runtime.model.Tensor;
import dev.tflmstudio.runtime.model.TensorType;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds small single-subgraph models by hand, so costs can be checked against numbers worked out on paper. */
public final class TinyGraph {
    private final List<Tensor> tensors = new ArrayList<>();
    private final List<Operator> ops = new ArrayList<>();

    /** An activation tensor. */
    public int activation(TensorType type, int... dims) {
        tensors.add(new Tensor(tensors.size(), "t" + tensors.size(), type, Shape.of(dims), null, 0, false, null,
                false, null));
        return tensors.size() - 1;
    }

    /** A constant tensor with zeroed data of its file size. */
    public int constant(TensorType type, int... dims) {
        Shape shape = Shape.of(dims);
        ByteBuffer data = ByteBuffer.allocate((int) type.storageBytes(shape.elementCount()));
        tensors.add(new Tensor(tensors.size(), "w" + tensors.size(), type, shape, null, 1, false, null, false,
                data));
        return tensors.size() - 1;
    }

    public TinyGraph op(String name, Map<String, Object> options, List<Integer> inputs, List<Integer> outputs) {
        OperatorCode code = new OperatorCode(BuiltinOperators.code(name), null, 1);
        ops.add(new Operator(ops.size(), code, inputs, outputs, List.of(), new Options(name + "Options", options),
                Options.NONE, null));
        return this;
    }

    public TinyGraph custom(String name, List<Integer> inputs, List<Integer> outputs) {
        ops.add(new Operator(ops.size(), new OperatorCode(OperatorCode.CUSTOM, name, 1), inputs, outputs, List.of(),
                Options.NONE, Options.NONE, null));
        return this;
    }

    public Model model(String name) {
        Subgraph g = new Subgraph(0, "main", tensors, List.of(0), List.of(tensors.size() - 1), ops);
        return new Model(name, 0, 3, "", List.of(), List.of(g), List.of(), List.of(), null, null);
    }
}
