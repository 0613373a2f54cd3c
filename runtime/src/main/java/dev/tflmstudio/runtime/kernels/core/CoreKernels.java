package dev.tflmstudio.runtime.kernels.core;

import dev.tflmstudio.runtime.kernels.KernelFamily;
import dev.tflmstudio.runtime.kernels.KernelRegistry;

/** Registers the core kernels: convolutions, pooling, fully connected, softmax, elementwise basics, SVDF, LSTM. */
public final class CoreKernels implements KernelFamily {
    @Override
    public void registerAll(KernelRegistry.Builder registry) {
        registry.builtin("FULLY_CONNECTED", FullyConnected::prepare);
        registry.builtin("CONV_2D", Conv2D::prepare);
        registry.builtin("DEPTHWISE_CONV_2D", DepthwiseConv2D::prepare);
        registry.builtin("AVERAGE_POOL_2D", Pooling::prepareAverage);
        registry.builtin("MAX_POOL_2D", Pooling::prepareMax);
        registry.builtin("SOFTMAX", Softmax::prepare);
        registry.builtin("RESHAPE", Reshape::prepare);
        registry.builtin("ADD", AddSub::prepareAdd);
        registry.builtin("SUB", AddSub::prepareSub);
        registry.builtin("MUL", Mul::prepare);
        registry.builtin("QUANTIZE", Quantize::prepare);
        registry.builtin("DEQUANTIZE", Dequantize::prepare);
        registry.builtin("PAD", Pad::prepare);
        // TFLM registers one Prepare and Eval for both
        registry.builtin("PADV2", Pad::prepare);
        registry.builtin("LEAKY_RELU", LeakyRelu::prepare);
        registry.builtin("STRIDED_SLICE", StridedSlice::prepare);
        registry.builtin("SVDF", Svdf::prepare);
        registry.builtin("TRANSPOSE_CONV", TransposeConv::prepare);
        registry.builtin("MEAN", Mean::prepare);
        registry.builtin("UNIDIRECTIONAL_SEQUENCE_LSTM", UnidirectionalSequenceLstm::prepare);
    }
}
