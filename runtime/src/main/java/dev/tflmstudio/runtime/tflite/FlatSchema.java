package dev.tflmstudio.runtime.tflite;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The TFLite schema's tables, enums and unions, loaded from {@code tflite-schema.txt}. The verifier, the options
 * decoder and the rewriter all walk this one description, so a field added to the schema is added in one place.
 *
 * <p>Why not the generated classes of {@code tensorflow-lite-metadata:0.4.4}: they stop at schema 3b (no
 * {@code Buffer.offset/size}, no {@code builtin_options_2}, no ops past 161), they pin an old FlatBuffers runtime
 * whose {@code ValidateVersion} breaks on current ones, and a verifier has to know every field's layout anyway.
 * Reading goes through flatbuffers-java's {@code Table}; writing through its {@code FlatBufferBuilder}.
 */
public final class FlatSchema {
    /** Scalar kinds with their byte widths. */
    public enum Scalar {
        BOOL(1), BYTE(1), UBYTE(1), SHORT(2), USHORT(2), INT(4), UINT(4), LONG(8), ULONG(8), FLOAT(4), DOUBLE(8);

        public final int width;

        Scalar(int width) {
            this.width = width;
        }

        static Scalar parse(String s) {
            return switch (s) {
                case "bool" -> BOOL;
                case "byte", "int8" -> BYTE;
                case "ubyte", "uint8" -> UBYTE;
                case "short", "int16" -> SHORT;
                case "ushort", "uint16" -> USHORT;
                case "int", "int32" -> INT;
                case "uint", "uint32" -> UINT;
                case "long", "int64" -> LONG;
                case "ulong", "uint64" -> ULONG;
                case "float", "float32" -> FLOAT;
                case "double", "float64" -> DOUBLE;
                default -> null;
            };
        }
    }

    /** What a field holds. */
    public enum Kind { SCALAR, ENUM, STRING, TABLE, UNION, VECTOR }

    /**
     * A field's type. For SCALAR and ENUM {@code scalar} is the storage; for ENUM, TABLE and UNION {@code ref} names
     * the declaration; for VECTOR {@code element} is the element type.
     */
    public record Type(Kind kind, Scalar scalar, String ref, Type element) {
        public int inlineWidth() {
            return switch (kind) {
                case SCALAR, ENUM -> scalar.width;
                default -> 4;
            };
        }
    }

    /**
     * A table field. A union field's {@code id} is its value slot; its type byte sits at {@code id - 1}.
     */
    public record Field(String name, int id, Type type, double defaultValue, boolean deprecated) {
        /** Byte offset of this field's slot in the vtable. */
        public int vtableOffset() {
            return 4 + 2 * id;
        }

        public int unionTypeVtableOffset() {
            return 4 + 2 * (id - 1);
        }
    }

    public record TableDef(String name, List<Field> fields, Map<String, Field> byName, int slotCount) {
        public Field field(String fieldName) {
            Field f = byName.get(fieldName);
            if (f == null) {
                throw new IllegalArgumentException(name + " has no field " + fieldName);
            }
            return f;
        }
    }

    public record EnumDef(String name, Scalar scalar, Map<Long, String> names) {
        public String nameOf(long value) {
            return names.get(value);
        }
    }

    public record UnionDef(String name, List<String> members) {
        /** The member table for a type byte, or null for NONE (0) and for values this schema does not know. */
        public String member(int typeByte) {
            return typeByte >= 1 && typeByte <= members.size() ? members.get(typeByte - 1) : null;
        }

        public int typeByteOf(String table) {
            return members.indexOf(table) + 1;
        }
    }

    private static final FlatSchema TFLITE = load("tflite-schema.txt");

    private final Map<String, TableDef> tables;
    private final Map<String, EnumDef> enums;
    private final Map<String, UnionDef> unions;

    private FlatSchema(Map<String, TableDef> tables, Map<String, EnumDef> enums, Map<String, UnionDef> unions) {
        this.tables = tables;
        this.enums = enums;
        this.unions = unions;
    }

    /** The TFLite schema (3d). */
    public static FlatSchema tflite() {
        return TFLITE;
    }

