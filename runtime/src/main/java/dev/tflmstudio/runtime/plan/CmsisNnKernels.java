package dev.tflmstudio.runtime.plan;

import dev.tflmstudio.runtime.kernels.OmittedInputs;
import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.model.Operator;
import dev.tflmstudio.runtime.model.Options;
import dev.tflmstudio.runtime.model.Quantization;
import dev.tflmstudio.runtime.model.Subgraph;
import dev.tflmstudio.runtime.model.Tensor;
import dev.tflmstudio.runtime.model.TensorType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What TFLM's {@code kernels/cmsis_nn/*.cc} (TFLM @ 90b983c2, CMSIS-NN @ 4ab83cc3) do differently from the
 * reference kernels in Prepare, for a 32-bit Cortex-M with the DSP extension and no MVE built with gcc: the scratch
 * sizes the {@code arm_*_get_buffer_size} functions return, the OpData structs and persistent buffers, and the
 * models their Prepare refuses. Ops CMSIS-NN does not replace keep the reference kernels' numbers. Checked against
 * every run in {@code ../shared/ref-arm32-cmsis}.
 */
final class CmsisNnKernels {
    /** Ops whose CMSIS-NN kernel allocates the same as the reference kernel. */
    private static final Set<String> SAME_AS_REFERENCE = Set.of("ADD", "MUL", "MAXIMUM", "MINIMUM", "PAD",
            "TRANSPOSE");

    private CmsisNnKernels() {
    }

    /**
     * The scratch requests of {@code op} in request order, or empty when CMSIS-NN does not change them; the list
     * may hold zero-byte requests (transpose conv asks for a reverse-filter buffer of size 0, which TFLM plans).
     */
    static Optional<List<Long>> scratch(Subgraph sg, Operator op, List<String> why) {
        if (refusedInPrepare(op)) {
            return Optional.empty();
        }
        List<Long> out = new ArrayList<>();
        switch (op.opName()) {
            case "CONV_2D" -> conv(sg, op, out, why);
            case "DEPTHWISE_CONV_2D" -> depthwise(sg, op, out, why);
            case "FULLY_CONNECTED" -> {
                // arm_fully_connected_s8_get_buffer_size is 0 without MVE; int4 weights are read packed.
            }
            case "AVERAGE_POOL_2D" -> {
                TensorType t = sg.tensor(op.input(0)).type();
                if (t == TensorType.INT8 || t == TensorType.INT16) {
                    // arm_avgpool_s8/s16_get_buffer_size_dsp: one int32 accumulator per channel.
                    add(out, why, 4L * sg.tensor(op.output(0)).shape().dimFromEnd(1), "int32 channel sums");
                }
            }
            case "UNIDIRECTIONAL_SEQUENCE_LSTM" -> lstmScratch(sg, op, out, why);
            case "TRANSPOSE_CONV" -> transposeConv(sg, op, out, why);
            default -> {
                return Optional.empty();
            }
        }
        return Optional.of(out);
    }

    /** The persistent allocations of {@code op} (Init then Prepare), or empty for the reference kernel's. */
    static Optional<List<Long>> persistent(Subgraph sg, Operator op) {
        if (refusedInPrepare(op)) {
            return Optional.empty();
        }
        List<Long> out = new ArrayList<>();
        String name = op.opName();
        if (SAME_AS_REFERENCE.contains(name)) {
            return Optional.empty();
        }
        switch (name) {
            case "CONV_2D" -> {
                // OpData = OpDataConv (56) + buffer_idx; the multiplier/shift arrays only for int8 and int16
                out.add(60L);
                if (isInt8Or16(sg.tensor(op.input(0)))) {
                    perChannel(out, sg.tensor(op.input(1)).shape().dim(0));
                }
            }
            case "DEPTHWISE_CONV_2D" -> {
                out.add(60L);
                if (isInt8Or16(sg.tensor(op.input(0)))) {
                    perChannel(out, sg.tensor(op.input(1)).shape().dimFromEnd(1));
                }
            }
            case "TRANSPOSE_CONV" -> {
                // ConvParams, three buffer indices and the two array pointers; arrays for every type
                out.add(76L);
                perChannel(out, sg.tensor(op.input(1)).shape().dim(0));
            }
            case "FULLY_CONNECTED" -> {
                // OpDataFullyConnected (48) + buffer index, kernel-sum pointer and the MVE-only fields
                out.add(72L);
                Quantization q = sg.tensor(op.input(1)).quantization();
                if (q != null && q.isPerChannel()) {
                    perChannel(out, sg.tensor(op.input(1)).shape().dim(0));
                }
            }
            case "SOFTMAX" -> {
                out.add(64L); // SoftmaxParams (56) + the CMSIS-NN int16 lookup-table pointers
                if (sg.tensor(op.input(0)).type() == TensorType.INT16) {
                    out.add(1026L);
                    out.add(1026L);
                }
            }
            case "AVERAGE_POOL_2D", "MAX_POOL_2D" -> out.add(36L); // OpDataPooling + buffer_idx
            case "SVDF" -> out.add(40L); // OpDataSvdf + the kernel-sum pointer
            case "UNIDIRECTIONAL_SEQUENCE_LSTM" -> lstmPersistent(sg, op, out);
            case "BATCH_MATMUL" -> {
                List<Long> reference = new ArrayList<>();
                KernelFootprints.referencePersistent(sg, op, Target.MCU32, reference);
                // OpData grows from 16 to 36 B: CMSIS-NN's dims, buffer index and the kernel-sum pointer
                reference.set(0, reference.get(0) + 20);
                out.addAll(reference);
            }
            default -> {
                return Optional.empty();
            }
        }
        return Optional.of(out);
    }

