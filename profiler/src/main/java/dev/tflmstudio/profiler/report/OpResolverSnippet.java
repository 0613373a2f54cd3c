package dev.tflmstudio.profiler.report;

import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.model.Operator;
import dev.tflmstudio.runtime.model.Subgraph;
import dev.tflmstudio.runtime.tflm.TflmOps;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The C++ {@code MicroMutableOpResolver<N>} registration a model needs, with TFLM's method names
 * ({@code micro_mutable_op_resolver.h}, via {@link TflmOps}): one {@code Add...()} per distinct op, in first-use
 * order.
 */
public final class OpResolverSnippet {
    private OpResolverSnippet() {
    }

    /** The {@code Add...()} calls, one per distinct op in first-use order over all subgraphs. */
    public static Set<String> calls(Model model) {
        Set<String> calls = new LinkedHashSet<>();
        for (Subgraph sg : model.subgraphs()) {
            for (Operator op : sg.operators()) {
                calls.add(call(op));
            }
        }
        return calls;
    }

    static String call(Operator op) {
        String method = TflmOps.resolverMethod(op.code());
        if (method != null) {
            return method + "()";
        }
        if (op.code().isCustom()) {
            String name = op.code().customName() == null ? "" : op.code().customName();
            return "AddCustom(\"" + name + "\", /* your TFLMRegistration* for " + name + " */ nullptr)";
        }
        return "// " + op.code().builtinName() + ": TFLM has no kernel for this builtin; the model will not run";
    }

    /** The C++ snippet: resolver declaration, the Add calls, each checked for kTfLiteOk. */
    public static String cpp(Model model) {
        Set<String> calls = calls(model);
        long registrations = calls.stream().filter(c -> !c.startsWith("//")).count();
        StringBuilder sb = new StringBuilder();
        sb.append("#include \"tensorflow/lite/micro/micro_mutable_op_resolver.h\"\n\n");
        sb.append("static tflite::MicroMutableOpResolver<").append(registrations).append("> op_resolver;\n\n");
        sb.append("TfLiteStatus RegisterOps() {\n");
        for (String c : calls) {
            if (c.startsWith("//")) {
                sb.append("  ").append(c).append('\n');
            } else {
                sb.append("  TF_LITE_ENSURE_STATUS(op_resolver.").append(c).append(");\n");
            }
        }
        sb.append("  return kTfLiteOk;\n}\n");
        return sb.toString();
    }
}
