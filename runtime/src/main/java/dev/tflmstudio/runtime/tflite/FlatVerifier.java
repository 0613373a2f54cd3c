package dev.tflmstudio.runtime.tflite;

import dev.tflmstudio.runtime.model.ModelFormatException;
import dev.tflmstudio.runtime.tflite.FlatSchema.Field;
import dev.tflmstudio.runtime.tflite.FlatSchema.Kind;
import dev.tflmstudio.runtime.tflite.FlatSchema.TableDef;
import dev.tflmstudio.runtime.tflite.FlatSchema.Type;
import dev.tflmstudio.runtime.tflite.FlatSchema.UnionDef;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Checks that every table, vtable, string and vector a reader could reach lies inside the buffer, walking the
 * schema from the root {@code Model}. After it passes, reading can never index out of the buffer. It touches only
 * offsets and lengths, never the bytes of a data vector, so its cost grows with the number of tables (tensors,
 * operators), not with the size of the weights.
 */
final class FlatVerifier {
    private static final int MAX_DEPTH = 64;
    /** Tables a file may make us visit; shared sub-tables are visited once per reference. */
    private static final long MAX_TABLE_VISITS = 10_000_000L;

    private final ByteBuffer bb;
    private final int limit;
    private final FlatSchema schema;
    private long visits;
    // The path from the root to where we are, for error messages: field names and element indices.
    private final String[] pathNames = new String[MAX_DEPTH * 2 + 4];
    private final int[] pathIndex = new int[MAX_DEPTH * 2 + 4];
    private int pathDepth;

    private FlatVerifier(ByteBuffer bb, FlatSchema schema) {
        this.bb = bb.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        this.limit = bb.limit();
        this.schema = schema;
    }

    /** Verifies a whole TFLite model buffer (position 0 = start of the file). */
    static void verifyModel(ByteBuffer bb) throws ModelFormatException {
        new FlatVerifier(bb, FlatSchema.tflite()).verifyRoot();
    }

    private void verifyRoot() throws ModelFormatException {
        if (limit < 8) {
            throw new ModelFormatException("file too small to be a TFLite model (" + limit + " bytes)");
        }
        byte[] ident = new byte[4];
        bb.get(4, ident);
        String id = new String(ident, StandardCharsets.ISO_8859_1);
        if (!id.equals("TFL3")) {
            throw new ModelFormatException("not a TFLite model: file identifier is '" + printable(id)
                    + "', expected 'TFL3'");
        }
        long root = Integer.toUnsignedLong(bb.getInt(0));
        push("Model", -1);
        verifyTable(root, schema.table("Model"), 0);
    }

    private void verifyTable(long pos, TableDef def, int depth) throws ModelFormatException {
        if (depth > MAX_DEPTH) {
            fail("tables nested deeper than " + MAX_DEPTH);
        }
        if (++visits > MAX_TABLE_VISITS) {
            fail("more than " + MAX_TABLE_VISITS + " table references; refusing to walk further");
        }
        if (pos < 0 || pos + 4 > limit) {
            fail("table at offset " + pos + " is outside the file (" + limit + " bytes)");
        }
        int tablePos = (int) pos;
        long vt = tablePos - (long) bb.getInt(tablePos);
        if (vt < 0 || vt + 4 > limit) {
            fail("vtable at offset " + vt + " is outside the file (" + limit + " bytes)");
        }
        int vtable = (int) vt;
        int vtSize = Short.toUnsignedInt(bb.getShort(vtable));
        int objSize = Short.toUnsignedInt(bb.getShort(vtable + 2));
        if (vtSize < 4 || (vtSize & 1) != 0 || vtable + vtSize > limit) {
            fail("vtable at offset " + vtable + " has a bad size " + vtSize);
        }
        if (objSize < 4 || tablePos + (long) objSize > limit) {
            fail("table at offset " + tablePos + " (" + objSize + " bytes) runs past the end of the file");
        }
        for (Field f : def.fields()) {
            if (f.deprecated()) {
                continue;
            }
            int fo = fieldOffset(vtable, vtSize, f.vtableOffset());
            if (f.type().kind() == Kind.UNION) {
                verifyUnion(tablePos, vtable, vtSize, objSize, f, fo, depth);
                continue;
            }
            if (fo == 0) {
                continue;
            }
            if (fo + f.type().inlineWidth() > objSize) {
                failAt(f.name(), "field runs past the end of its table");
            }
            int fieldPos = tablePos + fo;
            switch (f.type().kind()) {
                case SCALAR, ENUM -> { }
                case STRING -> {
                    push(f.name(), -1);
                    verifyString(deref(fieldPos));
                    pop();
                }
                case TABLE -> {
                    push(f.name(), -1);
                    verifyTable(deref(fieldPos), schema.table(f.type().ref()), depth + 1);
                    pop();
                }
                case VECTOR -> {
                    push(f.name(), -1);
                    verifyVector(deref(fieldPos), f.type().element(), depth);
                    pop();
                }
                default -> throw new IllegalStateException();
            }
        }
    }

