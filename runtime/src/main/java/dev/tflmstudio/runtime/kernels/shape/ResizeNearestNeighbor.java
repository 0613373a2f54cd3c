package dev.tflmstudio.runtime.kernels.shape;

import static dev.tflmstudio.runtime.model.TensorType.FLOAT32;
import static dev.tflmstudio.runtime.model.TensorType.INT16;
import static dev.tflmstudio.runtime.model.TensorType.INT32;
import static dev.tflmstudio.runtime.model.TensorType.INT8;

import dev.tflmstudio.runtime.kernels.FixedPoint;
import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.TensorData;

/**
 * RESIZE_NEAREST_NEIGHBOR (TFLM's {@code reference_ops::ResizeNearestNeighbor}): source rows and columns are
 * computed in float32 exactly as TFLM does, so the picks agree at every half-way point.
 */
final class ResizeNearestNeighbor {
    private ResizeNearestNeighbor() {
    }

    static PreparedOp prepare(OpContext ctx) throws KernelException {
        ctx.check(ctx.inputCount() == 2 && ctx.outputCount() == 1, "expects 2 inputs and 1 output");
        TensorData input = ctx.requireInput(0);
        TensorData size = ctx.requireInput(1);
        TensorData output = ctx.output(0);
        ctx.check(input.rank() == 4, "input must be 4-D");
        ctx.check(size.rank() == 1 && size.dim(0) == 2, "size must be a 1-D tensor of 2 values");
        TensorBytes.requireType(ctx, size, "size", INT32);
        ctx.check(size.isConstant(), "Non-constant >size< tensor is not supported");
        TensorBytes.requireSameType(ctx, input, output);
        if (!TensorBytes.isOneOf(output, FLOAT32, INT8, INT16)) {
            return Refusals.atInvoke(ctx, "Output tensor type " + OpContext.typeAndCode(output.type()) + " not supported.");
        }
        boolean alignCorners = ctx.options().getBool("align_corners", false);
        boolean halfPixel = ctx.options().getBool("half_pixel_centers", false);
        int outHeight = size.getInt32(0);
        int outWidth = size.getInt32(1);
        ctx.check(output.dim(1) == outHeight && output.dim(2) == outWidth, "output shape does not match size");
        int batches = input.dim(0);
        int inHeight = input.dim(1);
        int inWidth = input.dim(2);
        int depth = input.dim(3);
        int width = TensorBytes.elementSize(ctx, input);
        int[] rows = new int[outHeight];
        for (int y = 0; y < outHeight; y++) {
            rows[y] = nearest(y, inHeight, outHeight, alignCorners, halfPixel);
        }
        int[] cols = new int[outWidth];
        for (int x = 0; x < outWidth; x++) {
            cols[x] = nearest(x, inWidth, outWidth, alignCorners, halfPixel);
        }
        int pixelBytes = depth * width;
        return () -> {
            int to = 0;
            for (int b = 0; b < batches; b++) {
                for (int y = 0; y < outHeight; y++) {
                    int rowStart = (b * inHeight + rows[y]) * inWidth;
                    for (int x = 0; x < outWidth; x++) {
                        TensorBytes.copy(input, (rowStart + cols[x]) * pixelBytes, output, to, pixelBytes);
                        to += pixelBytes;
                    }
                }
            }
        };
    }

    /** TFLM's {@code GetNearestNeighbor}, in float32. */
    private static int nearest(int value, int inputSize, int outputSize, boolean alignCorners, boolean halfPixel) {
        float scale = alignCorners && outputSize > 1
                ? (inputSize - 1) / (float) (outputSize - 1)
                : inputSize / (float) outputSize;
        float offset = halfPixel ? 0.5f : 0.0f;
        float scaled = (value + offset) * scale;
        int result = Math.min(alignCorners ? (int) FixedPoint.roundf(scaled) : (int) Math.floor(scaled), inputSize - 1);
        if (halfPixel) {
            result = Math.max(0, result);
        }
        return result;
    }
}
