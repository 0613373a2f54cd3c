package dev.tflmstudio.runtime.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decoded operator options: the builtin options table (by its schema name, e.g. {@code Conv2DOptions}) with each
 * field by its schema name, defaults filled in. Values are Integer, Long, Float, Double, Boolean, String, an enum
 * value's name (String, e.g. {@code "SAME"}, {@code "RELU6"}), or a List of those. Custom options decoded from
 * FlexBuffers use the same shape with {@code type} {@code "flexbuffers"}.
 */
public record Options(String type, Map<String, Object> fields) {
    public static final Options NONE = new Options("NONE", Map.of());

    public Options {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    public boolean has(String name) {
        return fields.containsKey(name);
    }

    public int getInt(String name, int orElse) {
        Object v = fields.get(name);
        return v instanceof Number n ? n.intValue() : orElse;
    }

    public long getLong(String name, long orElse) {
        Object v = fields.get(name);
        return v instanceof Number n ? n.longValue() : orElse;
    }

    public float getFloat(String name, float orElse) {
        Object v = fields.get(name);
        return v instanceof Number n ? n.floatValue() : orElse;
    }

    public boolean getBool(String name, boolean orElse) {
        Object v = fields.get(name);
        return v instanceof Boolean b ? b : orElse;
    }

    /** An enum field's value name ({@code "VALID"}) or a string field. */
    public String getString(String name, String orElse) {
        Object v = fields.get(name);
        return v instanceof String s ? s : orElse;
    }

    public int[] getIntArray(String name) {
        Object v = fields.get(name);
        if (!(v instanceof List<?> list)) {
            return new int[0];
        }
        int[] a = new int[list.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = ((Number) list.get(i)).intValue();
        }
        return a;
    }
}
