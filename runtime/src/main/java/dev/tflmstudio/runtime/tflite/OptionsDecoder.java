package dev.tflmstudio.runtime.tflite;

import com.google.flatbuffers.FlexBuffers;
import dev.tflmstudio.runtime.model.Options;
import dev.tflmstudio.runtime.tflite.FlatSchema.EnumDef;
import dev.tflmstudio.runtime.tflite.FlatSchema.Field;
import dev.tflmstudio.runtime.tflite.FlatSchema.Kind;
import dev.tflmstudio.runtime.tflite.FlatSchema.Scalar;
import dev.tflmstudio.runtime.tflite.FlatSchema.Type;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns an options table into {@link Options}: every field by its schema name, defaults filled in, enum values by
 * name. Custom options in FlexBuffers format become the same kind of map.
 */
final class OptionsDecoder {
    /** Caps on what a FlexBuffers blob may make us build, so a hostile file cannot make us allocate much. */
    private static final int FLEX_MAX_ELEMENTS = 100_000;
    private static final int FLEX_MAX_DEPTH = 16;

    private OptionsDecoder() {
    }

    static Options decode(FlatTable table) {
        Map<String, Object> fields = new LinkedHashMap<>();
        ByteBuffer bb = table.buffer();
        FlatSchema schema = FlatSchema.tflite();
        for (Field f : table.def().fields()) {
            if (f.deprecated() || f.type().kind() == Kind.UNION) {
                continue;
            }
            int o = table.slot(f);
            Type type = f.type();
            switch (type.kind()) {
                case SCALAR -> fields.put(f.name(), o != 0 ? readScalar(bb, table.position() + o, type.scalar())
                        : defaultOf(type.scalar(), f.defaultValue()));
                case ENUM -> {
                    if (o == 0 && type.ref().equals("TensorType")) {
                        // TensorType fields (quantized_bias_type, out_type...) use 0 for "not set"; showing it as
                        // FLOAT32 would claim something the file does not say.
                        continue;
                    }
                    long v = o != 0 ? ((Number) readScalar(bb, table.position() + o, type.scalar())).longValue()
                            : (long) f.defaultValue();
                    fields.put(f.name(), enumValue(schema.enumDef(type.ref()), v));
                }
                case STRING -> {
                    if (o != 0) {
                        fields.put(f.name(), table.getString(f.name()));
                    }
                }
                case VECTOR -> {
                    if (o != 0) {
                        fields.put(f.name(), readVector(table, f));
                    }
                }
                case TABLE -> {
                    FlatTable sub = table.table(f.name());
                    if (sub != null) {
                        fields.put(f.name(), decode(sub).fields());
                    }
                }
                default -> { }
            }
        }
        return new Options(table.def().name(), fields);
    }

    private static List<Object> readVector(FlatTable table, Field f) {
        Type element = f.type().element();
        int n = table.vectorLength(f.name());
        int start = table.vectorStart(f.name());
        ByteBuffer bb = table.buffer();
        List<Object> values = new ArrayList<>(n);
        if (element.kind() == Kind.SCALAR || element.kind() == Kind.ENUM) {
            EnumDef e = element.kind() == Kind.ENUM ? FlatSchema.tflite().enumDef(element.ref()) : null;
            int w = element.scalar().width;
            for (int i = 0; i < n; i++) {
                Object v = readScalar(bb, start + i * w, element.scalar());
                values.add(e == null ? v : enumValue(e, ((Number) v).longValue()));
            }
        } else if (element.kind() == Kind.TABLE) {
            for (int i = 0; i < n; i++) {
                values.add(decode(table.tableAt(f.name(), i)).fields());
            }
        }
        return values;
    }

    private static Object enumValue(EnumDef e, long v) {
        String name = e == null ? null : e.nameOf(v);
        return name != null ? name : (Object) v;
    }

    static Object readScalar(ByteBuffer bb, int pos, Scalar s) {
        return switch (s) {
            case BOOL -> bb.get(pos) != 0;
            case BYTE -> (int) bb.get(pos);
            case UBYTE -> Byte.toUnsignedInt(bb.get(pos));
            case SHORT -> (int) bb.getShort(pos);
            case USHORT -> Short.toUnsignedInt(bb.getShort(pos));
            case INT -> bb.getInt(pos);
            case UINT -> Integer.toUnsignedLong(bb.getInt(pos));
            case LONG, ULONG -> bb.getLong(pos);
            case FLOAT -> bb.getFloat(pos);
            case DOUBLE -> bb.getDouble(pos);
        };
    }

    private static Object defaultOf(Scalar s, double d) {
        return switch (s) {
            case BOOL -> d != 0;
            case BYTE, UBYTE, SHORT, USHORT, INT -> (int) d;
            case UINT, LONG, ULONG -> (long) d;
            case FLOAT -> (float) d;
            case DOUBLE -> d;
        };
    }

    /**
     * Custom options as FlexBuffers key/values when they are a FlexBuffers map; otherwise (or when the blob is
     * malformed) the raw bytes in hex under {@code "bytes"}.
     */
    static Options decodeCustom(ByteBuffer raw) {
        if (raw == null || raw.remaining() == 0) {
            return Options.NONE;
        }
        try {
            FlexBuffers.Reference root = FlexBuffers.getRoot(raw.slice().order(ByteOrder.LITTLE_ENDIAN));
            if (root.isMap()) {
                int[] budget = {FLEX_MAX_ELEMENTS};
                @SuppressWarnings("unchecked")
                Map<String, Object> map = (Map<String, Object>) flexValue(root, 0, budget);
                return new Options("flexbuffers", map);
            }
        } catch (RuntimeException malformed) {
            // Not FlexBuffers after all (or a corrupt blob): fall through and show the bytes.
        }
        byte[] bytes = new byte[Math.min(raw.remaining(), 4096)];
        raw.duplicate().get(bytes);
        return new Options("raw", Map.of("bytes", HexFormat.of().formatHex(bytes),
                "length", raw.remaining()));
    }

    private static Object flexValue(FlexBuffers.Reference r, int depth, int[] budget) {
        if (--budget[0] < 0 || depth > FLEX_MAX_DEPTH) {
            throw new IllegalStateException("FlexBuffers blob too large");
        }
        if (r.isMap()) {
            FlexBuffers.Map m = r.asMap();
            FlexBuffers.KeyVector keys = m.keys();
            int n = keys.size();
            checkSize(n, budget);
            Map<String, Object> out = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                out.put(keys.get(i).toString(), flexValue(m.get(i), depth + 1, budget));
            }
            return out;
        }
        if (r.isVector() || r.isTypedVector()) {
            FlexBuffers.Vector v = r.asVector();
            int n = v.size();
            checkSize(n, budget);
            List<Object> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(flexValue(v.get(i), depth + 1, budget));
            }
            return out;
        }
        if (r.isBoolean()) {
            return r.asBoolean();
        }
        if (r.isFloat()) {
            return r.asFloat();
        }
        if (r.isInt() || r.isUInt()) {
            return r.asLong();
        }
        if (r.isString()) {
            return r.asString();
        }
        if (r.isBlob()) {
            FlexBuffers.Blob b = r.asBlob();
            checkSize(b.size(), budget);
            return HexFormat.of().formatHex(b.getBytes());
        }
        if (r.isNull()) {
            return "null";
        }
        return r.toString();
    }

    private static void checkSize(int n, int[] budget) {
        if (n < 0 || n > budget[0]) {
            throw new IllegalStateException("FlexBuffers blob too large");
        }
        budget[0] -= n;
    }
}
