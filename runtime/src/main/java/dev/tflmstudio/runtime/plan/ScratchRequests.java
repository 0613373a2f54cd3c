package dev.tflmstudio.runtime.plan;

import dev.tflmstudio.runtime.check.GraphCheck;
import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.model.Operator;
import dev.tflmstudio.runtime.model.Subgraph;
import dev.tflmstudio.runtime.model.Tensor;
import dev.tflmstudio.runtime.model.TensorType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The scratch buffers TFLM's reference kernels request in Prepare (tflm-internals.md 1.2), in the order TFLM sees
 * them: subgraph by subgraph, op by op, request by request. Optimized kernel sets (CMSIS-NN, Xtensa) ask for other
 * sizes: {@link KernelSet#CMSIS_NN} replays CMSIS-NN's ({@link CmsisNnKernels}), the default the reference kernels,
 * which is what {@code ../shared/ref} ran.
 */
public final class ScratchRequests {
    private ScratchRequests() {
    }

    /** Every scratch request of the model for {@code target} (ADD_N's pointer array depends on pointer size). */
    public static List<ScratchRequest> of(Model model, Target target) {
        return of(model, target, KernelSet.REFERENCE);
    }

    /** Every scratch request of the model for {@code target} as the kernels of {@code kernels} make them. */
    public static List<ScratchRequest> of(Model model, Target target, KernelSet kernels) {
        GraphCheck.verify(model);
        List<ScratchRequest> out = new ArrayList<>();
        for (Subgraph sg : model.subgraphs()) {
            for (Operator op : sg.operators()) {
                List<Long> sizes = new ArrayList<>();
                List<String> why = new ArrayList<>();
                Optional<List<Long>> cmsis = kernels == KernelSet.CMSIS_NN
                        ? CmsisNnKernels.scratch(sg, op, why) : Optional.empty();
                if (cmsis.isPresent()) {
                    sizes.addAll(cmsis.get());
                } else {
                    forOp(sg, op, target, sizes, why);
                }
                for (int i = 0; i < sizes.size(); i++) {
                    out.add(new ScratchRequest(sg.index(), op.index(), i, sizes.get(i), why.get(i)));
                }
            }
        }
        return out;
    }

    private static void forOp(Subgraph sg, Operator op, Target target, List<Long> sizes, List<String> why) {
        String name = op.opName();
        switch (name) {
            case "CONV_2D", "DEPTHWISE_CONV_2D", "FULLY_CONNECTED" -> {
                Tensor filter = tensor(sg, op.input(1));
                if (filter != null && filter.type() == TensorType.INT4) {
                    add(sizes, why, filter.elementCount(), "unpacked int4 filter");
                }
            }
            case "MEAN", "SUM" -> {
                Tensor input = tensor(sg, op.input(0));
                Tensor axis = tensor(sg, op.input(1));
                Tensor output = tensor(sg, op.output(0));
                TensorType t = input.type();
                if (t == TensorType.INT8 || t == TensorType.INT16) {
                    add(sizes, why, 4 * output.elementCount(), "int32 accumulator");
                }
                add(sizes, why, 4L * input.shape().rank(), "iteration index");
                add(sizes, why, 4 * axis.elementCount(), "resolved axis");
            }
            case "REDUCE_MAX", "REDUCE_MIN", "REDUCE_ALL" -> {
                Tensor input = tensor(sg, op.input(0));
                Tensor axis = tensor(sg, op.input(1));
                add(sizes, why, 4L * input.shape().rank(), "iteration index");
                add(sizes, why, 4 * axis.elementCount(), "resolved axis");
            }
            case "SVDF" -> {
                Tensor input = tensor(sg, op.input(0));
                Tensor weightsFeature = tensor(sg, op.input(1));
                int rank = op.options().getInt("rank", 1);
                long batch = input.shape().dim(0);
                long filters = weightsFeature.shape().dim(0);
                add(sizes, why, batch * filters * 4, "filter activations");
                if (input.type() != TensorType.FLOAT32) {
                    add(sizes, why, batch * (filters / rank) * 4, "unit activations");
                }
            }
            case "UNIDIRECTIONAL_SEQUENCE_LSTM" -> {
                Tensor cellState = tensor(sg, op.input(19));
                long bytes = cellState == null ? 0 : cellState.elementCount() * cellState.type().tflmByteSize();
                for (int i = 0; i < 4; i++) {
                    add(sizes, why, bytes, "gate buffer " + i);
                }
            }
            case "TRANSPOSE_CONV" -> {
                Tensor input = tensor(sg, op.input(2));
                Tensor output = tensor(sg, op.output(0));
                Tensor bias = tensor(sg, op.input(3));
                if (input.type() == TensorType.INT8) {
                    add(sizes, why, output.elementCount() * 4, "int32 accumulator");
                } else if (input.type() == TensorType.INT16) {
                    add(sizes, why, output.elementCount() * 8, "int64 accumulator");
                    if (bias != null && bias.type() == TensorType.INT16) {
                        add(sizes, why, bias.elementCount() * 8, "int64 bias");
                    }
                }
            }
            case "MIRROR_PAD" -> {
                int rank = tensor(sg, op.input(0)).shape().rank();
                add(sizes, why, 4L * rank, "input dims");
                add(sizes, why, 4L * rank, "output dims");
            }
            case "ADD_N" -> {
                TensorType t = tensor(sg, op.output(0)).type();
                if (t == TensorType.FLOAT32 || t == TensorType.INT8) {
                    add(sizes, why, (long) target.pointerBytes() * op.inputs().size(), "input pointers");
                }
            }
            case "SignalRfft" -> {
                Tensor input = tensor(sg, op.input(0));
                int fftLength = op.customOptions().getInt("fft_length", 0);
                add(sizes, why, (long) fftLength * input.type().tflmByteSize(), "fft work area");
            }
            default -> {
                // no scratch in Prepare
            }
        }
    }

    private static void add(List<Long> sizes, List<String> why, long bytes, String what) {
        sizes.add(bytes);
        why.add(what);
    }

    private static Tensor tensor(Subgraph sg, int index) {
        return index >= 0 && index < sg.tensors().size() ? sg.tensor(index) : null;
    }
}
