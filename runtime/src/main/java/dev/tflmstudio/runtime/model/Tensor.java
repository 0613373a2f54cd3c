package dev.tflmstudio.runtime.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One tensor of a subgraph.
 *
 * @param index          position in the subgraph's tensor list
 * @param name           the name in the file (may be empty)
 * @param type           element type
 * @param shape          the static shape
 * @param shapeSignature the shape with -1 for unknown dimensions, or null when the file has none
 * @param buffer         index into the model's buffers (0 is the empty sentinel)
 * @param variable       the schema's {@code is_variable}
 * @param quantization   quantization parameters, or null when the tensor is not quantized
 * @param sparse         the tensor carries sparsity parameters (TFLM cannot run these)
 * @param data           constant data mapped from the file (little-endian, read-only), or null
 */
public record Tensor(int index, String name, TensorType type, Shape shape, Shape shapeSignature, int buffer,
                     boolean variable, Quantization quantization, boolean sparse, ByteBuffer data) {

    /** A fresh read-only little-endian view of the constant data, or null for non-constant tensors. */
    @Override
    public ByteBuffer data() {
        return data == null ? null : data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }

    public boolean hasData() {
        return data != null && data.remaining() > 0;
    }

    public TensorKind kind() {
        if (hasData()) {
            return TensorKind.CONSTANT;
        }
        return variable ? TensorKind.VARIABLE : TensorKind.ACTIVATION;
    }

    public long elementCount() {
        return shape.elementCount();
    }

    /** Bytes this tensor takes in TFLM's arena ({@code TfLiteEvalTensorByteLength}), or -1 for unsizable types. */
    public long arenaBytes() {
        int size = type.tflmByteSize();
        return size < 0 ? -1 : elementCount() * size;
    }

    public boolean isQuantized() {
        return quantization != null && quantization.isQuantized();
    }

    @Override
    public String toString() {
        return "tensor " + index + " '" + name + "' " + type + shape;
    }
}
