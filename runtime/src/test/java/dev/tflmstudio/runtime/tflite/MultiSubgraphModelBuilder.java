package dev.tflmstudio.runtime.tflite;

import dev.tflmstudio.runtime.model.BuiltinOperators;
import dev.tflmstudio.runtime.model.TensorType;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds small TFLite models with several subgraphs (for IF, WHILE and CALL_ONCE tests): buffers and operator codes
 * are shared by the model, tensors and ops belong to the subgraph made by {@link #subgraph(String)}.
 */
public final class MultiSubgraphModelBuilder {
    private final List<Map<String, Object>> buffers = new ArrayList<>();
    private final List<Map<String, Object>> opcodes = new ArrayList<>();
    private final Map<String, Integer> opcodeIndex = new LinkedHashMap<>();
    private final List<SubgraphBuilder> subgraphs = new ArrayList<>();

    public MultiSubgraphModelBuilder() {
        buffers.add(new LinkedHashMap<>()); // buffer 0: the empty sentinel
    }

    /** Starts the next subgraph (index = number of subgraphs made before). */
    public SubgraphBuilder subgraph(String name) {
        SubgraphBuilder sg = new SubgraphBuilder(name);
        subgraphs.add(sg);
        return sg;
    }

    public byte[] build() {
        List<Object> sgs = new ArrayList<>();
        for (SubgraphBuilder sg : subgraphs) {
            sgs.add(sg.tree());
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("version", 3L);
        model.put("operator_codes", new ArrayList<Object>(opcodes));
        model.put("subgraphs", sgs);
        model.put("description", "control-flow test model");
        model.put("buffers", new ArrayList<Object>(buffers));
        return FlatWriter.writeModel(model, 4096);
    }

    private int buffer(byte[] data) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("data", ByteBuffer.wrap(data.clone()));
        buffers.add(b);
        return buffers.size() - 1;
    }

    private int opcode(String builtin) {
        int code = BuiltinOperators.code(builtin);
        if (code < 0) {
            throw new IllegalArgumentException("unknown builtin " + builtin);
        }
        return opcodeIndex.computeIfAbsent(builtin, k -> {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("deprecated_builtin_code", Math.min(code, 127));
            c.put("version", 1);
            c.put("builtin_code", code);
            opcodes.add(c);
            return opcodes.size() - 1;
        });
    }

    private static List<Object> ints(int[] a) {
        List<Object> l = new ArrayList<>(a.length);
        for (int v : a) {
            l.add(v);
        }
        return l;
    }

    /** One subgraph's tensors, ops, inputs and outputs. */
    public final class SubgraphBuilder {
        private final String name;
        private final List<Map<String, Object>> tensors = new ArrayList<>();
        private final List<Map<String, Object>> operators = new ArrayList<>();
        private int[] inputs = new int[0];
        private int[] outputs = new int[0];

        private SubgraphBuilder(String name) {
            this.name = name;
        }

        /** A runtime tensor (no data). */
        public int tensor(String tensorName, TensorType type, int... shape) {
            return addTensor(tensorName, type, shape, 0);
        }

        /** A constant tensor holding little-endian {@code data}. */
        public int constant(String tensorName, TensorType type, int[] shape, byte[] data) {
            return addTensor(tensorName, type, shape, buffer(data));
        }

        private int addTensor(String tensorName, TensorType type, int[] shape, int buffer) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("shape", ints(shape));
            t.put("type", type.code());
            t.put("buffer", (long) buffer);
            t.put("name", tensorName);
            tensors.add(t);
            return tensors.size() - 1;
        }

        /** A builtin op; {@code optionsTable} may be null for ops without options. */
        public SubgraphBuilder op(String builtin, int[] in, int[] out, String optionsTable,
                                  Map<String, Object> options) {
            Map<String, Object> op = new LinkedHashMap<>();
            op.put("opcode_index", (long) opcode(builtin));
            op.put("inputs", ints(in));
            op.put("outputs", ints(out));
            if (optionsTable != null) {
                Map<String, Object> o = new LinkedHashMap<>(options);
                o.put(FlatTree.UNION_TYPE, optionsTable);
                op.put(BuiltinOperators.code(builtin) > 161 ? "builtin_options_2" : "builtin_options", o);
            }
            operators.add(op);
            return this;
        }

        public SubgraphBuilder inputs(int... tensorIndices) {
            this.inputs = tensorIndices.clone();
            return this;
        }

        public SubgraphBuilder outputs(int... tensorIndices) {
            this.outputs = tensorIndices.clone();
            return this;
        }

        private Map<String, Object> tree() {
            Map<String, Object> sg = new LinkedHashMap<>();
            sg.put("tensors", new ArrayList<Object>(tensors));
            sg.put("inputs", ints(inputs));
            sg.put("outputs", ints(outputs));
            sg.put("operators", new ArrayList<Object>(operators));
            sg.put("name", name);
            return sg;
        }
    }
}