    /** False where the sizes are derived from CMSIS-NN's sources but no reference run has confirmed them. */
    static boolean confirmed(Subgraph sg, Operator op) {
        String name = op.opName();
        if (name.equals("DEPTHWISE_CONV_2D") || name.equals("FULLY_CONNECTED")) {
            return sg.tensor(op.input(1)).type() != TensorType.INT4;
        }
        return true;
    }

    /**
     * The error lines TFLM's CMSIS-NN build prints when its Prepare refuses a model, where they differ from the
     * reference kernels' words (or the reference kernels run it), or empty. Its CONV_2D, DEPTHWISE_CONV_2D,
     * TRANSPOSE_CONV and FULLY_CONNECTED take float32, int8 or int16 input ("Input data type not supported"), then
     * only float32/float32, int16/int8 and int8/int8 (or int4, not for TRANSPOSE_CONV) input/filter pairs ("Hybrid
     * models are not supported on TFLite Micro."); per-channel FULLY_CONNECTED only int8 with int8 weights (its
     * line-116 ensure). Confirmed by {@code ../shared/ref-arm32-cmsis} (mlperf-ad_toycar_hybrid_quant,
     * mlperf-kws_ref_model_float32, fully_connected_int16_pc_relu_b32) and by running 101 generated
     * convolution models through the CMSIS-NN firmware ({@code ../shared/boards/mps2-an386/run_arm_ref.sh}).
     */
    static Optional<List<String>> refusal(Model model) {
        for (Subgraph s : model.subgraphs()) {
            for (Operator op : s.operators()) {
                String file = switch (op.opName()) {
                    case "CONV_2D" -> "conv.cc";
                    case "DEPTHWISE_CONV_2D" -> "depthwise_conv.cc";
                    case "TRANSPOSE_CONV" -> "transpose_conv.cc";
                    case "FULLY_CONNECTED" -> "fully_connected.cc";
                    default -> null;
                };
                if (file == null || refusedInPrepare(op)) {
                    continue;
                }
                boolean transpose = op.opName().equals("TRANSPOSE_CONV");
                Tensor input = s.tensor(op.input(transpose ? 2 : 0));
                Tensor filter = s.tensor(op.input(1));
                Tensor output = s.tensor(op.output(0));
                if (input.type() != output.type()) {
                    continue; // checked before these, in words no board run has shown: the reference's stand
                }
                String failed = "Node " + op.opName() + " (number " + op.index() + ") failed to prepare with status 1";
                String where = "tensorflow/lite/micro/kernels/cmsis_nn/" + file;
                TensorType in = input.type();
                TensorType ft = filter.type();
                if (in != TensorType.FLOAT32 && in != TensorType.INT8 && in != TensorType.INT16) {
                    return Optional.of(List.of(where + " Input data type not supported", failed));
                }
                boolean int4 = ft == TensorType.INT4 && !transpose;
                boolean paired = (in == TensorType.FLOAT32 && ft == TensorType.FLOAT32)
                        || (in == TensorType.INT16 && ft == TensorType.INT8)
                        || (in == TensorType.INT8 && (ft == TensorType.INT8 || int4));
                if (!paired) {
                    return Optional.of(List.of(where + " Hybrid models are not supported on TFLite Micro.", failed));
                }
                Quantization q = filter.quantization();
                boolean perChannel = q != null && q.isPerChannel();
                if (file.equals("fully_connected.cc") && perChannel
                        && !(in == TensorType.INT8 && ft != TensorType.INT4)) {
                    return Optional.of(List.of(where + ":116 !data->reference_op_data.is_per_channel || "
                            + "(data->reference_op_data.is_per_channel && input->type == kTfLiteInt8 && "
                            + "filter->type != kTfLiteInt4) was not true.", failed));
                }
            }
        }
        return Optional.empty();
    }

