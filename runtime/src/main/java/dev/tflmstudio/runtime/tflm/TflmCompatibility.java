package dev.tflmstudio.runtime.tflm;

import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.model.Operator;
import dev.tflmstudio.runtime.model.Subgraph;
import dev.tflmstudio.runtime.model.Tensor;
import dev.tflmstudio.runtime.model.TensorType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Why a valid model will not run on TFLM, found before flashing: ops TFLM lacks, hybrid quantization, types and
 * features its allocator refuses. An empty list means nothing stands in the way that TFLM checks statically.
 */
public final class TflmCompatibility {
    /** Ops whose TFLM reference kernels refuse float activations with int8/int4 weights ("hybrid" models). */
    private static final Set<String> HYBRID_REFUSING = Set.of("FULLY_CONNECTED", "CONV_2D", "DEPTHWISE_CONV_2D",
            "SVDF", "UNIDIRECTIONAL_SEQUENCE_LSTM", "BATCH_MATMUL", "TRANSPOSE_CONV");

    private TflmCompatibility() {
    }

    /** One line per problem, each naming where it is. */
    public static List<String> problems(Model model) {
        List<String> problems = new ArrayList<>();
        if (model.schemaVersion() != 3) {
            problems.add("schema version " + model.schemaVersion() + ", TFLM expects 3");
        }
        for (Subgraph sg : model.subgraphs()) {
            String where = model.subgraphs().size() > 1 ? "subgraph " + sg.index() + ", " : "";
            for (Operator op : sg.operators()) {
                String at = where + "operator " + op.index() + " (" + op.opName() + ")";
                if (!TflmOps.isRegistrable(op.code())) {
                    problems.add(at + ": " + (op.code().isCustom()
                            ? "custom op '" + op.code().customName() + "' has no TFLM kernel"
                            : "TFLM has no kernel for " + op.code().builtinName()));
                } else if ("ethos-u".equals(op.code().customName())) {
                    problems.add(at + ": runs only on an Arm Ethos-U NPU (TFLM built with the Ethos-U kernel)");
                }
                if (HYBRID_REFUSING.contains(op.opName()) && isHybrid(sg, op)) {
                    problems.add(at + ": hybrid quantization (float32 input, "
                            + sg.tensor(op.input(1)).type() + " weights); TFLM does not support hybrid models");
                }
            }
            for (Tensor t : sg.tensors()) {
                if (t.sparse()) {
                    problems.add(where + "tensor " + t.index() + ": sparse tensors are not supported by TFLM");
                } else if (!t.hasData() && t.type().tflmByteSize() < 0) {
                    problems.add(where + "tensor " + t.index() + ": TFLM cannot hold " + t.type() + " tensors");
                }
            }
        }
        return problems;
    }

    private static boolean isHybrid(Subgraph sg, Operator op) {
        // TRANSPOSE_CONV takes (output_shape, weights, input, bias); the others (input, weights, ...).
        int in = op.input(op.opName().equals("TRANSPOSE_CONV") ? 2 : 0);
        int filter = op.input(1);
        if (in < 0 || filter < 0) {
            return false;
        }
        TensorType inType = sg.tensor(in).type();
        TensorType wType = sg.tensor(filter).type();
        return inType == TensorType.FLOAT32 && (wType == TensorType.INT8 || wType == TensorType.INT4
                || wType == TensorType.UINT8);
    }
}
