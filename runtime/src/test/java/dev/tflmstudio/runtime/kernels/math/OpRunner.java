package dev.tflmstudio.runtime.kernels.math;

import dev.tflmstudio.runtime.kernels.Kernel;
import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.KernelRegistry;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.ScratchBuffer;
import dev.tflmstudio.runtime.kernels.TensorData;
import dev.tflmstudio.runtime.model.BuiltinOperators;
import dev.tflmstudio.runtime.model.Operator;
import dev.tflmstudio.runtime.model.OperatorCode;
import dev.tflmstudio.runtime.model.Options;
import dev.tflmstudio.runtime.model.Quantization;
import dev.tflmstudio.runtime.model.Shape;
import dev.tflmstudio.runtime.model.Tensor;
import dev.tflmstudio.runtime.model.TensorType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one registered op on hand-made tensors, outside any model: runtime inputs and outputs live in a small
 * arena of their own, constants in read-only buffers, as the interpreter lays them out.
 */
final class OpRunner {
    private final String opName;
    private final List<Tensor> tensors = new ArrayList<>();
    private final List<Object> values = new ArrayList<>();
    private final List<Integer> inputs = new ArrayList<>();
    private final List<Integer> outputs = new ArrayList<>();
    private final Map<String, Object> options = new LinkedHashMap<>();
    private OpContext context;
    private TensorData[] views;

    private OpRunner(String opName) {
        this.opName = opName;
    }

    static OpRunner op(String opName) {
        return new OpRunner(opName);
    }

    /** A runtime input holding {@code data} (float[], int[] or boolean[], by type). */
    OpRunner input(TensorType type, int[] shape, Object data) {
        return input(type, shape, 0f, 0, data);
    }

    OpRunner input(TensorType type, int[] shape, float scale, int zeroPoint, Object data) {
        inputs.add(add(type, shape, scale, zeroPoint, null));
        values.set(values.size() - 1, data);
        return this;
    }

    /** A constant input (data in the "file"). */
    OpRunner constant(TensorType type, int[] shape, Object data) {
        inputs.add(add(type, shape, 0f, 0, encode(type, data)));
        return this;
    }

    OpRunner output(TensorType type, int[] shape) {
        return output(type, shape, 0f, 0);
    }

    OpRunner output(TensorType type, int[] shape, float scale, int zeroPoint) {
        outputs.add(add(type, shape, scale, zeroPoint, null));
        return this;
    }

    OpRunner option(String name, Object value) {
        options.put(name, value);
        return this;
    }

    private int add(TensorType type, int[] shape, float scale, int zeroPoint, ByteBuffer data) {
        int index = tensors.size();
        Quantization q = scale == 0f ? null : Quantization.perTensor(scale, zeroPoint);
        tensors.add(new Tensor(index, "t" + index, type, Shape.of(shape), null, data == null ? 0 : index + 1, false,
                q, false, data));
        values.add(null);
        return index;
    }

    /** Prepares the op: its registered kernel's prepare step, with every tensor bound to a fresh arena. */
    PreparedOp prepare() throws KernelException {
        int code = BuiltinOperators.code(opName);
        Operator op = new Operator(0, new OperatorCode(code, null, 1), inputs, outputs, List.of(),
                new Options(opName + "Options", options), Options.NONE, null);
        Kernel kernel = KernelRegistry.standard().find(op.code());
        if (kernel == null) {
            throw new IllegalStateException("no kernel registered for " + opName);
        }
        views = new TensorData[tensors.size()];
        int arenaBytes = 0;
        for (Tensor t : tensors) {
            arenaBytes += (int) t.arenaBytes() + 16;
        }
        ByteBuffer arena = ByteBuffer.allocate(arenaBytes + 4096).order(ByteOrder.LITTLE_ENDIAN);
        int offset = 0;
        for (Tensor t : tensors) {
            TensorData view = new TensorData(t);
            if (!t.hasData()) {
                view.bind(arena, offset);
                offset += (int) t.arenaBytes() + 16;
            }
            views[t.index()] = view;
        }
        context = new OpContext(null, null, op, views);
        PreparedOp prepared = kernel.prepare(context);
        for (ScratchBuffer s : context.scratchRequests()) {
            s.bind(arena, offset);
            offset += s.bytes() + 16;
        }
        for (int i = 0; i < tensors.size(); i++) {
            if (values.get(i) != null) {
                write(views[i], values.get(i));
            }
        }
        return prepared;
    }

    /** Prepares and evaluates once; returns output 0. */
    TensorData run() throws KernelException {
        prepare().eval();
        return views[outputs.get(0)];
    }

    List<ScratchBuffer> scratch() {
        return context.scratchRequests();
    }

    private static void write(TensorData t, Object data) {
        int n = t.elementCount();
        for (int i = 0; i < n; i++) {
            switch (t.type()) {
                case FLOAT32 -> t.setFloat32(i, ((float[]) data)[i]);
                case BOOL -> t.setBool(i, ((boolean[]) data)[i]);
                case INT8 -> t.setInt8(i, ((int[]) data)[i]);
                case INT16 -> t.setInt16(i, ((int[]) data)[i]);
                case INT64 -> t.setInt64(i, ((int[]) data)[i]);
                default -> t.setInt32(i, ((int[]) data)[i]);
            }
        }
    }

    private static ByteBuffer encode(TensorType type, Object data) {
        int n = data instanceof float[] f ? f.length : data instanceof boolean[] b ? b.length : ((int[]) data).length;
        ByteBuffer buf = ByteBuffer.allocate(n * type.tflmByteSize()).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            switch (type) {
                case FLOAT32 -> buf.putFloat(((float[]) data)[i]);
                case BOOL -> buf.put((byte) (((boolean[]) data)[i] ? 1 : 0));
                case INT8 -> buf.put((byte) ((int[]) data)[i]);
                case INT16 -> buf.putShort((short) ((int[]) data)[i]);
                case INT64 -> buf.putLong(((int[]) data)[i]);
                default -> buf.putInt(((int[]) data)[i]);
            }
        }
        return buf.flip().asReadOnlyBuffer();
    }

    static float[] floats(TensorData t) {
        float[] out = new float[t.elementCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = t.getFloat32(i);
        }
        return out;
    }

    static int[] ints(TensorData t) {
        int[] out = new int[t.elementCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = switch (t.type()) {
                case INT8 -> t.getInt8(i);
                case INT16 -> t.getInt16(i);
                case BOOL -> t.getBool(i) ? 1 : 0;
                default -> t.getInt32(i);
            };
        }
        return out;
    }
}
