package dev.tflmstudio.app;

import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.model.Operator;
import dev.tflmstudio.runtime.model.OperatorCode;
import dev.tflmstudio.runtime.model.Options;
import dev.tflmstudio.runtime.model.Quantization;
import dev.tflmstudio.runtime.model.Shape;
import dev.tflmstudio.runtime.model.Subgraph;
import dev.tflmstudio.runtime.model.Tensor;
import dev.tflmstudio.runtime.model.TensorType;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Small models built in code, for tests that need an exact structure rather than a real file. */
public final class ModelFixtures {
    private ModelFixtures() {
    }

    /** A chain of {@code n} RELU ops over int8 [1,8] tensors: t0 -> op0 -> t1 -> ... -> tn. */
    public static Model chain(int n) {
        List<Tensor> tensors = new ArrayList<>();
        for (int i = 0; i <= n; i++) {
            tensors.add(activation(i, "t" + i));
        }
        List<Operator> ops = new ArrayList<>();
        OperatorCode relu = new OperatorCode(19, null, 1);
        for (int i = 0; i < n; i++) {
            ops.add(new Operator(i, relu, List.of(i), List.of(i + 1), List.of(), Options.NONE, Options.NONE, null));
        }
        Subgraph g = new Subgraph(0, "main", tensors, List.of(0), List.of(n), ops);
        return new Model("chain", 0, 3, "", List.of(relu), List.of(g), List.of(), List.of(), null, null);
    }

    /**
     * A synthetic ResNet-like model of {@code n} ops: a chain of CONV_2D-coded ops where every fourth op is an ADD
     * that also reads the output of the op three back (a skip connection), as benchmarks of big graphs need.
     */
    public static Model residual(int n) {
        List<Tensor> tensors = new ArrayList<>();
        for (int i = 0; i <= n; i++) {
            tensors.add(activation(i, "t" + i));
        }
        OperatorCode conv = new OperatorCode(3, null, 1);
        OperatorCode add = new OperatorCode(0, null, 1);
        List<Operator> ops = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean skip = i % 4 == 3;
            List<Integer> in = skip ? List.of(i, i - 3) : List.of(i);
            ops.add(new Operator(i, skip ? add : conv, in, List.of(i + 1), List.of(), Options.NONE, Options.NONE,
                    null));
        }
        Subgraph g = new Subgraph(0, "main", tensors, List.of(0), List.of(n), ops);
        return new Model("residual" + n, 0, 3, "", List.of(conv, add), List.of(g), List.of(), List.of(), null, null);
    }

    /** An int8 activation tensor [1,8] with scale 0.5 and zero point -3. */
    public static Tensor activation(int index, String name) {
        return new Tensor(index, name, TensorType.INT8, Shape.of(1, 8), null, 0, false,
                Quantization.perTensor(0.5f, -3), false, null);
    }

    /** A constant int8 tensor of the given shape holding {@code data}. */
    public static Tensor constant(int index, String name, Shape shape, byte[] data) {
        return new Tensor(index, name, TensorType.INT8, shape, null, 1, false, Quantization.perTensor(0.5f, -3),
                false, ByteBuffer.wrap(data));
    }
}
