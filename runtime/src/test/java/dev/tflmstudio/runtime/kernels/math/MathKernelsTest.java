package dev.tflmstudio.runtime.kernels.math;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tflmstudio.runtime.kernels.KernelRegistry;
import org.junit.jupiter.api.Test;

/** Every math op is registered, and GELU is not: TFLM's op resolver has no GELU, so models using it are refused. */
class MathKernelsTest {

    @Test
    void registersEveryMathOpButGelu() {
        assertThat(KernelRegistry.standard().names()).contains("LOGISTIC", "TANH", "RELU", "RELU6", "HARD_SWISH",
                "ELU", "PRELU", "LOG_SOFTMAX", "DIV", "MAXIMUM", "MINIMUM", "SQUARED_DIFFERENCE", "EQUAL",
                "NOT_EQUAL", "LESS", "LESS_EQUAL", "GREATER", "GREATER_EQUAL", "LOGICAL_AND", "LOGICAL_OR",
                "LOGICAL_NOT", "ABS", "NEG", "SQRT", "RSQRT", "EXP", "LOG", "SIN", "COS", "FLOOR", "CEIL", "ROUND",
                "SQUARE", "SELECT_V2", "CAST", "L2_NORMALIZATION", "SUM", "REDUCE_MAX", "REDUCE_MIN", "ARG_MAX",
                "ARG_MIN", "CUMSUM", "BATCH_MATMUL", "FLOOR_DIV", "FLOOR_MOD")
                .doesNotContain("GELU");
    }
}
