package dev.tflmstudio.runtime.tflite;

import dev.tflmstudio.runtime.model.Metadata;
import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.model.ModelFormatException;
import dev.tflmstudio.runtime.model.OfflineMemoryAllocation;
import dev.tflmstudio.runtime.model.Operator;
import dev.tflmstudio.runtime.model.OperatorCode;
import dev.tflmstudio.runtime.model.Options;
import dev.tflmstudio.runtime.model.Quantization;
import dev.tflmstudio.runtime.model.Shape;
import dev.tflmstudio.runtime.model.SignatureDef;
import dev.tflmstudio.runtime.model.Subgraph;
import dev.tflmstudio.runtime.model.Tensor;
import dev.tflmstudio.runtime.model.TensorType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Opens {@code .tflite} files: memory-maps, verifies, and builds the {@link Model} IR.
 *
 * <p>Two passes, both before anything else sees the model: {@link FlatVerifier} proves every offset lands inside
 * the file, then this class checks what the schema cannot (indices in range, constant sizes matching shapes,
 * inputs written before they are read) while it builds the IR. Either failure is a {@link ModelFormatException}
 * whose one-line message says what and where.
 */
public final class ModelReader {
    private final ByteBuffer bb;
    private final String source;
    private final FlatSchema schema = FlatSchema.tflite();
    private int bufferCount;

    private ModelReader(ByteBuffer bb, String source) {
        this.bb = bb;
        this.source = source;
    }

