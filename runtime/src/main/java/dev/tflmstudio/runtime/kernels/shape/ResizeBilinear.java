package dev.tflmstudio.runtime.kernels.shape;

import static dev.tflmstudio.runtime.model.TensorType.FLOAT32;
import static dev.tflmstudio.runtime.model.TensorType.INT32;
import static dev.tflmstudio.runtime.model.TensorType.INT8;

import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.TensorData;

/**
 * RESIZE_BILINEAR: float32 follows {@code reference_ops::ResizeBilinear} (float32 arithmetic, same operation order);
 * int8 follows {@code ResizeBilinearInteger} (10-bit fixed-point positions, 20-bit products, rounding half away from
 * zero then truncating division, as TFLM builds without {@code TFLITE_SINGLE_ROUNDING}).
 */
final class ResizeBilinear {
    private ResizeBilinear() {
    }

    static PreparedOp prepare(OpContext ctx) throws KernelException {
        ctx.check(ctx.inputCount() == 2 && ctx.outputCount() == 1, "expects 2 inputs and 1 output");
        TensorData input = ctx.requireInput(0);
        TensorData size = ctx.requireInput(1);
        TensorData output = ctx.output(0);
        ctx.check(input.rank() == 4, "input must be 4-D");
        ctx.check(size.rank() == 1, "size must be 1-D");
        TensorBytes.requireType(ctx, size, "size", INT32);
        ctx.check(size.isConstant(), "Non constant size tensor not supported");
        boolean alignCorners = ctx.options().getBool("align_corners", false);
        boolean halfPixel = ctx.options().getBool("half_pixel_centers", false);
        ctx.check(!(alignCorners && halfPixel), "If half_pixel_centers is True, align_corners must be False.");
        TensorBytes.requireSameType(ctx, input, output);
        if (!TensorBytes.isOneOf(output, FLOAT32, INT8)) {
            return Refusals.atInvoke(ctx, "Output type is " + OpContext.tfLiteTypeCode(output.type()) + ", requires float or int8.");
        }
        Geometry g = new Geometry(input.dim(0), input.dim(1), input.dim(2), input.dim(3),
                size.getInt32(0), size.getInt32(1));
        ctx.check(output.dim(1) == g.outHeight && output.dim(2) == g.outWidth, "output shape does not match size");
        return output.type() == FLOAT32
                ? floatResize(input, output, g, alignCorners, halfPixel)
                : integerResize(input, output, g, alignCorners, halfPixel);
    }

    private record Geometry(int batches, int inHeight, int inWidth, int depth, int outHeight, int outWidth) {
        int inIndex(int b, int y, int x, int c) {
            return ((b * inHeight + y) * inWidth + x) * depth + c;
        }
    }

    private static PreparedOp floatResize(TensorData input, TensorData output, Geometry g, boolean alignCorners,
                                          boolean halfPixel) {
        float heightScale = (float) g.inHeight / g.outHeight;
        float widthScale = (float) g.inWidth / g.outWidth;
        if (alignCorners && g.outHeight > 1) {
            heightScale = (float) (g.inHeight - 1) / (g.outHeight - 1);
        }
        if (alignCorners && g.outWidth > 1) {
            widthScale = (float) (g.inWidth - 1) / (g.outWidth - 1);
        }
        float[] ys = new float[g.outHeight];
        int[] y0 = new int[g.outHeight];
        int[] y1 = new int[g.outHeight];
        for (int y = 0; y < g.outHeight; y++) {
            ys[y] = position(y, heightScale, halfPixel);
            y0[y] = Math.max((int) (float) Math.floor(ys[y]), 0);
            y1[y] = Math.min((int) (float) Math.ceil(ys[y]), g.inHeight - 1);
        }
        float[] xs = new float[g.outWidth];
        int[] x0 = new int[g.outWidth];
        int[] x1 = new int[g.outWidth];
        for (int x = 0; x < g.outWidth; x++) {
            xs[x] = position(x, widthScale, halfPixel);
            x0[x] = Math.max((int) (float) Math.floor(xs[x]), 0);
            x1[x] = Math.min((int) (float) Math.ceil(xs[x]), g.inWidth - 1);
        }
        return () -> {
            int o = 0;
            for (int b = 0; b < g.batches; b++) {
                for (int y = 0; y < g.outHeight; y++) {
                    float dy = ys[y] - y0[y];
                    for (int x = 0; x < g.outWidth; x++) {
                        float dx = xs[x] - x0[x];
                        for (int c = 0; c < g.depth; c++) {
                            float v = input.getFloat32(g.inIndex(b, y0[y], x0[x], c)) * (1 - dy) * (1 - dx)
                                    + input.getFloat32(g.inIndex(b, y1[y], x0[x], c)) * dy * (1 - dx)
                                    + input.getFloat32(g.inIndex(b, y0[y], x1[x], c)) * (1 - dy) * dx
                                    + input.getFloat32(g.inIndex(b, y1[y], x1[x], c)) * dy * dx
                                    + 0.0f;
                            output.setFloat32(o++, v);
                        }
                    }
                }
            }
        };
    }