    private static void conv(Subgraph sg, Operator op, List<Long> out, List<String> why) {
        Tensor input = sg.tensor(op.input(0));
        Tensor filter = sg.tensor(op.input(1));
        Tensor output = sg.tensor(op.output(0));
        Options o = op.options();
        int kh = filter.shape().dim(1);
        int kw = filter.shape().dim(2);
        int cin = input.shape().dim(3);
        int dilH = o.getInt("dilation_h_factor", 1);
        int dilW = o.getInt("dilation_w_factor", 1);
        long bytes;
        if (input.type() == TensorType.INT8) {
            boolean oneByOne = kh == 1 && kw == 1 && dilH == 1 && dilW == 1
                    && padding(o, "h", input.shape().dim(1), output.shape().dim(1), kh, dilH) == 0
                    && padding(o, "w", input.shape().dim(2), output.shape().dim(2), kw, dilW) == 0;
            // 1x1: arm_convolve_1x1_s8(_fast) needs no buffer when built with gcc; otherwise (also 1xN without
            // MVE) arm_convolve_s8's im2col of two columns of int16, rhs_cols rounded up to 4
            bytes = oneByOne ? 0 : 2L * roundUp4((long) kw * kh * cin) * 2;
            if (bytes > 0) {
                add(out, why, bytes, "im2col (2 columns, int16)");
            }
        } else if (input.type() == TensorType.INT16) {
            // the pinned arm_convolve_wrapper_s16_get_buffer_size_dsp sizes the fast kernel's im2col whatever the
            // filter size (seanet conv9/10/13 have kw*kh*cin >= 512 and get it)
            boolean fast = dilH == 1 && dilW == 1;
            bytes = fast ? 2L * cin * kw * kh * 2 : 0;
            if (bytes > 0) {
                add(out, why, bytes, "im2col (2 columns, int16)");
            }
        }
    }

    private static void depthwise(Subgraph sg, Operator op, List<Long> out, List<String> why) {
        Tensor input = sg.tensor(op.input(0));
        if (input.type() != TensorType.INT8) {
            return; // the int16 kernel runs without a buffer; float is the reference code
        }
        Tensor filter = sg.tensor(op.input(1));
        Tensor output = sg.tensor(op.output(0));
        Options o = op.options();
        int kh = filter.shape().dim(1);
        int kw = filter.shape().dim(2);
        int dilH = o.getInt("dilation_h_factor", 1);
        int dilW = o.getInt("dilation_w_factor", 1);
        int cin = input.shape().dim(3);
        boolean opt = cin == output.shape().dim(3) && input.shape().dim(0) == 1 && dilH == 1 && dilW == 1;
        if (!opt) {
            return;
        }
        int padH = padding(o, "h", input.shape().dim(1), output.shape().dim(1), kh, dilH);
        int padW = padding(o, "w", input.shape().dim(2), output.shape().dim(2), kw, dilW);
        if (kh == 3 && kw == 3 && padH <= 1 && padW <= 1) {
            return; // arm_depthwise_conv_3x3_s8 needs no buffer
        }
        add(out, why, (long) cin * kw * kh * 2, "im2col (int16)");
    }

