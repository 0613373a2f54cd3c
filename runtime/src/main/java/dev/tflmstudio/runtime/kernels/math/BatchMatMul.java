package dev.tflmstudio.runtime.kernels.math;

import dev.tflmstudio.runtime.kernels.FixedPoint;
import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.TensorData;
import dev.tflmstudio.runtime.model.TensorType;
import java.util.Arrays;

/**
 * BATCH_MATMUL (TFLM {@code batch_matmul.cc}): {@code out[b] = op(lhs[b]) x op(rhs[b])} with {@code adj_x/adj_y}
 * transposes and broadcast batch dimensions (ranks 2 to 5). Each output element sums over the depth in increasing
 * order, as TFLM's reference loop: in float for FLOAT32, in int32 for INT8 and int64 for INT16 (zero points 0),
 * then {@code MultiplyByQuantizedMultiplier} by s_lhs*s_rhs/s_out and clamping to the output type.
 */
final class BatchMatMul {
    private BatchMatMul() {
    }

    static PreparedOp prepare(OpContext ctx) throws KernelException {
        ctx.check(ctx.inputCount() == 2 && ctx.outputCount() == 1, "expects 2 inputs and 1 output");
        TensorData lhs = ctx.requireInput(0);
        TensorData rhs = ctx.requireInput(1);
        TensorData out = ctx.output(0);
        TensorType type = lhs.type();
        ctx.ensure(type == TensorType.FLOAT32 || type == TensorType.INT8 || type == TensorType.INT16,
                "lhs_data->type == kTfLiteFloat32 || lhs_data->type == kTfLiteInt8 || lhs_data->type == kTfLiteInt16");
        ctx.check(rhs.type() == type, "rhs type " + rhs.type() + " differs from lhs type " + type);
        ctx.check(out.type() == type, "output type " + out.type() + " differs from lhs type " + type);
        ctx.check(lhs.rank() >= 2 && lhs.rank() <= 5, "lhs rank must be 2..5, got " + lhs.rank());
        ctx.check(rhs.rank() >= 2 && rhs.rank() <= 5, "rhs rank must be 2..5, got " + rhs.rank());
        boolean adjX = ctx.options().getBool("adj_x", false);
        boolean adjY = ctx.options().getBool("adj_y", false);
        int rank = Math.max(lhs.rank(), rhs.rank());
        int[] l = extend(lhs.dims(), rank);
        int[] r = extend(rhs.dims(), rank);
        int rows = adjX ? l[rank - 1] : l[rank - 2];
        int depth = adjX ? l[rank - 2] : l[rank - 1];
        int rhsDepth = adjY ? r[rank - 1] : r[rank - 2];
        int cols = adjY ? r[rank - 2] : r[rank - 1];
        ctx.check(depth == rhsDepth, "lhs depth " + depth + " differs from rhs depth " + rhsDepth);
        int batchRank = rank - 2;
        int[] expected = new int[rank];
        int batchCount = 1;
        for (int d = 0; d < batchRank; d++) {
            ctx.check(l[d] == r[d] || l[d] == 1 || r[d] == 1,
                    "batch dimension " + d + " does not broadcast: " + l[d] + " vs " + r[d]);
            expected[d] = Math.max(l[d], r[d]);
            batchCount *= expected[d];
        }
        final int batches = batchCount;
        expected[rank - 2] = rows;
        expected[rank - 1] = cols;
        ctx.check(Arrays.equals(expected, out.dims()),
                "output shape " + out.shape() + " differs from " + Arrays.toString(expected));
        // Element offset of each output batch's matrix in lhs and rhs (stride 0 along broadcast dimensions).
        int[] lhsBatch = batchOffsets(l, expected, batchRank, batches, rows * depth);
        int[] rhsBatch = batchOffsets(r, expected, batchRank, batches, depth * cols);
        // Element strides of op(lhs)[m][k] and op(rhs)[k][n].
        int lm = adjX ? 1 : depth;
        int lk = adjX ? rows : 1;
        int rk = adjY ? 1 : cols;
        int rn = adjY ? depth : 1;
        if (type == TensorType.FLOAT32) {
            return () -> {
                int o = 0;
                for (int b = 0; b < batches; b++) {
                    for (int m = 0; m < rows; m++) {
                        for (int n = 0; n < cols; n++) {
                            float total = 0;
                            int li = lhsBatch[b] + m * lm;
                            int ri = rhsBatch[b] + n * rn;
                            for (int k = 0; k < depth; k++) {
                                total += lhs.getFloat32(li + k * lk) * rhs.getFloat32(ri + k * rk);
                            }
                            out.setFloat32(o++, total);
                        }
                    }
                }
            };
        }
        boolean int16 = type == TensorType.INT16;
        if (int16) {
            ctx.ensureEq(lhs.zeroPoint(), 0, "lhs_data->params.zero_point", "0");
            ctx.ensureEq(rhs.zeroPoint(), 0, "rhs_data->params.zero_point", "0");
            ctx.ensureEq(out.zeroPoint(), 0, "output->params.zero_point", "0");
        }
        long q = FixedPoint.quantizeMultiplier((double) lhs.scale() * (double) rhs.scale() / (double) out.scale());
        int multiplier = FixedPoint.multiplierOf(q);
        int shift = FixedPoint.shiftOf(q);
        int lhsOffset = -lhs.zeroPoint();
        int rhsOffset = -rhs.zeroPoint();
        int outputOffset = out.zeroPoint();
        int min = int16 ? Short.MIN_VALUE : Byte.MIN_VALUE;
        int max = int16 ? Short.MAX_VALUE : Byte.MAX_VALUE;
        return () -> {
            int o = 0;
            for (int b = 0; b < batches; b++) {
                for (int m = 0; m < rows; m++) {
                    for (int n = 0; n < cols; n++) {
                        int li = lhsBatch[b] + m * lm;
                        int ri = rhsBatch[b] + n * rn;
                        int scaled;
                        if (int16) {
                            long total = 0;
                            for (int k = 0; k < depth; k++) {
                                total += (long) (rhs.getInt16(ri + k * rk) + rhsOffset)
                                        * (lhs.getInt16(li + k * lk) + lhsOffset);
                            }
                            scaled = FixedPoint.multiplyByQuantizedMultiplier(total, multiplier, shift);
                        } else {
                            int total = 0;
                            for (int k = 0; k < depth; k++) {
                                total += (rhs.getInt8(ri + k * rk) + rhsOffset) * (lhs.getInt8(li + k * lk) + lhsOffset);
                            }
                            scaled = FixedPoint.multiplyByQuantizedMultiplier(total, multiplier, shift);
                        }
                        scaled = Math.min(max, Math.max(min, scaled + outputOffset));
                        if (int16) {
                            out.setInt16(o++, scaled);
                        } else {
                            out.setInt8(o++, scaled);
                        }
                    }
                }
            }
        };
    }

    private static int[] extend(int[] dims, int rank) {
        int[] e = new int[rank];
        Arrays.fill(e, 1);
        System.arraycopy(dims, 0, e, rank - dims.length, dims.length);
        return e;
    }

    private static int[] batchOffsets(int[] dims, int[] outDims, int batchRank, int batches, int matrixSize) {
        int[] offsets = new int[batches];
        int[] index = new int[batchRank];
        for (int b = 0; b < batches; b++) {
            int offset = 0;
            int stride = matrixSize;
            for (int d = batchRank - 1; d >= 0; d--) {
                if (dims[d] != 1) {
                    offset += index[d] * stride;
                }
                stride *= dims[d];
            }
            offsets[b] = offset;
            for (int d = batchRank - 1; d >= 0; d--) {
                if (++index[d] < outDims[d]) {
                    break;
                }
                index[d] = 0;
            }
        }
        return offsets;
    }
}
