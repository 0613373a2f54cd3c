package dev.tflmstudio.runtime.kernels.shape;

import static dev.tflmstudio.runtime.model.TensorType.FLOAT32;
import static dev.tflmstudio.runtime.model.TensorType.INT8;

import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.TensorData;

/**
 * SPACE_TO_BATCH_ND and BATCH_TO_SPACE_ND on 3-D or 4-D tensors (a 3-D {@code [b, h, c]} is treated as
 * {@code [b, h, 1, c]} with block width 1, as TFLM's reference kernels do). Padding positions are 0 (also for
 * int8, whatever the zero point: the reference run shows TFLM pads with 0).
 */
final class SpaceBatch {
    private SpaceBatch() {
    }

    private record Setup(TensorData input, TensorData output, int[] in, int[] out, int blockH, int blockW,
                         int before, int left, int width) {
    }

    /** Inputs (input, block_shape, paddings-or-crops); {@code before}/{@code left} from the third operand. */
    private static Setup setup(OpContext ctx) throws KernelException {
        ctx.check(ctx.inputCount() == 3 && ctx.outputCount() == 1, "expects 3 inputs and 1 output");
        TensorData input = ctx.requireInput(0);
        TensorData output = ctx.output(0);
        ctx.check(input.rank() == 3 || input.rank() == 4, "input must be 3-D or 4-D");
        ctx.check(output.rank() == input.rank(), "output rank must match the input's");
        TensorBytes.requireSameType(ctx, input, output);
        TensorData blockTensor = ctx.requireInput(1);
        TensorData edgesTensor = ctx.requireInput(2);
        ctx.check(blockTensor.isConstant() && edgesTensor.isConstant(), "block shape and paddings must be constant");
        // TFLM reads both as int32 whatever their declared type.
        int[] block = IntOperand.asInt32(ctx, blockTensor).values();
        int[] edges = IntOperand.asInt32(ctx, edgesTensor).values();
        int spatial = input.rank() - 2;
        ctx.check(block.length == spatial && edges.length == 2 * spatial, "block shape and paddings need "
                + spatial + " spatial dimensions");
        int[] in = toFourD(input.dims());
        int[] out = toFourD(output.dims());
        int blockW = spatial == 2 ? block[1] : 1;
        int left = spatial == 2 ? edges[2] : 0;
        return new Setup(input, output, in, out, block[0], blockW, edges[0], left,
                TensorBytes.elementSize(ctx, input));
    }

    private static int[] toFourD(int[] dims) {
        return dims.length == 4 ? dims : new int[] {dims[0], dims[1], 1, dims[2]};
    }

    static PreparedOp spaceToBatch(OpContext ctx) throws KernelException {
        Setup s = setup(ctx);
        if (!TensorBytes.isOneOf(s.input, FLOAT32, INT8)) {
            return Refusals.atInvoke(ctx, "Type " + OpContext.typeAndCode(s.input.type()) + " not supported.");
        }
        ctx.check(s.out[0] == s.in[0] * s.blockH * s.blockW, "output batch does not match the block shape");
        // TFLM's micro kernel never sets SpaceToBatchParams::output_offset, so padding is 0 even for int8.
        byte[] pad = new byte[s.width];
        int inBatches = s.in[0];
        int runBytes = s.in[3] * s.width;
        return () -> {
            int to = 0;
            for (int ob = 0; ob < s.out[0]; ob++) {
                int inBatch = ob % inBatches;
                int shiftW = (ob / inBatches) % s.blockW;
                int shiftH = (ob / inBatches) / s.blockW;
                for (int oy = 0; oy < s.out[1]; oy++) {
                    int iy = oy * s.blockH + shiftH - s.before;
                    for (int ox = 0; ox < s.out[2]; ox++) {
                        int ix = ox * s.blockW + shiftW - s.left;
                        if (iy < 0 || iy >= s.in[1] || ix < 0 || ix >= s.in[2]) {
                            TensorBytes.fill(s.output, to, s.in[3], pad);
                        } else {
                            int from = ((inBatch * s.in[1] + iy) * s.in[2] + ix) * runBytes;
                            TensorBytes.copy(s.input, from, s.output, to, runBytes);
                        }
                        to += runBytes;
                    }
                }
            }
        };
    }

    static PreparedOp batchToSpace(OpContext ctx) throws KernelException {
        Setup s = setup(ctx);
        if (!TensorBytes.isOneOf(s.input, FLOAT32, INT8)) {
            return Refusals.atInvoke(ctx, "Type " + OpContext.typeAndCode(s.input.type()) + " not supported.");
        }
        ctx.check(s.in[0] % (s.blockH * s.blockW) == 0, "input batch is not a multiple of the block size");
        ctx.check(s.out[0] == s.in[0] / (s.blockH * s.blockW), "output batch does not match the block shape");
        int outBatches = s.out[0];
        int runBytes = s.in[3] * s.width;
        return () -> {
            for (int ib = 0; ib < s.in[0]; ib++) {
                int outBatch = ib % outBatches;
                int spatialOffset = ib / outBatches;
                for (int iy = 0; iy < s.in[1]; iy++) {
                    int oy = iy * s.blockH + spatialOffset / s.blockW - s.before;
                    if (oy < 0 || oy >= s.out[1]) {
                        continue;
                    }
                    for (int ix = 0; ix < s.in[2]; ix++) {
                        int ox = ix * s.blockW + spatialOffset % s.blockW - s.left;
                        if (ox < 0 || ox >= s.out[2]) {
                            continue;
                        }
                        int from = ((ib * s.in[1] + iy) * s.in[2] + ix) * runBytes;
                        int to = ((outBatch * s.out[1] + oy) * s.out[2] + ox) * runBytes;
                        TensorBytes.copy(s.input, from, s.output, to, runBytes);
                    }
                }
            }
        };
    }
}
