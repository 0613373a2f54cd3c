package dev.tflmstudio.runtime.kernels.math;

import dev.tflmstudio.runtime.kernels.KernelFamily;
import dev.tflmstudio.runtime.kernels.KernelRegistry;

/**
 * Registers the kernels of package {@code kernels.math}: activations, element-wise math, comparisons, logical ops,
 * reductions (REDUCE_ALL included), CAST, SELECT_V2, CUMSUM, ADD_N, L2_POOL_2D and BATCH_MATMUL. GELU is
 * deliberately absent: TFLM's op resolver has no GELU kernel, so a model using it is refused at registration, as
 * TFLM refuses it.
 */
public final class MathKernels implements KernelFamily {
    @Override
    public void registerAll(KernelRegistry.Builder registry) {
        for (Comparison.Kind kind : Comparison.Kind.values()) {
            registry.builtin(kind.name(), Comparison.kernel(kind));
        }
        for (UnaryFloat.Kind kind : UnaryFloat.Kind.values()) {
            registry.builtin(kind.name(), UnaryFloat.kernel(kind));
        }
        registry.builtin("LOGICAL_AND", Logical.and())
                .builtin("LOGICAL_OR", Logical.or())
                .builtin("LOGICAL_NOT", Logical::not)
                .builtin("MAXIMUM", MaximumMinimum.kernel(true))
                .builtin("MINIMUM", MaximumMinimum.kernel(false))
                .builtin("SELECT_V2", SelectV2::prepare)
                .builtin("FLOOR_DIV", FloorDivMod.kernel(true))
                .builtin("FLOOR_MOD", FloorDivMod.kernel(false))
                .builtin("ARG_MAX", ArgMinMax.kernel(true))
                .builtin("ARG_MIN", ArgMinMax.kernel(false))
                .builtin("CAST", Cast::prepare)
                .builtin("ABS", AbsRsqrt.kernel(true))
                .builtin("RSQRT", AbsRsqrt.kernel(false))
                .builtin("RELU", Relu.kernel(false))
                .builtin("RELU6", Relu.kernel(true))
                .builtin("LOGISTIC", SigmoidTanh.kernel(false))
                .builtin("TANH", SigmoidTanh.kernel(true))
                .builtin("HARD_SWISH", HardSwish::prepare)
                .builtin("ELU", Elu::prepare)
                .builtin("PRELU", Prelu::prepare)
                .builtin("LOG_SOFTMAX", LogSoftmax::prepare)
                .builtin("DIV", Div::prepare)
                .builtin("SQUARED_DIFFERENCE", SquaredDifference::prepare)
                .builtin("L2_NORMALIZATION", L2Normalization::prepare)
                .builtin("CUMSUM", CumSum::prepare)
                .builtin("BATCH_MATMUL", BatchMatMul::prepare)
                .builtin("ADD_N", AddN::prepare)
                .builtin("L2_POOL_2D", L2Pool2D::prepare)
                .builtin("REDUCE_ALL", ReduceAll::prepare);
        for (Reduce.Kind kind : Reduce.Kind.values()) {
            registry.builtin(kind.name(), Reduce.kernel(kind));
        }
    }
}