    private void verifyUnion(int tablePos, int vtable, int vtSize, int objSize, Field f, int valueOffset, int depth)
            throws ModelFormatException {
        int typeOffset = fieldOffset(vtable, vtSize, f.unionTypeVtableOffset());
        int typeByte = 0;
        if (typeOffset != 0) {
            if (typeOffset + 1 > objSize) {
                failAt(f.name() + "_type", "field runs past the end of its table");
            }
            typeByte = Byte.toUnsignedInt(bb.get(tablePos + typeOffset));
        }
        if (valueOffset == 0) {
            return;
        }
        if (valueOffset + 4 > objSize) {
            failAt(f.name(), "field runs past the end of its table");
        }
        UnionDef union = schema.union(f.type().ref());
        String member = union.member(typeByte);
        if (member == null) {
            return; // NONE, or a type newer than this schema: never decoded, so never read
        }
        push(f.name(), -1);
        verifyTable(deref(tablePos + valueOffset), schema.table(member), depth + 1);
        pop();
    }

    private void verifyVector(long pos, Type element, int depth) throws ModelFormatException {
        if (pos < 0 || pos + 4 > limit) {
            fail("vector at offset " + pos + " is outside the file (" + limit + " bytes)");
        }
        int vpos = (int) pos;
        long length = Integer.toUnsignedLong(bb.getInt(vpos));
        long bytes = length * element.inlineWidth();
        if (vpos + 4 + bytes > limit) {
            fail("vector of " + length + " elements at offset " + vpos + " runs past the end of the file ("
                    + limit + " bytes)");
        }
        Kind kind = element.kind();
        if (kind != Kind.TABLE && kind != Kind.STRING) {
            return;
        }
        for (int i = 0; i < length; i++) {
            int elemPos = vpos + 4 + 4 * i;
            pathIndex[pathDepth - 1] = i;
            if (kind == Kind.STRING) {
                verifyString(deref(elemPos));
            } else {
                verifyTable(deref(elemPos), schema.table(element.ref()), depth + 1);
            }
        }
        pathIndex[pathDepth - 1] = -1;
    }

    private void verifyString(long pos) throws ModelFormatException {
        if (pos < 0 || pos + 4 > limit) {
            fail("string at offset " + pos + " is outside the file (" + limit + " bytes)");
        }
        long length = Integer.toUnsignedLong(bb.getInt((int) pos));
        if (pos + 4 + length + 1 > limit) {
            fail("string of " + length + " bytes at offset " + pos + " runs past the end of the file");
        }
    }

    private int fieldOffset(int vtable, int vtSize, int slot) {
        return slot + 2 <= vtSize ? Short.toUnsignedInt(bb.getShort(vtable + slot)) : 0;
    }

    /** Follows the unsigned offset stored at {@code pos} (known to be inside the buffer). */
    private long deref(int pos) {
        return pos + Integer.toUnsignedLong(bb.getInt(pos));
    }

    private void push(String name, int index) {
        pathNames[pathDepth] = name;
        pathIndex[pathDepth] = index;
        pathDepth++;
    }

    private void pop() {
        pathDepth--;
    }

    private void failAt(String field, String what) throws ModelFormatException {
        push(field, -1);
        fail(what);
    }

    private void fail(String what) throws ModelFormatException {
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < pathDepth; i++) {
            if (i > 0) {
                path.append('.');
            }
            path.append(pathNames[i]);
            if (pathIndex[i] >= 0) {
                path.append('[').append(pathIndex[i]).append(']');
            }
        }
        throw new ModelFormatException(path + ": " + what);
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(c >= 32 && c < 127 ? String.valueOf(c) : String.format("\\x%02x", (int) c));
        }
        return b.toString();
    }
}
