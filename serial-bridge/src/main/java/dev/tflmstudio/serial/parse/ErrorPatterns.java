package dev.tflmstudio.serial.parse;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Recognises TFLM's runtime error messages (tflm-internals.md 2.7 and the example apps' failure lines), so a serial
 * console can show them as errors instead of ordinary prints.
 */
final class ErrorPatterns {
    /** Fragments that only occur in TFLM error messages. */
    private static final List<String> FRAGMENTS = List.of(
            "Missing registration for opcode_index",
            "Failed to get registration from op code",
            "Skipping op for opcode_index",
            "Unsupported behavior: found builtin operator",
            "Did not find a parser for",
            "Failed starting model allocation",
            "Invoke() called after initialization failed",
            "out of range (length is",
            "Failed to allocate",
            "Didn't find op for builtin opcode",
            "Op builtin_code out of range",
            "Operator with CUSTOM builtin_code has no custom_code",
            ") failed to prepare with status",
            ") failed to invoke with status",
            "has dynamic tensor #",
            "Dynamic tensors are not supported",
            "but only ",
            "Failed to resize buffer",
            "either buffer is not resizable",
            "Number of allocated temp buffers",
            "Model allocation started before finishing",
            "Scratch buffer request exceeds limit",
            " was not true.",
            "Couldn't register",
            "Calling AddBuiltin with the same op",
            "MicroProfiler errored out",
            "Model interpreter invocation failed",
            "are not supported on TFLite Micro",
            " not supported.",
            "AllocateTensors() failed",
            "Invoke failed.",
            "Image capture failed.",
            "not equal to supported version",
            "Model version mismatch!",
            "Input tensor is null!",
            "element count mismatch!",
            "Category count mismatch!",
            "Expected label mismatch!",
            "~~~SOME TESTS FAILED~~~");

    /** {@code file:line a != b (x != y)} and {@code file:line a not near b (x != y)} from the TF_LITE_ENSURE macros. */
    private static final Pattern ENSURE = Pattern.compile("\\S+:\\d+ .+ (!=|not near) .+ \\(.+ != .+\\)");

    private ErrorPatterns() {
    }

    static boolean isError(String line) {
        for (String fragment : FRAGMENTS) {
            if (line.contains(fragment)) {
                return !fragment.equals("but only ") || line.startsWith("Accessing subgraph");
            }
        }
        return line.indexOf(" != ") > 0 && ENSURE.matcher(line).matches();
    }
}
