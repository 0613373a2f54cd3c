package dev.tflmstudio.runtime.model;

import java.util.List;

/**
 * One operator of a subgraph, in execution order.
 *
 * @param index         position in the subgraph's operator list (= execution order)
 * @param code          what the op is
 * @param inputs        input tensor indices; -1 marks an omitted optional input
 * @param outputs       output tensor indices
 * @param intermediates internal tensor indices (LSTM)
 * @param options       decoded builtin options ({@link Options#NONE} when absent)
 * @param customOptions decoded custom options (FlexBuffers map) or {@link Options#NONE}
 * @param customOptionsBytes raw custom options, or null
 */
public record Operator(int index, OperatorCode code, List<Integer> inputs, List<Integer> outputs,
                       List<Integer> intermediates, Options options, Options customOptions,
                       java.nio.ByteBuffer customOptionsBytes) {

    public Operator {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        intermediates = List.copyOf(intermediates);
    }

    /** The name TFLM prints for this op, e.g. {@code CONV_2D} or a custom op's name. */
    public String opName() {
        return code.opName();
    }

    public int input(int i) {
        return i < inputs.size() ? inputs.get(i) : -1;
    }

    public int output(int i) {
        return outputs.get(i);
    }

    @Override
    public java.nio.ByteBuffer customOptionsBytes() {
        return customOptionsBytes == null ? null
                : customOptionsBytes.duplicate().order(java.nio.ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public String toString() {
        return "operator " + index + " " + opName();
    }
}
