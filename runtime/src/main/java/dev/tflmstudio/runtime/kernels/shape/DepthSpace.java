package dev.tflmstudio.runtime.kernels.shape;

import static dev.tflmstudio.runtime.model.TensorType.FLOAT32;
import static dev.tflmstudio.runtime.model.TensorType.INT8;

import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.TensorData;

/**
 * DEPTH_TO_SPACE and SPACE_TO_DEPTH on NHWC tensors: move {@code block_size x block_size} pixel blocks between the
 * spatial and the channel dimension (TFLM's reference kernels; float32 and int8, other types fail at Invoke).
 */
final class DepthSpace {
    private DepthSpace() {
    }

    static PreparedOp depthToSpace(OpContext ctx) throws KernelException {
        Setup s = setup(ctx);
        ctx.ensure(TensorBytes.isOneOf(s.input, FLOAT32, INT8), "data_type == kTfLiteFloat32 || data_type == kTfLiteInt8");
        TensorData input = s.input;
        TensorData output = s.output;
        long area = (long) s.block * s.block;
        ctx.check(input.dim(3) % area == 0, "input depth is not a multiple of block_size^2");
        ctx.check(output.dim(0) == input.dim(0) && output.dim(1) == (long) input.dim(1) * s.block
                && output.dim(2) == (long) input.dim(2) * s.block && output.dim(3) == input.dim(3) / area,
                "output shape does not match");
        int block = s.block;
        int width = s.width;
        int batches = output.dim(0);
        int outHeight = output.dim(1);
        int outWidth = output.dim(2);
        int outDepth = output.dim(3);
        int inHeight = input.dim(1);
        int inWidth = input.dim(2);
        int inDepth = input.dim(3);
        int runBytes = outDepth * width;
        return () -> {
            int to = 0;
            for (int b = 0; b < batches; b++) {
                for (int y = 0; y < outHeight; y++) {
                    for (int x = 0; x < outWidth; x++) {
                        int inPixel = (b * inHeight + y / block) * inWidth + x / block;
                        int channel = ((y % block) * block + x % block) * outDepth;
                        TensorBytes.copy(input, (inPixel * inDepth + channel) * width, output, to, runBytes);
                        to += runBytes;
                    }
                }
            }
        };
    }

    static PreparedOp spaceToDepth(OpContext ctx) throws KernelException {
        Setup s = setup(ctx);
        ctx.ensure(TensorBytes.isOneOf(s.input, FLOAT32, INT8), "data_type == kTfLiteFloat32 || data_type == kTfLiteInt8");
        TensorData input = s.input;
        TensorData output = s.output;
        ctx.check(input.dim(1) % s.block == 0 && input.dim(2) % s.block == 0,
                "input height and width must be multiples of block_size");
        ctx.check(output.dim(0) == input.dim(0) && output.dim(1) == input.dim(1) / s.block
                && output.dim(2) == input.dim(2) / s.block
                && output.dim(3) == (long) input.dim(3) * s.block * s.block, "output shape does not match");
        int block = s.block;
        int width = s.width;
        int batches = input.dim(0);
        int inHeight = input.dim(1);
        int inWidth = input.dim(2);
        int inDepth = input.dim(3);
        int outHeight = output.dim(1);
        int outWidth = output.dim(2);
        int outDepth = output.dim(3);
        int runBytes = inDepth * width;
        return () -> {
            int from = 0;
            for (int b = 0; b < batches; b++) {
                for (int y = 0; y < inHeight; y++) {
                    for (int x = 0; x < inWidth; x++) {
                        int outPixel = (b * outHeight + y / block) * outWidth + x / block;
                        int channel = ((y % block) * block + x % block) * inDepth;
                        TensorBytes.copy(input, from, output, (outPixel * outDepth + channel) * width, runBytes);
                        from += runBytes;
                    }
                }
            }
        };
    }

    private record Setup(TensorData input, TensorData output, int block, int width) {
    }

    private static Setup setup(OpContext ctx) throws KernelException {
        ctx.check(ctx.inputCount() == 1 && ctx.outputCount() == 1, "expects 1 input and 1 output");
        TensorData input = ctx.requireInput(0);
        TensorData output = ctx.output(0);
        ctx.check(input.rank() == 4, "input must be 4-D");
        TensorBytes.requireSameType(ctx, input, output);
        int block = ctx.options().getInt("block_size", 0);
        ctx.check(block > 0, "block_size must be positive");
        return new Setup(input, output, block, TensorBytes.elementSize(ctx, input));
    }
}