    /** TFLM's {@code ComputeInterpolationValues} scaled position, in float32. */
    private static float position(int value, float scale, boolean halfPixel) {
        return halfPixel ? (value + 0.5f) * scale - 0.5f : value * scale;
    }

    private static PreparedOp integerResize(TensorData input, TensorData output, Geometry g, boolean alignCorners,
                                            boolean halfPixel) {
        int heightScale = ((1 << 10) * g.inHeight + g.outHeight / 2) / g.outHeight;
        int widthScale = ((1 << 10) * g.inWidth + g.outWidth / 2) / g.outWidth;
        if (alignCorners && g.outHeight > 1) {
            heightScale = ((1 << 10) * (g.inHeight - 1) + (g.outHeight - 1) / 2) / (g.outHeight - 1);
        }
        if (alignCorners && g.outWidth > 1) {
            widthScale = ((1 << 10) * (g.inWidth - 1) + (g.outWidth - 1) / 2) / (g.outWidth - 1);
        }
        int[] ys = new int[g.outHeight];
        int[] y0 = new int[g.outHeight];
        int[] y1 = new int[g.outHeight];
        for (int y = 0; y < g.outHeight; y++) {
            ys[y] = halfPixel ? y * heightScale + heightScale / 2 - (1 << 9) : y * heightScale;
            y0[y] = Math.max(ys[y] / (1 << 10), 0);
            y1[y] = Math.min((ys[y] + (1 << 10) - 1) / (1 << 10), g.inHeight - 1);
        }
        int[] xs = new int[g.outWidth];
        int[] x0 = new int[g.outWidth];
        int[] x1 = new int[g.outWidth];
        for (int x = 0; x < g.outWidth; x++) {
            xs[x] = halfPixel ? x * widthScale + widthScale / 2 - (1 << 9) : x * widthScale;
            x0[x] = Math.max(xs[x] / (1 << 10), 0);
            x1[x] = Math.min((xs[x] + (1 << 10) - 1) / (1 << 10), g.inWidth - 1);
        }
        return () -> {
            int o = 0;
            for (int b = 0; b < g.batches; b++) {
                for (int y = 0; y < g.outHeight; y++) {
                    long dy = ys[y] - (1 << 10) * y0[y];
                    for (int x = 0; x < g.outWidth; x++) {
                        long dx = xs[x] - (1 << 10) * x0[x];
                        for (int c = 0; c < g.depth; c++) {
                            long sum = input.getInt8(g.inIndex(b, y0[y], x0[x], c))
                                    * ((1 << 10) - dy) * ((1 << 10) - dx)
                                    + input.getInt8(g.inIndex(b, y1[y], x0[x], c)) * dy * ((1 << 10) - dx)
                                    + input.getInt8(g.inIndex(b, y0[y], x1[x], c)) * ((1 << 10) - dy) * dx
                                    + input.getInt8(g.inIndex(b, y1[y], x1[x], c)) * dy * dx;
                            long round = sum > 0 ? (1 << 19) : -(1 << 19);
                            output.setInt8(o++, (int) ((sum + round) / (1 << 20)));
                        }
                    }
                }
            }
        };
    }
}
