package dev.tflmstudio.runtime.kernels.math;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tflmstudio.runtime.kernels.KernelRegistry;
import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.model.Operator;
import dev.tflmstudio.runtime.ref.RefModels;
import dev.tflmstudio.runtime.ref.RefRun;
import dev.tflmstudio.runtime.tflite.ModelReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The reference comparison ({@code RefModelsTest}) skips models with an op lacking a kernel. This guards that none
 * of the opzoo models exercising a math op is skipped: every op they use has a kernel, except GELU, which TFLM
 * itself does not register (its model must be refused at registration, which the comparison checks).
 */
class MathOpzooCoverageTest {
    private static final Set<String> MATH_OPS = Set.of("LOGISTIC", "TANH", "RELU", "RELU6", "HARD_SWISH", "ELU",
            "PRELU", "LOG_SOFTMAX", "GELU", "DIV", "MAXIMUM", "MINIMUM", "SQUARED_DIFFERENCE", "EQUAL", "NOT_EQUAL",
            "LESS", "LESS_EQUAL", "GREATER", "GREATER_EQUAL", "LOGICAL_AND", "LOGICAL_OR", "LOGICAL_NOT", "ABS",
            "NEG", "SQRT", "RSQRT", "EXP", "LOG", "SIN", "COS", "FLOOR", "CEIL", "ROUND", "SQUARE", "SELECT_V2",
            "CAST", "L2_NORMALIZATION", "SUM", "REDUCE_MAX", "REDUCE_MIN", "ARG_MAX", "ARG_MIN", "CUMSUM",
            "BATCH_MATMUL", "FLOOR_DIV", "FLOOR_MOD");

    @Test
    void everyOpzooModelOfAMathOpHasAllItsKernels() throws Exception {
        List<Path> refs = RefModels.all().stream()
                .filter(p -> p.getParent().getFileName().toString().equals("tflm-opzoo")).toList();
        Assumptions.assumeFalse(refs.isEmpty(), "tflm.shared is not set");
        List<String> exercised = new ArrayList<>();
        for (Path refFile : refs) {
            Model model = ModelReader.open(RefModels.modelOf(RefRun.parse(refFile)));
            List<Operator> ops = model.main().operators();
            String named = ops.get(ops.size() - 1).opName();
            if (!MATH_OPS.contains(named)) {
                continue;
            }
            exercised.add(refFile.getFileName().toString());
            for (Operator op : ops) {
                boolean registered = KernelRegistry.standard().find(op.code()) != null;
                assertThat(registered).as(refFile.getFileName() + ": kernel for " + op.opName())
                        .isEqualTo(!op.opName().equals("GELU"));
            }
        }
        // the opzoo README lists 93 models for these ops
        assertThat(exercised).hasSizeGreaterThanOrEqualTo(90);
    }
}
