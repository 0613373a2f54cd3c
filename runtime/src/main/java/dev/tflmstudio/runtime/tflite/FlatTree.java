package dev.tflmstudio.runtime.tflite;

import dev.tflmstudio.runtime.tflite.FlatSchema.Field;
import dev.tflmstudio.runtime.tflite.FlatSchema.Kind;
import dev.tflmstudio.runtime.tflite.FlatSchema.Type;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A verified flatbuffer as a tree of plain values, for the rewriter: a table is a {@code Map} of the fields present
 * (by schema name), a scalar or enum is its number, a string a String, a byte vector a read-only ByteBuffer slice
 * (never copied), other vectors Lists, and a union value a table map with its member name under {@link #UNION_TYPE}.
 * {@link FlatWriter} writes such a tree back.
 */
final class FlatTree {
    /** Key under which a union value's table map names its member table. */
    static final String UNION_TYPE = "@type";

    private FlatTree() {
    }

    static Map<String, Object> read(FlatTable table) {
        Map<String, Object> out = new LinkedHashMap<>();
        ByteBuffer bb = table.buffer();
        FlatSchema schema = FlatSchema.tflite();
        for (Field f : table.def().fields()) {
            if (f.deprecated()) {
                continue;
            }
            Type type = f.type();
            if (type.kind() == Kind.UNION) {
                int typeByte = table.unionType(f.name());
                String member = schema.union(type.ref()).member(typeByte);
                if (member != null) {
                    FlatTable value = table.unionValue(f.name(), schema.table(member));
                    if (value != null) {
                        Map<String, Object> m = read(value);
                        m.put(UNION_TYPE, member);
                        out.put(f.name(), m);
                    }
                } else if (typeByte != 0) {
                    throw new IllegalArgumentException(table.def().name() + "." + f.name()
                            + " holds union type " + typeByte + ", unknown to this schema");
                }
                continue;
            }
            int o = table.slot(f);
            if (o == 0) {
                continue;
            }
            switch (type.kind()) {
                case SCALAR, ENUM -> out.put(f.name(), OptionsDecoder.readScalar(bb, table.position() + o,
                        type.scalar()));
                case STRING -> out.put(f.name(), table.getString(f.name()));
                case TABLE -> out.put(f.name(), read(table.table(f.name())));
                case VECTOR -> out.put(f.name(), readVector(table, f));
                default -> throw new IllegalStateException();
            }
        }
        return out;
    }

    private static Object readVector(FlatTable table, Field f) {
        Type element = f.type().element();
        if ((element.kind() == Kind.SCALAR || element.kind() == Kind.ENUM) && element.scalar().width == 1) {
            return table.byteVector(f.name());
        }
        int n = table.vectorLength(f.name());
        List<Object> values = new ArrayList<>(n);
        int start = table.vectorStart(f.name());
        for (int i = 0; i < n; i++) {
            switch (element.kind()) {
                case SCALAR, ENUM -> values.add(OptionsDecoder.readScalar(table.buffer(),
                        start + i * element.scalar().width, element.scalar()));
                case TABLE -> values.add(read(table.tableAt(f.name(), i)));
                case STRING -> {
                    // No TFLite field is a vector of strings; keep the writer honest if one appears.
                    throw new IllegalStateException("vector of strings in " + f.name());
                }
                default -> throw new IllegalStateException();
            }
        }
        return values;
    }
}
