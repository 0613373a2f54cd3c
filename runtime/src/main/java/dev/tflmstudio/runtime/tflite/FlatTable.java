package dev.tflmstudio.runtime.tflite;

import com.google.flatbuffers.Table;
import dev.tflmstudio.runtime.tflite.FlatSchema.Field;
import dev.tflmstudio.runtime.tflite.FlatSchema.TableDef;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A read view of one table of a verified buffer, with fields looked up by their schema names. Only use it on
 * buffers {@link FlatVerifier} has passed: it does no bounds checks of its own.
 */
final class FlatTable extends Table {
    private final TableDef def;

    FlatTable(int position, ByteBuffer buffer, TableDef def) {
        __reset(position, buffer);
        this.def = def;
    }

    static FlatTable root(ByteBuffer buffer) {
        ByteBuffer le = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        return new FlatTable(le.getInt(0), le, FlatSchema.tflite().table("Model"));
    }

    TableDef def() {
        return def;
    }

    int position() {
        return bb_pos;
    }

    ByteBuffer buffer() {
        return bb;
    }

    /** The field's offset inside the table, 0 when absent. */
    int slot(Field f) {
        return __offset(f.vtableOffset());
    }

    private int slot(String name) {
        return __offset(def.field(name).vtableOffset());
    }

    boolean has(String name) {
        return slot(name) != 0;
    }

    int getInt(String name) {
        Field f = def.field(name);
        int o = __offset(f.vtableOffset());
        return o != 0 ? bb.getInt(o + bb_pos) : (int) f.defaultValue();
    }

    long getUInt(String name) {
        int o = slot(name);
        return o != 0 ? Integer.toUnsignedLong(bb.getInt(o + bb_pos)) : 0L;
    }

    long getULong(String name) {
        int o = slot(name);
        return o != 0 ? bb.getLong(o + bb_pos) : 0L;
    }

    int getByte(String name) {
        Field f = def.field(name);
        int o = __offset(f.vtableOffset());
        return o != 0 ? bb.get(o + bb_pos) : (int) f.defaultValue();
    }

    boolean getBool(String name) {
        Field f = def.field(name);
        int o = __offset(f.vtableOffset());
        return o != 0 ? bb.get(o + bb_pos) != 0 : f.defaultValue() != 0;
    }

    /**
     * A string field, decoded leniently: names in hand-edited or damaged files may hold invalid UTF-8, which shows
     * as replacement characters rather than failing the whole model.
     */
    String getString(String name) {
        int o = slot(name);
        if (o == 0) {
            return null;
        }
        int start = __indirect(o + bb_pos);
        int length = bb.getInt(start);
        byte[] bytes = new byte[length];
        bb.get(start + 4, bytes);
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }

    FlatTable table(String name) {
        Field f = def.field(name);
        int o = __offset(f.vtableOffset());
        return o != 0 ? new FlatTable(__indirect(o + bb_pos), bb, FlatSchema.tflite().table(f.type().ref())) : null;
    }

    int vectorLength(String name) {
        int o = slot(name);
        return o != 0 ? __vector_len(o) : 0;
    }

    /** Position of the first element of a vector field (valid only when the field is present). */
    int vectorStart(String name) {
        return __vector(slot(name));
    }

    FlatTable tableAt(String name, int i) {
        Field f = def.field(name);
        int start = __vector(__offset(f.vtableOffset()));
        return new FlatTable(__indirect(start + 4 * i), bb, FlatSchema.tflite().table(f.type().element().ref()));
    }

    int[] intVector(String name) {
        int o = slot(name);
        if (o == 0) {
            return new int[0];
        }
        int n = __vector_len(o);
        int start = __vector(o);
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = bb.getInt(start + 4 * i);
        }
        return a;
    }

    float[] floatVector(String name) {
        int o = slot(name);
        if (o == 0) {
            return new float[0];
        }
        int n = __vector_len(o);
        int start = __vector(o);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = bb.getFloat(start + 4 * i);
        }
        return a;
    }

    long[] longVector(String name) {
        int o = slot(name);
        if (o == 0) {
            return new long[0];
        }
        int n = __vector_len(o);
        int start = __vector(o);
        long[] a = new long[n];
        for (int i = 0; i < n; i++) {
            a[i] = bb.getLong(start + 8 * i);
        }
        return a;
    }

    /** A read-only slice over a byte vector's contents, or null when the field is absent. */
    ByteBuffer byteVector(String name) {
        int o = slot(name);
        if (o == 0) {
            return null;
        }
        int n = __vector_len(o);
        int start = __vector(o);
        return bb.duplicate().position(start).limit(start + n).slice().asReadOnlyBuffer()
                .order(ByteOrder.LITTLE_ENDIAN);
    }

    /** A union field's type byte (0 = NONE). */
    int unionType(String name) {
        Field f = def.field(name);
        int o = __offset(f.unionTypeVtableOffset());
        return o != 0 ? Byte.toUnsignedInt(bb.get(o + bb_pos)) : 0;
    }

    /** A union field's value as a table of the given member type, or null when absent. */
    FlatTable unionValue(String name, TableDef member) {
        int o = slot(name);
        return o != 0 ? new FlatTable(__indirect(o + bb_pos), bb, member) : null;
    }
}
