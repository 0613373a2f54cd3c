package dev.tflmstudio.runtime.plan;

import dev.tflmstudio.runtime.model.Operator;
import dev.tflmstudio.runtime.model.Subgraph;
import dev.tflmstudio.runtime.model.Tensor;
import dev.tflmstudio.runtime.model.TensorType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What each reference kernel leaves in the arena tail: the parsed builtin options struct (allocated by
 * {@code MicroBuiltinDataAllocator}, not recorded by the RecordingMicroAllocator) and the kernel's own persistent
 * buffers ({@code context->AllocatePersistentBuffer} in Init and Prepare, 16-byte aligned, recorded as
 * "Persistent buffer data"). Sizes follow the structs in TFLM's {@code builtin_op_data.h} and
 * {@code kernels/*.h} for a 64-bit host and a 32-bit Cortex-M (short enums), and were checked against the
 * reference runs in {@code ../shared/ref} and {@code ../shared/ref-arm32}.
 */
final class KernelFootprints {

    /** One op's tail footprint; {@code known == false} marks a guess. */
    record Footprint(int paramsSize, int paramsAlign, List<Long> persistent, boolean known) {
    }

    /** Builtin options struct: size and alignment on host64, then on mcu32. */
    private record Params(int size64, int align64, int size32, int align32) {
    }

    private static final Params NONE = new Params(0, 1, 0, 1);

    private static final Map<String, Params> PARAMS = Map.ofEntries(
            Map.entry("ADD", new Params(8, 4, 2, 1)),
            Map.entry("SUB", new Params(8, 4, 2, 1)),
            Map.entry("MUL", new Params(4, 4, 1, 1)),
            Map.entry("DIV", new Params(4, 4, 1, 1)),
            Map.entry("CONV_2D", new Params(28, 4, 28, 4)),
            Map.entry("DEPTHWISE_CONV_2D", new Params(28, 4, 28, 4)),
            Map.entry("TRANSPOSE_CONV", new Params(20, 4, 16, 4)),
            Map.entry("FULLY_CONNECTED", new Params(16, 4, 5, 1)),
            Map.entry("AVERAGE_POOL_2D", new Params(40, 4, 40, 4)),
            Map.entry("MAX_POOL_2D", new Params(40, 4, 40, 4)),
            Map.entry("L2_POOL_2D", new Params(40, 4, 40, 4)),
            Map.entry("RESHAPE", new Params(36, 4, 36, 4)),
            Map.entry("SQUEEZE", new Params(36, 4, 36, 4)),
            Map.entry("SOFTMAX", new Params(4, 4, 4, 4)),
            Map.entry("CONCATENATION", new Params(8, 4, 8, 4)),
            Map.entry("STRIDED_SLICE", new Params(24, 4, 24, 4)),
            Map.entry("LEAKY_RELU", new Params(4, 4, 4, 4)),
            Map.entry("ARG_MAX", new Params(4, 4, 1, 1)),
            Map.entry("ARG_MIN", new Params(4, 4, 1, 1)),
            Map.entry("BATCH_MATMUL", new Params(3, 1, 3, 1)),
            Map.entry("CAST", new Params(8, 4, 2, 1)),
            Map.entry("CUMSUM", new Params(2, 1, 2, 1)),
            Map.entry("DEPTH_TO_SPACE", new Params(4, 4, 4, 4)),
            Map.entry("SPACE_TO_DEPTH", new Params(4, 4, 4, 4)),
            Map.entry("GATHER", new Params(8, 4, 8, 4)),
            Map.entry("L2_NORMALIZATION", new Params(4, 4, 1, 1)),
            Map.entry("MEAN", new Params(1, 1, 1, 1)),
            Map.entry("SUM", new Params(1, 1, 1, 1)),
            Map.entry("REDUCE_MAX", new Params(1, 1, 1, 1)),
            Map.entry("REDUCE_MIN", new Params(1, 1, 1, 1)),
            Map.entry("REDUCE_ALL", new Params(1, 1, 1, 1)),
            Map.entry("MIRROR_PAD", new Params(4, 4, 1, 1)),
            Map.entry("PACK", new Params(8, 4, 8, 4)),
            Map.entry("UNPACK", new Params(8, 4, 8, 4)),
            Map.entry("RESIZE_BILINEAR", new Params(2, 1, 2, 1)),
            Map.entry("RESIZE_NEAREST_NEIGHBOR", new Params(2, 1, 2, 1)),
            Map.entry("SPLIT", new Params(4, 4, 4, 4)),
            Map.entry("SPLIT_V", new Params(4, 4, 4, 4)),
            Map.entry("SVDF", new Params(12, 4, 8, 4)),
            Map.entry("UNIDIRECTIONAL_SEQUENCE_LSTM", new Params(16, 4, 16, 4)),
            Map.entry("SHAPE", new Params(4, 4, 1, 1)),
            Map.entry("GELU", new Params(1, 1, 1, 1)),
            Map.entry("IF", new Params(8, 4, 8, 4)),
            Map.entry("WHILE", new Params(8, 4, 8, 4)),
            Map.entry("CALL_ONCE", new Params(4, 4, 4, 4)),
            Map.entry("VAR_HANDLE", new Params(16, 8, 8, 4)));

    /** A fixed-size OpData whose size depends on the ABI (pointers, size_t or enums inside): host64, mcu32. */
    private record AbiOpData(int size64, int size32) {
    }

    /** Kernels whose only persistent allocation is one fixed-size OpData that differs between the targets. */
    private static final Map<String, AbiOpData> ABI_OP_DATA = Map.of(
            // One ConcatenationParams: two pointers among 32-bit fields.
            "CONCATENATION", new AbiOpData(40, 24));

    /** Kernels whose only persistent allocation is one fixed-size OpData, the same on both targets. */
    private static final Map<String, Integer> FIXED_OP_DATA = Map.ofEntries(
            // OpDataAbsRsqrt is 28 B on the Cortex-M4F too (ref-arm32/tflm-opzoo/abs_*, rsqrt_*)
            Map.entry("ABS", 28), Map.entry("RSQRT", 28),
            Map.entry("ADD", 60), Map.entry("SUB", 52), Map.entry("MUL", 36), Map.entry("DIV", 28),
            Map.entry("AVERAGE_POOL_2D", 32), Map.entry("MAX_POOL_2D", 32),
            Map.entry("DEPTH_TO_SPACE", 20), Map.entry("SPACE_TO_DEPTH", 20),
            Map.entry("DEQUANTIZE", 32), Map.entry("QUANTIZE", 32),
            Map.entry("EQUAL", 32), Map.entry("NOT_EQUAL", 32), Map.entry("GREATER", 32),
            Map.entry("GREATER_EQUAL", 32), Map.entry("LESS", 32), Map.entry("LESS_EQUAL", 32),
            Map.entry("HARD_SWISH", 20), Map.entry("L2_NORMALIZATION", 4), Map.entry("LEAKY_RELU", 24),
            Map.entry("LOGISTIC", 16), Map.entry("TANH", 16),
            Map.entry("MEAN", 44), Map.entry("SUM", 44), Map.entry("REDUCE_MAX", 44), Map.entry("REDUCE_MIN", 44),
            Map.entry("REDUCE_ALL", 44), Map.entry("L2_POOL_2D", 20),
            Map.entry("MIRROR_PAD", 20), Map.entry("PAD", 56), Map.entry("PADV2", 56),
            Map.entry("PRELU", 28), Map.entry("RELU", 28), Map.entry("RELU6", 8), Map.entry("SELECT_V2", 1),
            Map.entry("SPACE_TO_BATCH_ND", 4), Map.entry("SQUARED_DIFFERENCE", 112),
            Map.entry("STRIDED_SLICE", 84), Map.entry("ELU", 256),
            Map.entry("SVDF", 36), Map.entry("UNIDIRECTIONAL_SEQUENCE_LSTM", 688),
            // var_handle.cc: the resource id the handle tensor points at; call_once.cc: subgraph index + has_run
            Map.entry("VAR_HANDLE", 4), Map.entry("CALL_ONCE", 8),
            // if.cc and while.cc: Init takes an OpData of the two subgraph indices (two ints) and Prepare nothing
            Map.entry("IF", 8), Map.entry("WHILE", 8));

    /** Kernels that allocate nothing persistent. */
    private static final Set<String> NO_OP_DATA = Set.of(
            "ARG_MAX", "ARG_MIN", "BATCH_TO_SPACE_ND", "BROADCAST_TO", "BROADCAST_ARGS", "CAST", "CEIL", "COS",
            "SIN", "EXP", "EXPAND_DIMS", "FILL", "FLOOR", "FLOOR_DIV", "FLOOR_MOD", "LOGICAL_AND", "LOGICAL_OR",
            "LOGICAL_NOT", "MAXIMUM", "MINIMUM", "NEG", "PACK", "UNPACK", "RESHAPE", "SQUEEZE", "RESIZE_BILINEAR",
            "RESIZE_NEAREST_NEIGHBOR", "ROUND", "SLICE", "SPLIT", "SPLIT_V", "SQUARE", "TRANSPOSE", "ZEROS_LIKE",
            "SHAPE", "REVERSE_V2", "SQRT", "LOG", "READ_VARIABLE", "ASSIGN_VARIABLE");

    /** Kernels with their own case in {@link #persistent}. */
    private static final Set<String> CASES = Set.of("CONV_2D", "DEPTHWISE_CONV_2D", "TRANSPOSE_CONV",
            "FULLY_CONNECTED", "SOFTMAX", "LOG_SOFTMAX", "CUMSUM", "BATCH_MATMUL", "GATHER", "GATHER_ND",
            "EMBEDDING_LOOKUP", "ADD_N");

    private KernelFootprints() {
    }

    static Footprint of(Subgraph sg, Operator op, Target target) {
        return of(sg, op, target, KernelSet.REFERENCE);
    }

    static Footprint of(Subgraph sg, Operator op, Target target, KernelSet kernels) {
        String name = op.opName();
        boolean host = target == Target.HOST64;
        Params p = op.code().isCustom() ? NONE : PARAMS.getOrDefault(name, NONE);
        boolean paramsKnown = op.code().isCustom() || CASES.contains(name) || PARAMS.containsKey(name)
                || NO_OP_DATA.contains(name) || FIXED_OP_DATA.containsKey(name) || ABI_OP_DATA.containsKey(name);
        int size = host ? p.size64() : p.size32();
        int align = host ? p.align64() : p.align32();
        List<Long> persistent = new ArrayList<>();
        if (kernels == KernelSet.CMSIS_NN) {
            Optional<List<Long>> cmsis = CmsisNnKernels.persistent(sg, op);
            if (cmsis.isPresent()) {
                return new Footprint(size, align, cmsis.get(), paramsKnown && CmsisNnKernels.confirmed(sg, op));
            }
        }
        boolean known = referencePersistent(sg, op, target, persistent) && paramsKnown;
        return new Footprint(size, align, persistent, known);
    }

    /** Fills the kernel's persistent allocations in Init then Prepare order; false when they are a guess. */
    static boolean referencePersistent(Subgraph sg, Operator op, Target target, List<Long> out) {
        boolean host = target == Target.HOST64;
        String name = op.opName();
        switch (name) {
            case "CONV_2D" -> {
                perChannel(out, host ? 72 : 56, tensor(sg, op.input(1)).shape().dim(0));
                return true;
            }
            case "DEPTHWISE_CONV_2D" -> {
                Tensor filter = tensor(sg, op.input(1));
                perChannel(out, host ? 72 : 56, filter.shape().dim(filter.shape().rank() - 1));
                return true;
            }
            case "TRANSPOSE_CONV" -> {
                perChannel(out, host ? 80 : 72, tensor(sg, op.input(1)).shape().dim(0));
                return true;
            }
            case "FULLY_CONNECTED" -> {
                out.add(host ? 64L : 48L);
                Tensor filter = tensor(sg, op.input(1));
                if (filter.quantization() != null && filter.quantization().isPerChannel()) {
                    long channels = filter.shape().dim(0);
                    out.add(4 * channels);
                    out.add(4 * channels);
                }
                return true;
            }
            case "SOFTMAX" -> {
                out.add(host ? 80L : 56L);
                if (tensor(sg, op.input(0)).type() == TensorType.INT16) {
                    out.add(1026L);
                    out.add(1026L);
                }
                return true;
            }
            case "ADD_N" -> {
                if (tensor(sg, op.input(0)).type() == TensorType.INT8) {
                    // OpData: ten 32-bit fields (offsets, multipliers, shifts, activation range, scratch index)
                    out.add(40L);
                }
                return true;
            }
            case "LOG_SOFTMAX" -> {
                if (tensor(sg, op.input(0)).type() == TensorType.INT8) {
                    // LogSoftmaxOpData: five 32-bit fields and two size_t.
                    out.add(host ? 40L : 28L);
                }
                return true;
            }
            case "CUMSUM" -> {
                if (tensor(sg, op.input(0)).type() != TensorType.FLOAT32) {
                    out.add(36L);
                }
                return true;
            }
            case "BATCH_MATMUL" -> {
                batchMatmul(sg, op, host, out);
                return true;
            }
            case "GATHER", "GATHER_ND" -> {
                // Prepare copies the output dims into the tail (CreateWritableTensorDimsWithCopy).
                out.add(intArrayBytes(tensor(sg, op.output(0)).shape().rank()));
                return true;
            }
            case "EMBEDDING_LOOKUP" -> {
                // Prepare makes the output dims writable first, then allocates OpData (a float and a size_t).
                out.add(intArrayBytes(tensor(sg, op.output(0)).shape().rank()));
                out.add(host ? 16L : 8L);
                return true;
            }
            // The Signal library's custom ops (signal/micro/kernels/*.cc) keep their params in a persistent buffer.
            case "SignalWindow", "SignalEnergy", "SignalFilterBankLog" -> {
                out.add(8L); // two int32 fields
                return true;
            }
            case "SignalPCAN" -> {
                out.add(4L); // snr_shift
                return true;
            }
            case "SignalFftAutoScale", "SignalFilterBankSquareRoot" -> {
                return true;
            }
            case "SignalRfft" -> {
                int fftLength = op.customOptions().getInt("fft_length", 0);
                int complexBytes = 2 * Math.max(2, tensor(sg, op.input(0)).type().tflmByteSize());
                // TfLiteAudioFrontendRfftParams<T>: four int32, a TfLiteType enum (4 B, 1 B on mcu32), two
                // pointers and an int, padded to pointer alignment.
                out.add(host ? 48L : 32L);
                // kiss_fftr_alloc's size (kissfft v130): kiss_fftr_state (three pointers), then the complex FFT
                // state for half the length (nfft, inverse, factors[64] and half twiddles), then
                // half * 3 / 2 complex values of scratch and super-twiddles.
                long half = fftLength / 2;
                long subState = 264 + complexBytes * half;
                out.add(3L * target.pointerBytes() + subState + complexBytes * (half * 3 / 2));
                return true;
            }
            case "SignalFilterBank" -> {
                long channels = op.customOptions().getInt("num_channels", 0);
                // FilterbankConfig (an int32, five pointers, two int32) plus the work_area pointer, then
                // num_channels + 1 uint64 accumulators.
                out.add(host ? 64L : 36L);
                out.add(8 * (channels + 1));
                return true;
            }
            case "SignalFilterBankSpectralSubtraction" -> {
                long channels = op.customOptions().getInt("num_channels", 0);
                // SpectralSubtractionConfig (eight 32-bit fields and a bool) plus a pointer and a size_t, then
                // the uint32 noise estimate per channel.
                out.add(host ? 56L : 44L);
                out.add(4 * channels);
                return true;
            }
            default -> {
                Integer fixed = FIXED_OP_DATA.get(name);
                if (fixed != null) {
                    out.add((long) fixed);
                    return true;
                }
                AbiOpData abi = ABI_OP_DATA.get(name);
                if (abi != null) {
                    out.add((long) (host ? abi.size64() : abi.size32()));
                    return true;
                }
                return NO_OP_DATA.contains(name);
            }
        }
    }

    /**
     * batch_matmul.cc: Init takes OpDataBatchMatmul (three pointers and three bools); Prepare adds the quantization
     * block for int8/int16, a transposed copy (TfLiteEvalTensor, dims, data) of LHS when adj_x and of RHS unless
     * adj_y, and finally a writable copy of the output dims.
     */
    private static void batchMatmul(Subgraph sg, Operator op, boolean host, List<Long> out) {
        Tensor lhs = tensor(sg, op.input(0));
        out.add(host ? 32L : 16L);
        if (lhs.type() == TensorType.INT8 || lhs.type() == TensorType.INT16) {
            out.add(28L); // QuantizationOpDataBatchMatmul: seven 32-bit fields
        }
        if (op.options().getBool("adj_x", false)) {
            transposedCopy(lhs, host, out);
        }
        if (!op.options().getBool("adj_y", false)) {
            transposedCopy(tensor(sg, op.input(1)), host, out);
        }
        out.add(intArrayBytes(tensor(sg, op.output(0)).shape().rank()));
    }

    /** A persistent TfLiteEvalTensor, its dims array and its data, as batch_matmul.cc builds for a transpose. */
    private static void transposedCopy(Tensor t, boolean host, List<Long> out) {
        out.add(host ? 24L : 12L);
        out.add(intArrayBytes(t.shape().rank()));
        out.add(t.shape().elementCount() * t.type().tflmByteSize());
    }

    /** {@code TfLiteIntArrayGetSizeInBytes(n)}: the size field plus n ints. */
    private static long intArrayBytes(int n) {
        return 4L + 4L * n;
    }

    /** OpData plus per-channel output multiplier and shift arrays (int32 each). */
    private static void perChannel(List<Long> out, long opData, long channels) {
        out.add(opData);
        out.add(4 * channels);
        out.add(4 * channels);
    }

    private static Tensor tensor(Subgraph sg, int index) {
        return sg.tensor(index);
    }
}
