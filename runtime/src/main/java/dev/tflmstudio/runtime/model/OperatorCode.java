package dev.tflmstudio.runtime.model;

/**
 * What an operator is: a builtin op by code, or a custom op by name.
 *
 * @param builtinCode effective builtin code ({@code max(deprecated_builtin_code, builtin_code)})
 * @param customName  the custom op's name when {@code builtinCode} is CUSTOM (32), else null
 * @param version     the op version
 */
public record OperatorCode(int builtinCode, String customName, int version) {
    public static final int CUSTOM = 32;

    public boolean isCustom() {
        return builtinCode == CUSTOM;
    }

    /** The builtin's schema name ({@code CONV_2D}), or {@code BUILTIN_<code>} for a code this schema lacks. */
    public String builtinName() {
        return BuiltinOperators.name(builtinCode);
    }

    /**
     * The name TFLM prints for this op (its profiler tag): the builtin name, or the custom name for custom ops.
     */
    public String opName() {
        return isCustom() && customName != null ? customName : builtinName();
    }
}