    public TableDef table(String name) {
        TableDef t = tables.get(name);
        if (t == null) {
            throw new IllegalArgumentException("schema has no table " + name);
        }
        return t;
    }

    public EnumDef enumDef(String name) {
        return enums.get(name);
    }

    public UnionDef union(String name) {
        return unions.get(name);
    }

    private static FlatSchema load(String resource) {
        try (InputStream in = FlatSchema.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<String[]> tableLines = new ArrayList<>();
            Map<String, EnumDef> enums = new HashMap<>();
            Map<String, UnionDef> unions = new HashMap<>();
            for (String line; (line = r.readLine()) != null; ) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] w = line.split("\\s+");
                switch (w[0]) {
                    case "enum" -> enums.put(w[1], parseEnum(w));
                    case "union" -> unions.put(w[1], new UnionDef(w[1], List.of(w).subList(3, w.length)));
                    case "table" -> tableLines.add(w);
                    default -> throw new IllegalStateException("bad schema line: " + line);
                }
            }
            Map<String, TableDef> tables = new HashMap<>();
            for (String[] w : tableLines) {
                tables.put(w[1], null); // names first, so fields can refer to tables declared later
            }
            for (String[] w : tableLines) {
                tables.put(w[1], parseTable(w, tables, enums, unions));
            }
            return new FlatSchema(Map.copyOf(tables), Map.copyOf(enums), Map.copyOf(unions));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static EnumDef parseEnum(String[] w) {
        // enum NAME : SCALAR = A B=5 C
        Scalar scalar = Scalar.parse(w[3]);
        Map<Long, String> names = new LinkedHashMap<>();
        long next = 0;
        for (int i = 5; i < w.length; i++) {
            String v = w[i];
            int eq = v.indexOf('=');
            if (eq > 0) {
                next = Long.parseLong(v.substring(eq + 1));
                v = v.substring(0, eq);
            }
            names.put(next++, v);
        }
        return new EnumDef(w[1], scalar, Map.copyOf(names));
    }

    private static TableDef parseTable(String[] w, Map<String, TableDef> tables, Map<String, EnumDef> enums,
                                       Map<String, UnionDef> unions) {
        List<Field> fields = new ArrayList<>();
        Map<String, Field> byName = new HashMap<>();
        int id = 0;
        for (int i = 2; i < w.length; i++) {
            String spec = w[i];
            boolean deprecated = spec.startsWith("-");
            if (deprecated) {
                spec = spec.substring(1);
            }
            int colon = spec.indexOf(':');
            String name = spec.substring(0, colon);
            String typeText = spec.substring(colon + 1);
            double dflt = 0;
            int eq = typeText.indexOf('=');
            if (eq > 0) {
                String d = typeText.substring(eq + 1);
                dflt = d.equals("true") ? 1 : d.equals("false") ? 0 : Double.parseDouble(d);
                typeText = typeText.substring(0, eq);
            }
            Type type = parseType(typeText, tables, enums, unions);
            if (type.kind() == Kind.UNION) {
                id++; // the hidden _type field
            }
            Field f = new Field(name, id, type, dflt, deprecated);
            fields.add(f);
            byName.put(name, f);
            id++;
        }
        return new TableDef(w[1], List.copyOf(fields), Map.copyOf(byName), id);
    }

    private static Type parseType(String t, Map<String, TableDef> tables, Map<String, EnumDef> enums,
                                  Map<String, UnionDef> unions) {
        if (t.startsWith("[")) {
            return new Type(Kind.VECTOR, null, null, parseType(t.substring(1, t.length() - 1), tables, enums, unions));
        }
        Scalar s = Scalar.parse(t);
        if (s != null) {
            return new Type(Kind.SCALAR, s, null, null);
        }
        if (t.equals("string")) {
            return new Type(Kind.STRING, null, null, null);
        }
        if (enums.containsKey(t)) {
            return new Type(Kind.ENUM, enums.get(t).scalar(), t, null);
        }
        if (unions.containsKey(t)) {
            return new Type(Kind.UNION, Scalar.UBYTE, t, null);
        }
        if (tables.containsKey(t)) {
            return new Type(Kind.TABLE, null, t, null);
        }
        throw new IllegalStateException("schema: unknown type " + t);
    }
}
