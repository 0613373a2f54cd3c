package dev.tflmstudio.runtime.kernels.signal;

import dev.tflmstudio.runtime.kernels.TensorData;

/**
 * An integer operand of a signal op (window, filter-bank tables, gain LUT) as an int[], so hot loops index a Java
 * array instead of the model's buffer: read once when the tensor is a constant (the usual case), else re-read at
 * every {@link #values()} because another op may have written it.
 */
final class IntTable {
    private final TensorData tensor;
    private final int[] values;

    IntTable(TensorData tensor) {
        this.tensor = tensor;
        this.values = new int[tensor.elementCount()];
        if (tensor.isConstant()) {
            tensor.readInts(values);
        }
    }

    /** The current values (do not modify). */
    int[] values() {
        if (!tensor.isConstant()) {
            tensor.readInts(values);
        }
        return values;
    }
}
