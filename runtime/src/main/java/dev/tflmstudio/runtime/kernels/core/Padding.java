package dev.tflmstudio.runtime.kernels.core;

/** TFLM's {@code ComputePaddingHeightWidth} pieces for SAME/VALID windows (kernels/padding.h). */
final class Padding {
    private Padding() {
    }

    /** {@code ComputeOutSize}. */
    static int outSize(String padding, int imageSize, int filterSize, int stride, int dilation) {
        int effective = (filterSize - 1) * dilation + 1;
        if (stride == 0) {
            return 0;
        }
        return switch (padding) {
            case "SAME" -> (imageSize + stride - 1) / stride;
            case "VALID" -> (imageSize + stride - effective) / stride;
            default -> 0;
        };
    }

    /** {@code ComputePaddingWithOffset}'s padding (the leading pad), for the computed output size. */
    static int pad(String padding, int stride, int dilation, int inSize, int filterSize) {
        int outSize = outSize(padding, inSize, filterSize, stride, dilation);
        int effective = (filterSize - 1) * dilation + 1;
        int total = (outSize - 1) * stride + effective - inSize;
        total = Math.max(total, 0);
        return total / 2;
    }
}
