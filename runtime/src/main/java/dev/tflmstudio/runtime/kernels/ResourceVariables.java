package dev.tflmstudio.runtime.kernels;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The model's resource variables (TFLM's {@code MicroResourceVariables}): one per container + shared name, created
 * by VAR_HANDLE's prepare, given a buffer by the first ASSIGN_VARIABLE prepare that sees it (filled with the value
 * tensor's zero point), kept across invokes and refilled with that default on reset.
 */
public final class ResourceVariables {
    private final List<Variable> variables = new ArrayList<>();
    private final Map<TensorData, Integer> handles = new IdentityHashMap<>();

    private static final class Variable {
        final String container;
        final String sharedName;
        byte[] value;
        byte fill;

        Variable(String container, String sharedName) {
            this.container = container;
            this.sharedName = sharedName;
        }
    }

    /**
     * The id of the variable named {@code container}/{@code sharedName}, created when absent. As TFLM's
     * {@code FindId}, a null container matches any container.
     */
    public int idFor(String container, String sharedName) {
        for (int i = 0; i < variables.size(); i++) {
            Variable v = variables.get(i);
            if ((container == null || Objects.equals(container, v.container))
                    && Objects.equals(sharedName, v.sharedName)) {
                return i;
            }
        }
        variables.add(new Variable(container, sharedName));
        return variables.size() - 1;
    }

    /** Records that {@code handle} (a VAR_HANDLE output) holds variable {@code id}. */
    public void bindHandle(TensorData handle, int id) {
        handles.put(handle, id);
    }

    /** The id a VAR_HANDLE of the same subgraph gave {@code handle}, or -1 (then the id is read at eval). */
    public int handleId(TensorData handle) {
        return handles.getOrDefault(handle, -1);
    }

    public int count() {
        return variables.size();
    }

    /** Whether variable {@code id} has a buffer. */
    public boolean isAllocated(int id) {
        return id >= 0 && id < variables.size() && variables.get(id).value != null;
    }

    /** Gives variable {@code id} a buffer shaped like {@code value} unless it has one (TFLM's {@code Allocate}). */
    public void allocate(int id, TensorData value) {
        Variable v = variables.get(id);
        if (v.value == null) {
            v.value = new byte[value.byteLength()];
            // TFLM memsets the buffer with the zero point cast to int8 when the tensor has quantization params
            v.fill = value.quantization() != null && value.quantization().isQuantized() ? (byte) value.zeroPoint() : 0;
            Arrays.fill(v.value, v.fill);
        }
    }

    /**
     * Copies variable {@code id} into {@code out}; false when the id is unknown. A variable without a buffer has
     * zero bytes in TFLM, so reading it copies nothing.
     */
    public boolean read(int id, TensorData out) {
        if (id < 0 || id >= variables.size()) {
            return false;
        }
        byte[] value = variables.get(id).value;
        if (value == null) {
            return true;
        }
        ByteBuffer b = out.buffer();
        int n = Math.min(value.length, out.byteLength());
        for (int i = 0; i < n; i++) {
            b.put(out.base() + i, value[i]);
        }
        return true;
    }

    /** Copies {@code in} into variable {@code id}; false when the id is unknown or has no buffer yet. */
    public boolean assign(int id, TensorData in) {
        if (!isAllocated(id)) {
            return false;
        }
        byte[] value = variables.get(id).value;
        in.buffer().get(in.base(), value, 0, Math.min(value.length, in.byteLength()));
        return true;
    }

    /** Refills every allocated variable with its default (TFLM's {@code ResetAll}). */
    public void resetAll() {
        for (Variable v : variables) {
            if (v.value != null) {
                Arrays.fill(v.value, v.fill);
            }
        }
    }
}
