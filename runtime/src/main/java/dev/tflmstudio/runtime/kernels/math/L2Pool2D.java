package dev.tflmstudio.runtime.kernels.math;

import dev.tflmstudio.runtime.kernels.ActivationRange;
import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.TensorData;
import dev.tflmstudio.runtime.model.TensorType;

/**
 * L2_POOL_2D on NHWC FLOAT32 (TFLM {@code l2_pool_2d.cc}): {@code sqrtf(sum x^2 / n)} over each window clipped to
 * the input, SAME/VALID padding as TFLM's {@code ComputePaddingHeightWidth}, then the fused activation. TFLM has
 * no quantized L2 pool; Prepare refuses other types.
 */
final class L2Pool2D {
    private L2Pool2D() {
    }

    static PreparedOp prepare(OpContext ctx) throws KernelException {
        ctx.check(ctx.inputCount() == 1 && ctx.outputCount() == 1, "expects 1 input and 1 output");
        TensorData in = ctx.requireInput(0);
        TensorData out = ctx.output(0);
        ctx.check(in.rank() == 4 && out.rank() == 4, "input and output must have 4 dimensions");
        ctx.check(in.type() == out.type(), "input type " + in.type() + " differs from output type " + out.type());
        int strideH = ctx.options().getInt("stride_h", 1);
        int strideW = ctx.options().getInt("stride_w", 1);
        int filterH = ctx.options().getInt("filter_height", 1);
        int filterW = ctx.options().getInt("filter_width", 1);
        boolean same = ctx.options().getString("padding", "SAME").equals("SAME");
        int batches = in.dim(0);
        int height = in.dim(1);
        int width = in.dim(2);
        int channels = in.dim(3);
        int outH = outSize(same, height, filterH, strideH);
        int outW = outSize(same, width, filterW, strideW);
        int padH = padding(strideH, height, filterH, outH);
        int padW = padding(strideW, width, filterW, outW);
        ctx.ensureTypesEq(in.type(), TensorType.FLOAT32, "input->type", "kTfLiteFloat32");
        ctx.check(out.dim(0) == batches && out.dim(1) == outH && out.dim(2) == outW && out.dim(3) == channels,
                "output shape " + out.shape() + " differs from [" + batches + "," + outH + "," + outW + ","
                        + channels + "]");
        float[] range = ActivationRange.forFloat(ActivationRange.of(ctx));
        float lo = range[0];
        float hi = range[1];
        return () -> {
            int o = 0;
            for (int b = 0; b < batches; b++) {
                for (int oy = 0; oy < outH; oy++) {
                    for (int ox = 0; ox < outW; ox++) {
                        int inY0 = oy * strideH - padH;
                        int inX0 = ox * strideW - padW;
                        int fy0 = Math.max(0, -inY0);
                        int fy1 = Math.min(filterH, height - inY0);
                        int fx0 = Math.max(0, -inX0);
                        int fx1 = Math.min(filterW, width - inX0);
                        for (int c = 0; c < channels; c++) {
                            float sumSquares = 0.f;
                            int count = 0;
                            for (int fy = fy0; fy < fy1; fy++) {
                                for (int fx = fx0; fx < fx1; fx++) {
                                    float v = in.getFloat32(((b * height + inY0 + fy) * width + inX0 + fx)
                                            * channels + c);
                                    sumSquares += v * v;
                                    count++;
                                }
                            }
                            float r = (float) Math.sqrt(sumSquares / count);
                            r = r < lo ? lo : r;
                            out.setFloat32(o++, hi < r ? hi : r);
                        }
                    }
                }
            }
        };
    }

    /** TFLM {@code ComputeOutSize} with dilation 1. */
    private static int outSize(boolean same, int size, int filter, int stride) {
        if (stride == 0) {
            return 0;
        }
        return same ? (size + stride - 1) / stride : (size + stride - filter) / stride;
    }

    /** TFLM {@code ComputePaddingWithOffset} (the offset is unused by pooling). */
    private static int padding(int stride, int size, int filter, int outSize) {
        int total = (outSize - 1) * stride + filter - size;
        return Math.max(total, 0) / 2;
    }
}