    private static void transposeConv(Subgraph sg, Operator op, List<Long> out, List<String> why) {
        Tensor filter = sg.tensor(op.input(1));
        Tensor input = sg.tensor(op.input(2));
        Tensor output = sg.tensor(op.output(0));
        if (input.type() == TensorType.INT8) {
            int strideW = op.options().getInt("stride_w", 1);
            int strideH = op.options().getInt("stride_h", 1);
            int cin = input.shape().dim(3);
            int kh = filter.shape().dim(1);
            int kw = filter.shape().dim(2);
            int cout = output.shape().dim(3);
            // arm_transpose_conv_s8: the reverse-conv route for stride <= 2 and more than 16 input channels
            boolean reverse = strideW <= 2 && strideH <= 2 && cin > 16;
            if (reverse) {
                add(out, why, 2L * roundUp4((long) kw * kh * cin) * 2, "im2col of the reverse conv");
                add(out, why, (long) cin * kw * kh * cout, "reversed filter");
            } else {
                // note CMSIS-NN takes MAX(filter w, stride h) for the row length
                long bufX = ((long) (input.shape().dim(2) - 1) * strideW + Math.max(kw, strideH)) * cout;
                long bufY = Math.max(kh, strideH);
                add(out, why, bufX * bufY * 4, "int32 output rows");
                add(out, why, 0L, "reversed filter (unused)");
            }
        } else if (input.type() == TensorType.INT16) {
            add(out, why, output.elementCount() * 8, "int64 accumulator");
            Tensor bias = op.inputs().size() > 3 && op.input(3) >= 0 ? sg.tensor(op.input(3)) : null;
            if (bias != null && bias.type() == TensorType.INT16) {
                add(out, why, bias.elementCount() * 8, "int64 bias");
            }
        }
    }

    /** 3 int16-cell buffers for the integer LSTMs CMSIS-NN runs, 4 (as the reference kernel) otherwise. */
    private static void lstmScratch(Subgraph sg, Operator op, List<Long> out, List<String> why) {
        Tensor cell = sg.tensor(op.input(19));
        Tensor input = sg.tensor(op.input(0));
        int buffers = cmsisLstm(input, cell) ? 3 : 4;
        long bytes = lstmBatch(sg, op) * lstmState(sg, op) * cell.type().tflmByteSize();
        for (int i = 0; i < buffers; i++) {
            add(out, why, bytes, "gate buffer " + i);
        }
    }

    /** OpDataLSTM (688) + cmsis_nn_lstm_params (224), then 8 kernel sums of the bias type for CMSIS-NN's LSTM. */
    private static void lstmPersistent(Subgraph sg, Operator op, List<Long> out) {
        out.add(912L);
        Tensor input = sg.tensor(op.input(0));
        if (cmsisLstm(input, sg.tensor(op.input(19)))) {
            long biasBytes = input.type() == TensorType.INT16 ? 8 : 4;
            for (int i = 0; i < 8; i++) {
                out.add(lstmState(sg, op) * biasBytes);
            }
        }
    }

    private static boolean cmsisLstm(Tensor input, Tensor cell) {
        return cell.type() == TensorType.INT16
                && (input.type() == TensorType.INT8 || input.type() == TensorType.INT16);
    }

    /** state_dimension: the output state tensor's last dim (input 18). */
    private static long lstmState(Subgraph sg, Operator op) {
        return sg.tensor(op.input(18)).shape().dimFromEnd(1);
    }

    /** batch_size: the input's batch dim (dim 1 when time major, 0 otherwise), 1 for a 2-D input. */
    private static long lstmBatch(Subgraph sg, Operator op) {
        Tensor input = sg.tensor(op.input(0));
        if (input.shape().rank() == 2) {
            return input.shape().dim(0);
        }
        boolean timeMajor = op.options().getBool("time_major", false);
        return input.shape().dim(timeMajor ? 1 : 0);
    }

    /** TFLM's ComputePaddingHeightWidth for one axis: 0 for VALID, the leading pad for SAME. */
    private static int padding(Options o, String axis, int in, int out, int k, int dilation) {
        if (!o.getString("padding", "SAME").equals("SAME")) {
            return 0;
        }
        int stride = o.getInt("stride_" + axis, 1);
        int effective = (k - 1) * dilation + 1;
        return Math.max(((out - 1) * stride + effective - in) / 2, 0);
    }

    private static boolean isInt8Or16(Tensor t) {
        return t.type() == TensorType.INT8 || t.type() == TensorType.INT16;
    }

    private static long roundUp4(long n) {
        return (n + 3) / 4 * 4;
    }

    private static void perChannel(List<Long> out, long channels) {
        out.add(4 * channels);
        out.add(4 * channels);
    }

    private static void add(List<Long> out, List<String> why, long bytes, String what) {
        out.add(bytes);
        why.add(what);
    }

    /** An op missing an input TFLM's Prepare requires: it fails before any CMSIS-NN words or buffers. */
    private static boolean refusedInPrepare(Operator op) {
        return OmittedInputs.verdict(op) instanceof OmittedInputs.Refused;
    }
}
