package dev.tflmstudio.runtime.tflite;

import dev.tflmstudio.runtime.io.AtomicFile;
import dev.tflmstudio.runtime.model.BuiltinOperators;
import dev.tflmstudio.runtime.model.Quantization;
import dev.tflmstudio.runtime.model.TensorType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds TFLite models in code: the bundled sample models and the synthetic models tests need. Buffers, operator
 * codes and metadata belong to the model; tensors and operators to a subgraph. The methods on the builder itself
 * work on the main subgraph (the only one most models have); {@link #subgraph(String)} adds more, for control flow.
 * Options are given by schema field names, as {@link dev.tflmstudio.runtime.model.Options} reads them back.
 */
public final class ModelBuilder {
    private final List<Map<String, Object>> buffers = new ArrayList<>();
    private final List<Long> externalSizes = new ArrayList<>();
    private final List<Map<String, Object>> opcodes = new ArrayList<>();
    private final Map<String, Integer> opcodeIndex = new LinkedHashMap<>();
    private final List<Map<String, Object>> metadata = new ArrayList<>();
    private final List<SubgraphBuilder> subgraphs = new ArrayList<>();
    private String description = "TFLM Studio";

    public ModelBuilder() {
        buffers.add(new LinkedHashMap<>()); // buffer 0: the empty sentinel every TFLite file starts with
    }

    public ModelBuilder description(String text) {
        this.description = text;
        return this;
    }

    /**
     * Adds the next subgraph (its index is the number made before; the first is the main graph) and returns it.
     */
    public SubgraphBuilder subgraph(String name) {
        SubgraphBuilder sg = new SubgraphBuilder(name);
        subgraphs.add(sg);
        return sg;
    }

    private SubgraphBuilder main() {
        return subgraphs.isEmpty() ? subgraph("main") : subgraphs.get(0);
    }

    /** Adds a constant buffer and returns its index. */
    public int addBuffer(byte[] data) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("data", ByteBuffer.wrap(data.clone()));
        buffers.add(b);
        return buffers.size() - 1;
    }

    /**
     * Adds a buffer of {@code size} zero bytes stored after the flatbuffer (schema 3c {@code offset}/{@code size}),
     * written sparsely by {@link #writeTo(Path)}: how models over 2 GB keep their weights.
     */
    public int addExternalBuffer(long size) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("offset", 2L); // placeholder until the layout is known; fixed width, so the size does not change
        b.put("size", size);
        buffers.add(b);
        externalSizes.add(size);
        return buffers.size() - 1;
    }

    /** Adds a tensor to the main subgraph. */
    public int addTensor(String name, TensorType type, int[] shape, int buffer, Quantization q) {
        return main().addTensor(name, type, shape, buffer, q, false);
    }

    /** Adds a tensor to the main subgraph. */
    public int addTensor(String name, TensorType type, int[] shape, int buffer, Quantization q, boolean variable) {
        return main().addTensor(name, type, shape, buffer, q, variable);
    }

    /** Adds a builtin op to the main subgraph; {@code optionsTable} may be null for ops without options. */
    public int addOperator(String builtin, int[] in, int[] out, String optionsTable, Map<String, Object> options) {
        return main().addOperator(builtin, in, out, optionsTable, options);
    }

    /** Adds a custom op with raw custom options (may be null) to the main subgraph. */
    public int addCustomOperator(String name, int[] in, int[] out, byte[] customOptions) {
        return main().addCustomOperator(name, in, out, customOptions);
    }

    public ModelBuilder inputs(int... tensorIndices) {
        main().inputs(tensorIndices);
        return this;
    }

    public ModelBuilder outputs(int... tensorIndices) {
        main().outputs(tensorIndices);
        return this;
    }

    public ModelBuilder metadata(String name, byte[] data) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("buffer", (long) addBuffer(data));
        metadata.add(m);
        return this;
    }

    /** The model file's bytes. Models with external buffers must use {@link #writeTo(Path)}. */
    public byte[] build() {
        if (!externalSizes.isEmpty()) {
            throw new IllegalStateException("models with external buffers are written with writeTo(Path)");
        }
        return FlatWriter.writeModel(tree(), 4096);
    }

    /**
     * Writes the model (and any external buffers after it, sparsely: their zero bytes are never written) to a
     * temporary file, then renames it into place.
     */
    public void writeTo(Path path) throws IOException {
        byte[] flat = FlatWriter.writeModel(tree(), 4096);
        if (externalSizes.isEmpty()) {
            AtomicFile.write(path, flat);
            return;
        }
        // Second pass with the real offsets: scalars have fixed widths, so the flatbuffer keeps its size.
        long next = align16(flat.length);
        for (Map<String, Object> b : buffers) {
            if (b.containsKey("offset")) {
                b.put("offset", next);
                next = align16(next + (Long) b.get("size"));
            }
        }
        byte[] finalFlat = FlatWriter.writeModel(tree(), 4096);
        long end = next;
        Path tmp = AtomicFile.temporarySibling(path);
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ch.write(ByteBuffer.wrap(finalFlat));
                ch.write(ByteBuffer.wrap(new byte[1]), end - 1); // extends the file; the hole reads as zeros
            }
            AtomicFile.moveIntoPlace(tmp, path);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private Map<String, Object> tree() {
        main();
        List<Object> sgs = new ArrayList<>();
        for (SubgraphBuilder sg : subgraphs) {
            sgs.add(sg.tree());
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("version", 3L);
        model.put("operator_codes", new ArrayList<Object>(opcodes));
        model.put("subgraphs", sgs);
        model.put("description", description);
        model.put("buffers", new ArrayList<Object>(buffers));
        if (!metadata.isEmpty()) {
            model.put("metadata", new ArrayList<Object>(metadata));
        }
        return model;
    }

    private int opcode(String key, int code, String customName) {
        return opcodeIndex.computeIfAbsent(key, k -> {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("deprecated_builtin_code", Math.min(code, 127));
            if (customName != null) {
                c.put("custom_code", customName);
            }
            c.put("version", 1);
            c.put("builtin_code", code);
            opcodes.add(c);
            return opcodes.size() - 1;
        });
    }

    private static long align16(long v) {
        return (v + 15) & ~15L;
    }

    private static List<Object> ints(int[] a) {
        List<Object> l = new ArrayList<>(a.length);
        for (int v : a) {
            l.add(v);
        }
        return l;
    }

    /** One subgraph's tensors, operators, inputs and outputs. */
    public final class SubgraphBuilder {
        private final String name;
        private final List<Map<String, Object>> tensors = new ArrayList<>();
        private final List<Map<String, Object>> operators = new ArrayList<>();
        private int[] inputs = new int[0];
        private int[] outputs = new int[0];

        private SubgraphBuilder(String name) {
            this.name = name;
        }

        /** A runtime tensor (no data, not quantized). */
        public int tensor(String tensorName, TensorType type, int... shape) {
            return addTensor(tensorName, type, shape, 0, null, false);
        }

        /** A constant tensor holding little-endian {@code data} in a buffer of its own. */
        public int constant(String tensorName, TensorType type, int[] shape, byte[] data) {
            return addTensor(tensorName, type, shape, addBuffer(data), null, false);
        }

        public int addTensor(String tensorName, TensorType type, int[] shape, int buffer, Quantization q,
                             boolean variable) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("shape", ints(shape));
            t.put("type", type.code());
            t.put("buffer", (long) buffer);
            t.put("name", tensorName);
            if (q != null) {
                Map<String, Object> qm = new LinkedHashMap<>();
                qm.put("scale", new ArrayList<Object>(q.scales()));
                qm.put("zero_point", new ArrayList<Object>(q.zeroPoints()));
                qm.put("quantized_dimension", q.quantizedDimension());
                t.put("quantization", qm);
            }
            if (variable) {
                t.put("is_variable", true);
            }
            tensors.add(t);
            return tensors.size() - 1;
        }

        /** Adds a builtin op and returns this subgraph, for chaining. */
        public SubgraphBuilder op(String builtin, int[] in, int[] out, String optionsTable,
                                  Map<String, Object> options) {
            addOperator(builtin, in, out, optionsTable, options);
            return this;
        }

        /** Adds a builtin op; {@code optionsTable} (e.g. {@code Conv2DOptions}) may be null. Returns its index. */
        public int addOperator(String builtin, int[] in, int[] out, String optionsTable,
                               Map<String, Object> options) {
            int code = BuiltinOperators.code(builtin);
            if (code < 0) {
                throw new IllegalArgumentException("unknown builtin " + builtin);
            }
            Map<String, Object> op = new LinkedHashMap<>();
            op.put("opcode_index", (long) opcode(builtin, code, null));
            op.put("inputs", ints(in));
            op.put("outputs", ints(out));
            if (optionsTable != null) {
                Map<String, Object> o = new LinkedHashMap<>(options);
                o.put(FlatTree.UNION_TYPE, optionsTable);
                op.put(code > 161 ? "builtin_options_2" : "builtin_options", o);
            }
            operators.add(op);
            return operators.size() - 1;
        }

        /** Adds a custom op with raw custom options (may be null). Returns its index. */
        public int addCustomOperator(String opName, int[] in, int[] out, byte[] customOptions) {
            Map<String, Object> op = new LinkedHashMap<>();
            op.put("opcode_index", (long) opcode("custom:" + opName, 32, opName));
            op.put("inputs", ints(in));
            op.put("outputs", ints(out));
            if (customOptions != null) {
                op.put("custom_options", ByteBuffer.wrap(customOptions.clone()));
            }
            operators.add(op);
            return operators.size() - 1;
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