    /** Maps and reads a model file. Weights stay in the mapping; nothing proportional to them is copied. */
    public static Model open(Path path) throws IOException, ModelFormatException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > Integer.MAX_VALUE) {
                throw new ModelFormatException("file is " + size + " bytes; files over 2 GiB are not supported yet");
            }
            ByteBuffer map = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
            return read(map, path.toString());
        }
    }

    /** Reads a model held in memory (a sample built in code, a test fixture). */
    public static Model read(ByteBuffer bytes, String source) throws ModelFormatException {
        ByteBuffer bb = bytes.duplicate();
        if (bb.position() != 0) {
            bb = bb.slice();
        }
        bb.order(ByteOrder.LITTLE_ENDIAN);
        FlatVerifier.verifyModel(bb);
        return new ModelReader(bb, source).build();
    }

    /** Reads a model from bytes (copied into a heap buffer the model keeps). */
    public static Model read(byte[] bytes, String source) throws ModelFormatException {
        return read(ByteBuffer.wrap(bytes), source);
    }

    private Model build() throws ModelFormatException {
        FlatTable model = FlatTable.root(bb);
        bufferCount = model.vectorLength("buffers");

        List<OperatorCode> codes = new ArrayList<>();
        for (int i = 0, n = model.vectorLength("operator_codes"); i < n; i++) {
            FlatTable c = model.tableAt("operator_codes", i);
            int code = Math.max(c.getByte("deprecated_builtin_code"), c.getInt("builtin_code"));
            String custom = c.getString("custom_code");
            codes.add(new OperatorCode(code, code == OperatorCode.CUSTOM ? custom : null, c.getInt("version")));
        }

        int subgraphCount = model.vectorLength("subgraphs");
        if (subgraphCount == 0) {
            throw new ModelFormatException("model has no subgraphs");
        }
        List<Subgraph> subgraphs = new ArrayList<>();
        for (int s = 0; s < subgraphCount; s++) {
            subgraphs.add(readSubgraph(model, s, codes, subgraphCount));
        }

        List<Metadata> metadata = new ArrayList<>();
        OfflineMemoryAllocation offline = null;
        String minRuntime = null;
        for (int i = 0, n = model.vectorLength("metadata"); i < n; i++) {
            FlatTable m = model.tableAt("metadata", i);
            String name = m.getString("name");
            long buffer = m.getUInt("buffer");
            String where = "metadata " + i + " ('" + name + "')";
            ByteBuffer data = bufferData(model, checkBufferIndex(buffer, where), where);
            metadata.add(new Metadata(name, (int) buffer, data == null ? 0 : data.remaining()));
            if (OfflineMemoryAllocation.METADATA_NAME.equals(name)) {
                offline = readOfflinePlan(data, subgraphs);
            } else if ("min_runtime_version".equals(name) && data != null) {
                minRuntime = cString(data);
            }
        }

        List<SignatureDef> signatures = new ArrayList<>();
        for (int i = 0, n = model.vectorLength("signature_defs"); i < n; i++) {
            signatures.add(readSignature(model.tableAt("signature_defs", i), i, subgraphs));
        }
        String description = model.getString("description");
        return new Model(source, bb.limit(), model.getUInt("version"), description == null ? "" : description, codes,
                subgraphs, metadata, signatures, offline, minRuntime);
    }

    private Subgraph readSubgraph(FlatTable model, int s, List<OperatorCode> codes, int subgraphCount)
            throws ModelFormatException {
        FlatTable sg = model.tableAt("subgraphs", s);
        String where = "subgraph " + s;
        int tensorCount = sg.vectorLength("tensors");
        List<Tensor> tensors = new ArrayList<>(tensorCount);
        for (int t = 0; t < tensorCount; t++) {
            tensors.add(readTensor(model, sg.tableAt("tensors", t), where + ", tensor " + t, t));
        }
        int[] inputs = sg.intVector("inputs");
        int[] outputs = sg.intVector("outputs");
        checkTensorIndices(inputs, tensorCount, where + ": input", false);
        checkTensorIndices(outputs, tensorCount, where + ": output", false);

        // A tensor may be read once it is a constant, a variable, a subgraph input or an earlier op's output.
        // Tensors no operator writes at all (Ethos-U scratch areas, state) are the kernel's business, as in TFLM;
        // what is wrong is reading a tensor that a later operator writes: the execution order is broken.
        BitSet defined = new BitSet(tensorCount);
        BitSet written = new BitSet(tensorCount);
        for (int i = 0, n = sg.vectorLength("operators"); i < n; i++) {
            for (int out : sg.tableAt("operators", i).intVector("outputs")) {
                if (out >= 0 && out < tensorCount) {
                    written.set(out);
                }
            }
        }
        for (Tensor t : tensors) {
            if (t.hasData() || t.variable() || t.arenaBytes() == 0) {
                defined.set(t.index());
            }
        }
        for (int i : inputs) {
            defined.set(i);
        }
        int opCount = sg.vectorLength("operators");
        List<Operator> ops = new ArrayList<>(opCount);
        for (int i = 0; i < opCount; i++) {
            Operator op = readOperator(sg.tableAt("operators", i), i, where, codes, tensorCount, subgraphCount);
            for (int in : op.inputs()) {
                if (in >= 0 && !defined.get(in) && written.get(in)) {
                    throw new ModelFormatException(where + ", operator " + i + " (" + op.opName() + "): input tensor "
                            + in + " is read before the operator that writes it");
                }
            }
            for (int out : op.outputs()) {
                if (out >= 0) {
                    defined.set(out);
                }
            }
            ops.add(op);
        }
        String name = sg.getString("name");
        return new Subgraph(s, name == null ? "" : name, tensors, boxed(inputs), boxed(outputs), ops);
    }

    private Tensor readTensor(FlatTable model, FlatTable t, String where, int index) throws ModelFormatException {
        int typeCode = t.getByte("type");
        TensorType type = TensorType.fromCode(typeCode);
        if (type == null) {
            throw new ModelFormatException(where + ": unknown tensor type " + typeCode);
        }
        int[] dims = t.intVector("shape");
        long elements = 1;
        for (int d : dims) {
            if (d < 0) {
                // Dynamic dimensions belong in shape_signature; a negative static dim is a broken file.
                throw new ModelFormatException(where + ": negative dimension " + d + " in shape "
                        + Shape.of(dims));
            }
            elements = multiplyChecked(elements, d, where, dims);
        }
        multiplyChecked(elements, Math.max(1, type.storageBits() / 8 + 1), where, dims);
        Shape signature = t.has("shape_signature") ? Shape.of(t.intVector("shape_signature")) : null;
        long buffer = t.getUInt("buffer");
        ByteBuffer data = bufferData(model, checkBufferIndex(buffer, where), where);
        if (data != null && data.remaining() == 0) {
            data = null;
        }
        if (data != null && type != TensorType.STRING && type != TensorType.VARIANT
                && type != TensorType.RESOURCE) {
            long expected = type.storageBytes(elements);
            if (data.remaining() != expected) {
                throw new ModelFormatException(where + ": constant buffer " + buffer + " holds " + data.remaining()
                        + " bytes but " + type + Shape.of(dims) + " needs " + expected);
            }
        }
        Quantization q = readQuantization(t.table("quantization"), where, dims);
        String name = t.getString("name");
        return new Tensor(index, name == null ? "" : name, type, Shape.of(dims), signature, (int) buffer,
                t.getBool("is_variable"), q, t.has("sparsity"), data);
    }

    private static long multiplyChecked(long a, long b, String where, int[] dims) throws ModelFormatException {
        long r = a * b;
        // Keep every byte count below 2^53 so later arithmetic (bytes, offsets, doubles) stays exact.
        if (b != 0 && (r / b != a || r > (1L << 53))) {
            throw new ModelFormatException(where + ": shape " + Shape.of(dims) + " is too large");
        }
        return r;
    }

    private Quantization readQuantization(FlatTable q, String where, int[] dims) throws ModelFormatException {
        if (q == null) {
            return null;
        }
        float[] scale = q.floatVector("scale");
        long[] zp = q.longVector("zero_point");
        if (scale.length == 0 && zp.length == 0) {
            return null;
        }
        int qdim = q.getInt("quantized_dimension");
        // Converters leave the filter's quantized_dimension (3) on depthwise biases of rank 1; TFLM never reads it
        // there, so a rank-1 tensor with one scale per element is accepted whatever its quantized_dimension says.
        boolean rankOnePerElement = dims.length == 1 && scale.length == dims[0];
        if (scale.length > 1 && !rankOnePerElement) {
            if (qdim < 0 || qdim >= dims.length) {
                throw new ModelFormatException(where + ": quantized_dimension " + qdim + " out of range for shape "
                        + Shape.of(dims));
            }
            if (scale.length != dims[qdim]) {
                throw new ModelFormatException(where + ": " + scale.length + " scales for " + dims[qdim]
                        + " channels along dimension " + qdim);
            }
        }
        if (zp.length > 1 && zp.length != scale.length) {
            throw new ModelFormatException(where + ": " + zp.length + " zero points for " + scale.length + " scales");
        }
        List<Float> scales = new ArrayList<>(scale.length);
        for (float f : scale) {
            scales.add(f);
        }
        List<Long> zps = new ArrayList<>(zp.length);
        for (long z : zp) {
            zps.add(z);
        }
        return new Quantization(scales, zps, qdim, boxed(q.floatVector("min")), boxed(q.floatVector("max")));
    }

    private Operator readOperator(FlatTable op, int i, String sgWhere, List<OperatorCode> codes, int tensorCount,
                                  int subgraphCount) throws ModelFormatException {
        String where = sgWhere + ", operator " + i;
        long opcodeIndex = op.getUInt("opcode_index");
        if (opcodeIndex >= codes.size()) {
            throw new ModelFormatException(where + ": opcode index " + opcodeIndex + " out of range ("
                    + codes.size() + " operator codes)");
        }
        OperatorCode code = codes.get((int) opcodeIndex);
        int[] inputs = op.intVector("inputs");
        int[] outputs = op.intVector("outputs");
        int[] intermediates = op.intVector("intermediates");
        checkTensorIndices(inputs, tensorCount, where + " (" + code.opName() + "): input", true);
        checkTensorIndices(outputs, tensorCount, where + " (" + code.opName() + "): output", false);
        checkTensorIndices(intermediates, tensorCount, where + " (" + code.opName() + "): intermediate", false);

        Options options = Options.NONE;
        int type1 = op.unionType("builtin_options");
        int type2 = op.unionType("builtin_options_2");
        if (type1 != 0) {
            options = decodeUnion(op, "builtin_options", "BuiltinOptions", type1, where);
        } else if (type2 != 0) {
            options = decodeUnion(op, "builtin_options_2", "BuiltinOptions2", type2, where);
        }
        ByteBuffer custom = op.byteVector("custom_options");
        long largeOffset = op.getULong("large_custom_options_offset");
        long largeSize = op.getULong("large_custom_options_size");
        if (custom == null && largeOffset > 1) {
            custom = outOfFlatbuffer(largeOffset, largeSize, where + ": large custom options");
        }
        Options customOptions = OptionsDecoder.decodeCustom(custom);
        checkSubgraphRefs(options, subgraphCount, where);
        return new Operator(i, code, boxed(inputs), boxed(outputs), boxed(intermediates), options, customOptions,
                custom);
    }

    private Options decodeUnion(FlatTable op, String field, String unionName, int type, String where) {
        String member = schema.union(unionName).member(type);
        if (member == null) {
            return new Options("unknown options type " + type, Map.of());
        }
        FlatTable value = op.unionValue(field, schema.table(member));
        return value == null ? new Options(member, Map.of()) : OptionsDecoder.decode(value);
    }

    private static void checkSubgraphRefs(Options options, int subgraphCount, String where)
            throws ModelFormatException {
        for (Map.Entry<String, Object> e : options.fields().entrySet()) {
            if (e.getKey().endsWith("subgraph_index") && e.getValue() instanceof Number n) {
                long v = n.longValue();
                if (v < 0 || v >= subgraphCount) {
                    throw new ModelFormatException(where + ": " + e.getKey() + " " + v + " out of range ("
                            + subgraphCount + " subgraphs)");
                }
            }
        }
    }

    private static void checkTensorIndices(int[] indices, int tensorCount, String what, boolean optionalAllowed)
            throws ModelFormatException {
        for (int t : indices) {
            if (t == -1 && optionalAllowed) {
                continue;
            }
            if (t < 0 || t >= tensorCount) {
                throw new ModelFormatException(what + " tensor " + t + " out of range (" + tensorCount + " tensors)");
            }
        }
    }

    private int checkBufferIndex(long buffer, String where) throws ModelFormatException {
        if (buffer >= bufferCount) {
            throw new ModelFormatException(where + ": buffer " + buffer + " out of range (" + bufferCount
                    + " buffers)");
        }
        return (int) buffer;
    }

    /** A buffer's bytes: the inline data vector, or (schema 3c) a slice of the file after the flatbuffer. */
    private ByteBuffer bufferData(FlatTable model, int index, String where) throws ModelFormatException {
        FlatTable buffer = model.tableAt("buffers", index);
        ByteBuffer data = buffer.byteVector("data");
        if (data != null) {
            return data;
        }
        long offset = buffer.getULong("offset");
        if (offset > 1) {
            return outOfFlatbuffer(offset, buffer.getULong("size"), where + ": buffer " + index);
        }
        return null;
    }

    private ByteBuffer outOfFlatbuffer(long offset, long size, String where) throws ModelFormatException {
        if (offset < 0 || size < 0 || offset > bb.limit() || size > bb.limit() - offset) {
            throw new ModelFormatException(where + ": data at offset " + Long.toUnsignedString(offset) + " ("
                    + Long.toUnsignedString(size) + " bytes) lies outside the file (" + bb.limit() + " bytes)");
        }
        return bb.duplicate().position((int) offset).limit((int) (offset + size)).slice().asReadOnlyBuffer()
                .order(ByteOrder.LITTLE_ENDIAN);
    }

    private static OfflineMemoryAllocation readOfflinePlan(ByteBuffer data, List<Subgraph> subgraphs)
            throws ModelFormatException {
        String where = "metadata 'OfflineMemoryAllocation'";
        if (data == null || data.remaining() < 12 || data.remaining() % 4 != 0) {
            throw new ModelFormatException(where + ": " + (data == null ? 0 : data.remaining())
                    + " bytes, expected 12 + 4 per tensor");
        }
        ByteBuffer d = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int version = d.getInt(0);
        int sgCount = d.getInt(4);
        int n = d.getInt(8);
        int total = 0;
        for (Subgraph s : subgraphs) {
            total += s.tensors().size();
        }
        if (n != total || d.remaining() != 12 + 4L * n) {
            throw new ModelFormatException(where + ": " + n + " offsets for " + total + " tensors");
        }
        List<Integer> offsets = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            offsets.add(d.getInt(12 + 4 * i));
        }
        return new OfflineMemoryAllocation(version, sgCount, offsets);
    }

    private SignatureDef readSignature(FlatTable sig, int i, List<Subgraph> subgraphs) throws ModelFormatException {
        String where = "signature " + i;
        long sg = sig.getUInt("subgraph_index");
        if (sg >= subgraphs.size()) {
            throw new ModelFormatException(where + ": subgraph " + sg + " out of range (" + subgraphs.size()
                    + " subgraphs)");
        }
        int tensorCount = subgraphs.get((int) sg).tensors().size();
        String key = sig.getString("signature_key");
        return new SignatureDef(key == null ? "" : key, (int) sg, tensorMap(sig, "inputs", tensorCount, where),
                tensorMap(sig, "outputs", tensorCount, where));
    }

    private static Map<String, Integer> tensorMap(FlatTable sig, String field, int tensorCount, String where)
            throws ModelFormatException {
        Map<String, Integer> map = new LinkedHashMap<>();
        for (int j = 0, n = sig.vectorLength(field); j < n; j++) {
            FlatTable m = sig.tableAt(field, j);
            long t = m.getUInt("tensor_index");
            if (t >= tensorCount) {
                throw new ModelFormatException(where + ": " + field + " tensor " + t + " out of range ("
                        + tensorCount + " tensors)");
            }
            String name = m.getString("name");
            map.put(name == null ? "" : name, (int) t);
        }
        return map;
    }

    private static String cString(ByteBuffer data) {
        byte[] b = new byte[Math.min(data.remaining(), 256)];
        data.duplicate().get(b);
        int end = 0;
        while (end < b.length && b[end] != 0) {
            end++;
        }
        return new String(b, 0, end, StandardCharsets.UTF_8);
    }

    private static List<Integer> boxed(int[] a) {
        List<Integer> l = new ArrayList<>(a.length);
        for (int v : a) {
            l.add(v);
        }
        return l;
    }

    private static List<Float> boxed(float[] a) {
        List<Float> l = new ArrayList<>(a.length);
        for (float v : a) {
            l.add(v);
        }
        return l;
    }
}
