package dev.tflmstudio.runtime.kernels.shape;

import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.KernelRegistry;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.TensorData;
import dev.tflmstudio.runtime.model.BuiltinOperators;
import dev.tflmstudio.runtime.model.Operator;
import dev.tflmstudio.runtime.model.OperatorCode;
import dev.tflmstudio.runtime.model.Options;
import dev.tflmstudio.runtime.model.Shape;
import dev.tflmstudio.runtime.model.Tensor;
import dev.tflmstudio.runtime.model.TensorType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds one op over in-memory tensors (constants or arena-bound activations) and runs it through its kernel. */
final class OpHarness {
    private final List<Tensor> tensors = new ArrayList<>();
    private final List<ByteBuffer> constants = new ArrayList<>();

    /** Adds a constant int32 tensor. */
    int constInt32(int[] dims, int... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            b.putInt(v);
        }
        return add(TensorType.INT32, dims, b.flip());
    }

    /** Adds a constant int64 tensor. */
    int constInt64(int[] dims, long... values) {
        ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            b.putLong(v);
        }
        return add(TensorType.INT64, dims, b.flip());
    }

    /** Adds a constant float32 tensor. */
    int constFloat(int[] dims, float... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return add(TensorType.FLOAT32, dims, b.flip());
    }

    /** Adds an activation (output) tensor. */
    int activation(TensorType type, int... dims) {
        return add(type, dims, null);
    }

    private int add(TensorType type, int[] dims, ByteBuffer data) {
        int index = tensors.size();
        tensors.add(new Tensor(index, "t" + index, type, Shape.of(dims), null, data == null ? 0 : index + 1, false,
                null, false, data));
        return index;
    }

    /** Prepares {@code opName} over the given tensors and returns the runnable op with its bound tensors. */
    Run prepare(String opName, List<Integer> inputs, List<Integer> outputs, Map<String, Object> options)
            throws KernelException {
        int code = BuiltinOperators.code(opName);
        Operator op = new Operator(0, new OperatorCode(code, null, 1), inputs, outputs, List.of(),
                new Options(opName + "Options", options), Options.NONE, null);
        TensorData[] data = new TensorData[tensors.size()];
        ByteBuffer arena = ByteBuffer.allocate(64 * 1024).order(ByteOrder.LITTLE_ENDIAN);
        int offset = 0;
        for (Tensor t : tensors) {
            data[t.index()] = new TensorData(t);
            if (!t.hasData()) {
                data[t.index()].bind(arena, offset);
                offset += ((int) t.arenaBytes() + 15) & ~15;
            }
        }
        OpContext ctx = new OpContext(null, null, op, data);
        PreparedOp prepared = KernelRegistry.standard().find(op.code()).prepare(ctx);
        return new Run(prepared, data);
    }

    record Run(PreparedOp op, TensorData[] tensors) {
        Run eval() throws KernelException {
            op.eval();
            return this;
        }

        int[] int32s(int tensor) {
            TensorData t = tensors[tensor];
            int[] out = new int[t.elementCount()];
            for (int i = 0; i < out.length; i++) {
                out[i] = t.getInt32(i);
            }
            return out;
        }

        long[] int64s(int tensor) {
            TensorData t = tensors[tensor];
            long[] out = new long[t.elementCount()];
            for (int i = 0; i < out.length; i++) {
                out[i] = t.getInt64(i);
            }
            return out;
        }

        float[] floats(int tensor) {
            TensorData t = tensors[tensor];
            float[] out = new float[t.elementCount()];
            for (int i = 0; i < out.length; i++) {
                out[i] = t.getFloat32(i);
            }
            return out;
        }
    }
}
