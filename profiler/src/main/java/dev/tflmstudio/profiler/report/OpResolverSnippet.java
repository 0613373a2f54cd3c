package dev.tflmstudio.profiler.report;

import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.model.Operator;
import dev.tflmstudio.runtime.model.Subgraph;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The C++ {@code MicroMutableOpResolver<N>} registration a model needs, with TFLM's method names
 * ({@code micro_mutable_op_resolver.h}): one {@code Add...()} per distinct op, in first-use order.
 */
public final class OpResolverSnippet {
    /** Builtins whose method name is not the plain CamelCase of the schema name. */
    private static final Map<String, String> BUILTIN_EXCEPTIONS = Map.ofEntries(
            Map.entry("CONV_2D", "AddConv2D"), Map.entry("DEPTHWISE_CONV_2D", "AddDepthwiseConv2D"),
            Map.entry("AVERAGE_POOL_2D", "AddAveragePool2D"), Map.entry("MAX_POOL_2D", "AddMaxPool2D"),
            Map.entry("L2_POOL_2D", "AddL2Pool2D"), Map.entry("ADD_N", "AddAddN"),
            Map.entry("BATCH_TO_SPACE_ND", "AddBatchToSpaceNd"), Map.entry("SPACE_TO_BATCH_ND", "AddSpaceToBatchNd"),
            Map.entry("GATHER_ND", "AddGatherNd"), Map.entry("RELU6", "AddRelu6"), Map.entry("PADV2", "AddPadV2"),
            Map.entry("REVERSE_V2", "AddReverseV2"), Map.entry("SELECT_V2", "AddSelectV2"),
            Map.entry("SPLIT_V", "AddSplitV"), Map.entry("SVDF", "AddSvdf"), Map.entry("CUMSUM", "AddCumSum"),
            Map.entry("PRELU", "AddPrelu"), Map.entry("UNIDIRECTIONAL_SEQUENCE_LSTM", "AddUnidirectionalSequenceLSTM"),
            Map.entry("CALL_ONCE", "AddCallOnce"), Map.entry("L2_NORMALIZATION", "AddL2Normalization"),
            Map.entry("LOG_SOFTMAX", "AddLogSoftmax"), Map.entry("BATCH_MATMUL", "AddBatchMatMul"));
    /** Custom ops TFLM registers with their own Add method. */
    private static final Map<String, String> CUSTOM_METHODS = Map.ofEntries(
            Map.entry("CIRCULAR_BUFFER", "AddCircularBuffer"), Map.entry("TFLM_DECODE", "AddDecode"),
            Map.entry("TFLite_Detection_PostProcess", "AddDetectionPostprocess"),
            Map.entry("ethos-u", "AddEthosU"), Map.entry("SignalDelay", "AddDelay"),
            Map.entry("SignalEnergy", "AddEnergy"), Map.entry("SignalFftAutoScale", "AddFftAutoScale"),
            Map.entry("SignalFilterBank", "AddFilterBank"), Map.entry("SignalFilterBankLog", "AddFilterBankLog"),
            Map.entry("SignalFilterBankSpectralSubtraction", "AddFilterBankSpectralSubtraction"),
            Map.entry("SignalFilterBankSquareRoot", "AddFilterBankSquareRoot"),
            Map.entry("SignalFramer", "AddFramer"), Map.entry("SignalIrfft", "AddIrfft"),
            Map.entry("SignalOverlapAdd", "AddOverlapAdd"), Map.entry("SignalPCAN", "AddPCAN"),
            Map.entry("SignalRfft", "AddRfft"), Map.entry("SignalStacker", "AddStacker"),
            Map.entry("SignalWindow", "AddWindow"));

    /** The 100 builtin registrations TFLM's resolver has (method name without "Add"). */
    private static final Set<String> TFLM_BUILTINS = Set.of(
            "Abs", "Add", "AddN", "ArgMax", "ArgMin", "AssignVariable", "AveragePool2D", "BatchMatMul",
            "BatchToSpaceNd", "BroadcastArgs", "BroadcastTo", "CallOnce", "Cast", "Ceil", "Concatenation",
            "Conv2D", "Cos", "CumSum", "DepthToSpace", "DepthwiseConv2D", "Dequantize", "Div",
            "DynamicUpdateSlice", "Elu", "EmbeddingLookup", "Equal", "Exp", "ExpandDims", "Fill", "Floor",
            "FloorDiv", "FloorMod", "FullyConnected", "Gather", "GatherNd", "Greater", "GreaterEqual",
            "HardSwish", "If", "L2Normalization", "L2Pool2D", "LeakyRelu", "Less", "LessEqual", "Log",
            "LogSoftmax", "LogicalAnd", "LogicalNot", "LogicalOr", "Logistic", "MaxPool2D", "Maximum", "Mean",
            "Minimum", "MirrorPad", "Mul", "Neg", "NotEqual", "Pack", "Pad", "PadV2", "Prelu", "Quantize",
            "ReadVariable", "ReduceAll", "ReduceMax", "ReduceMin", "Relu", "Relu6", "Reshape",
            "ResizeBilinear", "ResizeNearestNeighbor", "ReverseV2", "Round", "Rsqrt", "SelectV2", "Shape",
            "Sin", "Slice", "Softmax", "SpaceToBatchNd", "SpaceToDepth", "Split", "SplitV", "Sqrt", "Square",
            "SquaredDifference", "Squeeze", "StridedSlice", "Sub", "Sum", "Svdf", "Tanh", "Transpose",
            "TransposeConv", "UnidirectionalSequenceLSTM", "Unpack", "VarHandle", "While", "ZerosLike");

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
        if (op.code().isCustom()) {
            String name = op.code().customName() == null ? "" : op.code().customName();
            String method = CUSTOM_METHODS.get(name);
            return method != null ? method + "()"
                    : "AddCustom(\"" + name + "\", /* your TFLMRegistration* for " + name + " */ nullptr)";
        }
        String name = op.code().builtinName();
        String method = BUILTIN_EXCEPTIONS.getOrDefault(name, "Add" + camel(name));
        if (!TFLM_BUILTINS.contains(method.substring(3))) {
            return "// " + name + ": TFLM has no kernel for this builtin; the model will not run";
        }
        return method + "()";
    }

    private static String camel(String snake) {
        StringBuilder sb = new StringBuilder();
        for (String part : snake.toLowerCase(Locale.ROOT).split("_")) {
            if (!part.isEmpty()) {
                sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return sb.toString();
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
