package dev.tflmstudio.runtime.tflite;

import com.google.flatbuffers.FlatBufferBuilder;
import dev.tflmstudio.runtime.tflite.FlatSchema.EnumDef;
import dev.tflmstudio.runtime.tflite.FlatSchema.Field;
import dev.tflmstudio.runtime.tflite.FlatSchema.Kind;
import dev.tflmstudio.runtime.tflite.FlatSchema.Scalar;
import dev.tflmstudio.runtime.tflite.FlatSchema.TableDef;
import dev.tflmstudio.runtime.tflite.FlatSchema.Type;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link FlatTree}-shaped tree as a TFLite flatbuffer with flatbuffers-java's builder. Every field present
 * in the tree is written, default or not, so a read-then-write round trip keeps what the file said. Byte vectors
 * are 16-byte aligned, as the schema asks of {@code Buffer.data}, so weights stay aligned for TFLM.
 */
final class FlatWriter {
    private final FlatBufferBuilder builder;
    private final FlatSchema schema = FlatSchema.tflite();

    private FlatWriter(int initialSize) {
        builder = new FlatBufferBuilder(Math.max(1024, initialSize));
        builder.forceDefaults(true);
    }

    /** The finished file bytes for a Model tree. */
    static byte[] writeModel(Map<String, Object> model, int sizeHint) {
        FlatWriter w = new FlatWriter(sizeHint);
        int root = w.writeTable(model, w.schema.table("Model"));
        w.builder.finish(root, "TFL3");
        return w.builder.sizedByteArray();
    }

    private int writeTable(Map<String, Object> values, TableDef def) {
        int[] offsets = new int[def.slotCount()];
        for (Field f : def.fields()) {
            Object v = values.get(f.name());
            if (v == null || f.deprecated()) {
                continue;
            }
            Type t = f.type();
            switch (t.kind()) {
                case STRING -> offsets[f.id()] = builder.createString((String) v);
                case TABLE -> offsets[f.id()] = writeTable(asMap(v), schema.table(t.ref()));
                case UNION -> {
                    Map<String, Object> m = asMap(v);
                    offsets[f.id()] = writeTable(m, schema.table((String) m.get(FlatTree.UNION_TYPE)));
                }
                case VECTOR -> offsets[f.id()] = writeVector(v, t.element());
                default -> { }
            }
        }
        builder.startTable(def.slotCount());
        for (Field f : def.fields()) {
            Object v = values.get(f.name());
            if (v == null || f.deprecated()) {
                continue;
            }
            Type t = f.type();
            switch (t.kind()) {
                case SCALAR -> addScalar(f.id(), t.scalar(), v);
                case ENUM -> addScalar(f.id(), t.scalar(), enumNumber(schema.enumDef(t.ref()), v));
                case UNION -> {
                    String member = (String) asMap(v).get(FlatTree.UNION_TYPE);
                    builder.addByte(f.id() - 1, (byte) schema.union(t.ref()).typeByteOf(member), 0);
                    builder.addOffset(f.id(), offsets[f.id()], 0);
                }
                default -> builder.addOffset(f.id(), offsets[f.id()], 0);
            }
        }
        return builder.endTable();
    }

    private int writeVector(Object v, Type element) {
        if (v instanceof ByteBuffer bytes) {
            ByteBuffer src = bytes.duplicate();
            ByteBuffer dst = builder.createUnintializedVector(1, src.remaining(), 16);
            dst.put(src);
            return builder.endVector();
        }
        if (v instanceof byte[] bytes) {
            return writeVector(ByteBuffer.wrap(bytes), element);
        }
        List<?> list = (List<?>) v;
        int n = list.size();
        switch (element.kind()) {
            case TABLE, STRING -> {
                int[] children = new int[n];
                for (int i = 0; i < n; i++) {
                    children[i] = element.kind() == Kind.STRING ? builder.createString((String) list.get(i))
                            : writeTable(asMap(list.get(i)), schema.table(element.ref()));
                }
                builder.startVector(4, n, 4);
                for (int i = n - 1; i >= 0; i--) {
                    builder.addOffset(children[i]);
                }
                return builder.endVector();
            }
            case SCALAR, ENUM -> {
                Scalar s = element.scalar();
                EnumDef e = element.kind() == Kind.ENUM ? schema.enumDef(element.ref()) : null;
                builder.startVector(s.width, n, s.width);
                for (int i = n - 1; i >= 0; i--) {
                    Object x = e == null ? list.get(i) : enumNumber(e, list.get(i));
                    putScalar(s, x);
                }
                return builder.endVector();
            }
            default -> throw new IllegalStateException("cannot write a vector of " + element.kind());
        }
    }

    private void addScalar(int id, Scalar s, Object v) {
        switch (s) {
            case BOOL -> builder.addBoolean(id, asBool(v), false);
            case BYTE, UBYTE -> builder.addByte(id, (byte) asLong(v), 0);
            case SHORT, USHORT -> builder.addShort(id, (short) asLong(v), 0);
            case INT, UINT -> builder.addInt(id, (int) asLong(v), 0);
            case LONG, ULONG -> builder.addLong(id, asLong(v), 0L);
            case FLOAT -> builder.addFloat(id, ((Number) v).floatValue(), 0f);
            case DOUBLE -> builder.addDouble(id, ((Number) v).doubleValue(), 0d);
        }
    }

    private void putScalar(Scalar s, Object v) {
        switch (s) {
            case BOOL -> builder.addBoolean(asBool(v));
            case BYTE, UBYTE -> builder.addByte((byte) asLong(v));
            case SHORT, USHORT -> builder.addShort((short) asLong(v));
            case INT, UINT -> builder.addInt((int) asLong(v));
            case LONG, ULONG -> builder.addLong(asLong(v));
            case FLOAT -> builder.addFloat(((Number) v).floatValue());
            case DOUBLE -> builder.addDouble(((Number) v).doubleValue());
        }
    }

    private static Object enumNumber(EnumDef e, Object v) {
        if (v instanceof String name) {
            for (Map.Entry<Long, String> en : e.names().entrySet()) {
                if (en.getValue().equals(name)) {
                    return en.getKey();
                }
            }
            throw new IllegalArgumentException(e.name() + " has no value " + name);
        }
        return v;
    }

    private static boolean asBool(Object v) {
        return v instanceof Boolean b ? b : ((Number) v).longValue() != 0;
    }

    private static long asLong(Object v) {
        return v instanceof Boolean b ? (b ? 1 : 0) : ((Number) v).longValue();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object v) {
        return (Map<String, Object>) v;
    }
}
