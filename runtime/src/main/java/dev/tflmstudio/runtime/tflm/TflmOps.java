package dev.tflmstudio.runtime.tflm;

import dev.tflmstudio.runtime.model.BuiltinOperators;
import dev.tflmstudio.runtime.model.OperatorCode;
import java.util.HashMap;
import java.util.Map;

/**
 * The ops TFLM's {@code MicroMutableOpResolver} can register (100 builtins, 18 custom ops, TFLM @ 90b983c2) and the
 * {@code Add...()} method that registers each: what a user's firmware must call for a model to resolve.
 */
public final class TflmOps {
    private static final Map<Integer, String> BUILTIN_METHODS = new HashMap<>();
    private static final Map<String, String> CUSTOM_METHODS = new HashMap<>();

    static {
        builtin("ABS", "AddAbs");
        builtin("ADD", "AddAdd");
        builtin("ADD_N", "AddAddN");
        builtin("ARG_MAX", "AddArgMax");
        builtin("ARG_MIN", "AddArgMin");
        builtin("ASSIGN_VARIABLE", "AddAssignVariable");
        builtin("AVERAGE_POOL_2D", "AddAveragePool2D");
        builtin("BATCH_MATMUL", "AddBatchMatMul");
        builtin("BATCH_TO_SPACE_ND", "AddBatchToSpaceNd");
        builtin("BROADCAST_ARGS", "AddBroadcastArgs");
        builtin("BROADCAST_TO", "AddBroadcastTo");
        builtin("CALL_ONCE", "AddCallOnce");
        builtin("CAST", "AddCast");
        builtin("CEIL", "AddCeil");
        builtin("CONCATENATION", "AddConcatenation");
        builtin("CONV_2D", "AddConv2D");
        builtin("COS", "AddCos");
        builtin("CUMSUM", "AddCumSum");
        builtin("DEPTH_TO_SPACE", "AddDepthToSpace");
        builtin("DEPTHWISE_CONV_2D", "AddDepthwiseConv2D");
        builtin("DEQUANTIZE", "AddDequantize");
        builtin("DIV", "AddDiv");
        builtin("DYNAMIC_UPDATE_SLICE", "AddDynamicUpdateSlice");
        builtin("ELU", "AddElu");
        builtin("EMBEDDING_LOOKUP", "AddEmbeddingLookup");
        builtin("EQUAL", "AddEqual");
        builtin("EXP", "AddExp");
        builtin("EXPAND_DIMS", "AddExpandDims");
        builtin("FILL", "AddFill");
        builtin("FLOOR", "AddFloor");
        builtin("FLOOR_DIV", "AddFloorDiv");
        builtin("FLOOR_MOD", "AddFloorMod");
        builtin("FULLY_CONNECTED", "AddFullyConnected");
        builtin("GATHER", "AddGather");
        builtin("GATHER_ND", "AddGatherNd");
        builtin("GREATER", "AddGreater");
        builtin("GREATER_EQUAL", "AddGreaterEqual");
        builtin("HARD_SWISH", "AddHardSwish");
        builtin("IF", "AddIf");
        builtin("L2_NORMALIZATION", "AddL2Normalization");
        builtin("L2_POOL_2D", "AddL2Pool2D");
        builtin("LEAKY_RELU", "AddLeakyRelu");
        builtin("LESS", "AddLess");
        builtin("LESS_EQUAL", "AddLessEqual");
        builtin("LOG", "AddLog");
        builtin("LOG_SOFTMAX", "AddLogSoftmax");
        builtin("LOGICAL_AND", "AddLogicalAnd");
        builtin("LOGICAL_NOT", "AddLogicalNot");
        builtin("LOGICAL_OR", "AddLogicalOr");
        builtin("LOGISTIC", "AddLogistic");
        builtin("MAX_POOL_2D", "AddMaxPool2D");
        builtin("MAXIMUM", "AddMaximum");
        builtin("MEAN", "AddMean");
        builtin("MINIMUM", "AddMinimum");
        builtin("MIRROR_PAD", "AddMirrorPad");
        builtin("MUL", "AddMul");
        builtin("NEG", "AddNeg");
        builtin("NOT_EQUAL", "AddNotEqual");
        builtin("PACK", "AddPack");
        builtin("PAD", "AddPad");
        builtin("PADV2", "AddPadV2");
        builtin("PRELU", "AddPrelu");
        builtin("QUANTIZE", "AddQuantize");
        builtin("READ_VARIABLE", "AddReadVariable");
        builtin("REDUCE_ALL", "AddReduceAll");
        builtin("REDUCE_MAX", "AddReduceMax");
        builtin("REDUCE_MIN", "AddReduceMin");
        builtin("RELU", "AddRelu");
        builtin("RELU6", "AddRelu6");
        builtin("RESHAPE", "AddReshape");
        builtin("RESIZE_BILINEAR", "AddResizeBilinear");
        builtin("RESIZE_NEAREST_NEIGHBOR", "AddResizeNearestNeighbor");
        builtin("REVERSE_V2", "AddReverseV2");
        builtin("ROUND", "AddRound");
        builtin("RSQRT", "AddRsqrt");
        builtin("SELECT_V2", "AddSelectV2");
        builtin("SHAPE", "AddShape");
        builtin("SIN", "AddSin");
        builtin("SLICE", "AddSlice");
        builtin("SOFTMAX", "AddSoftmax");
        builtin("SPACE_TO_BATCH_ND", "AddSpaceToBatchNd");
        builtin("SPACE_TO_DEPTH", "AddSpaceToDepth");
        builtin("SPLIT", "AddSplit");
        builtin("SPLIT_V", "AddSplitV");
        builtin("SQRT", "AddSqrt");
        builtin("SQUARE", "AddSquare");
        builtin("SQUARED_DIFFERENCE", "AddSquaredDifference");
        builtin("SQUEEZE", "AddSqueeze");
        builtin("STRIDED_SLICE", "AddStridedSlice");
        builtin("SUB", "AddSub");
        builtin("SUM", "AddSum");
        builtin("SVDF", "AddSvdf");
        builtin("TANH", "AddTanh");
        builtin("TRANSPOSE", "AddTranspose");
        builtin("TRANSPOSE_CONV", "AddTransposeConv");
        builtin("UNIDIRECTIONAL_SEQUENCE_LSTM", "AddUnidirectionalSequenceLSTM");
        builtin("UNPACK", "AddUnpack");
        builtin("VAR_HANDLE", "AddVarHandle");
        builtin("WHILE", "AddWhile");
        builtin("ZEROS_LIKE", "AddZerosLike");
        custom("CIRCULAR_BUFFER", "AddCircularBuffer");
        custom("TFLM_DECODE", "AddDecode");
        custom("TFLite_Detection_PostProcess", "AddDetectionPostprocess");
        custom("ethos-u", "AddEthosU");
        custom("SignalDelay", "AddDelay");
        custom("SignalEnergy", "AddEnergy");
        custom("SignalFftAutoScale", "AddFftAutoScale");
        custom("SignalFilterBank", "AddFilterBank");
        custom("SignalFilterBankLog", "AddFilterBankLog");
        custom("SignalFilterBankSpectralSubtraction", "AddFilterBankSpectralSubtraction");
        custom("SignalFilterBankSquareRoot", "AddFilterBankSquareRoot");
        custom("SignalFramer", "AddFramer");
        custom("SignalIrfft", "AddIrfft");
        custom("SignalOverlapAdd", "AddOverlapAdd");
        custom("SignalPCAN", "AddPCAN");
        custom("SignalRfft", "AddRfft");
        custom("SignalStacker", "AddStacker");
        custom("SignalWindow", "AddWindow");
    }

    private TflmOps() {
    }

    private static void builtin(String op, String method) {
        int code = BuiltinOperators.code(op);
        if (code < 0) {
            throw new IllegalStateException("unknown builtin " + op);
        }
        BUILTIN_METHODS.put(code, method);
    }

    private static void custom(String name, String method) {
        CUSTOM_METHODS.put(name, method);
    }

    /** True when TFLM has a kernel for this op (builtin or a custom op it ships). */
    public static boolean isRegistrable(OperatorCode code) {
        return resolverMethod(code) != null;
    }

    /**
     * The {@code MicroMutableOpResolver} method that registers this op ({@code AddConv2D}), or null when TFLM has
     * no kernel for it.
     */
    public static String resolverMethod(OperatorCode code) {
        if (code.isCustom()) {
            return code.customName() == null ? null : CUSTOM_METHODS.get(code.customName());
        }
        return BUILTIN_METHODS.get(code.builtinCode());
    }

    public static int builtinCount() {
        return BUILTIN_METHODS.size();
    }
}
