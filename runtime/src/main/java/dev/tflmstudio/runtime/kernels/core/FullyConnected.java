package dev.tflmstudio.runtime.kernels.core;

import dev.tflmstudio.runtime.kernels.ActivationRange;
import dev.tflmstudio.runtime.kernels.ChannelMultipliers;
import dev.tflmstudio.runtime.kernels.FixedPoint;
import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.TensorData;
import dev.tflmstudio.runtime.model.TensorType;

/**
 * FULLY_CONNECTED (micro/kernels/fully_connected.cc): float32, int8 (per-tensor or per-channel int8 or packed
 * int4 ({@link Int4Filter}) weights, int32 bias) and int16x8 (int32 or int64 bias). Weights and bias are unpacked
 * once in prepare.
 */
public final class FullyConnected {
    private FullyConnected() {
    }

    public static PreparedOp prepare(OpContext ctx) throws KernelException {
        TensorData input = ctx.requireInput(0);
        TensorData filter = ctx.requireInput(1);
        TensorData bias = ctx.input(2);
        TensorData output = ctx.output(0);
        ctx.ensureTypesEq(input.type(), output.type(), "input->type", "output->type");
        TensorType in = input.type();
        TensorType ft = filter.type();
        if ((in == TensorType.FLOAT32 && ft != TensorType.FLOAT32)
                || (in == TensorType.INT8 && ft != TensorType.INT8 && ft != TensorType.INT4)
                || (in == TensorType.INT16 && ft != TensorType.INT8)) {
            throw ctx.fail("Input type: " + in + " with filter type: " + ft + " not supported.");
        }
        Int4Filter int4 = ft == TensorType.INT4 ? Int4Filter.prepare(ctx, filter) : null;
        int[] od = output.dims();
        int outputDepth = od[od.length - 1];
        int batches = output.elementCount() / Math.max(1, outputDepth);
        int[] fd = filter.dims();
        int accumDepth = fd[fd.length - 1];
        String act = ActivationRange.of(ctx);
        if (in == TensorType.FLOAT32) {
            float[] w = ArenaWeights.floats(filter);
            float[] b = bias == null ? null : ArenaWeights.floats(bias);
            float[] range = ActivationRange.forFloat(act);
            if (ArenaWeights.any(filter, bias)) {
                return ArenaWeights.refilling(() -> {
                    ArenaWeights.read(filter, w);
                    ArenaWeights.read(bias, b);
                }, () -> evalFloat(input, w, b, output, batches, outputDepth, accumDepth, range[0], range[1]));
            }
            if (outputDepth >= 4 && w.length >= outputDepth * accumDepth) {
                float[][] byDepth = transposed(w, outputDepth, accumDepth);
                float[] acc = new float[outputDepth];
                return () -> evalFloatByDepth(input, byDepth, acc, b, output, batches, range[0], range[1]);
            }
            return () -> evalFloat(input, w, b, output, batches, outputDepth, accumDepth, range[0], range[1]);
        }
        // CalculateOpDataFullyConnected, for every other type
        boolean perChannel = filter.quantization() != null && filter.quantization().isPerChannel();
        int[] mult = new int[outputDepth];
        int[] shift = new int[outputDepth];
        if (perChannel) {
            ctx.ensure((in == TensorType.INT8 && ft != TensorType.INT4) || (in == TensorType.INT16 && ft != TensorType.INT4),
                    "(input->type == kTfLiteInt8 && filter->type != kTfLiteInt4) || "
                            + "(input->type == kTfLiteInt16 && filter->type != kTfLiteInt4)");
            var q = filter.quantization();
            int dim = q.quantizedDimension();
            ctx.ensureEq(q.scales().size(), dim < filter.rank() ? filter.dim(dim) : 0, "per_channel_quantization_size",
                    "filter->dims->data[affine_quantization->quantized_dimension]");
            ChannelMultipliers cm = ChannelMultipliers.of(input, filter, output, outputDepth);
            System.arraycopy(cm.multiplier(), 0, mult, 0, outputDepth);
            System.arraycopy(cm.shift(), 0, shift, 0, outputDepth);
        } else {
            if (bias != null) {
                // GetQuantizedConvolutionMultipler: NaN (all scales 0) fails too, as in TFLM
                double product = (double) input.scale() * (double) filter.scale();
                ctx.ensure(Math.abs(product - bias.scale()) / (double) output.scale() <= 0.02,
                        "scale_diff / output_scale <= 0.02");
            }
            ctx.ensure(input.scale() * filter.scale() >= 0, "input_product_scale >= 0");
            long q = ChannelMultipliers.perTensor(input, filter, output);
            java.util.Arrays.fill(mult, FixedPoint.multiplierOf(q));
            java.util.Arrays.fill(shift, FixedPoint.shiftOf(q));
        }
        TensorType ot = output.type();
        ctx.ensure(ot == TensorType.UINT8 || ot == TensorType.INT8 || ot == TensorType.INT16, "false");
        int[] clamp = ActivationRange.forQuantized(act, output);
        if (in != TensorType.INT8 && in != TensorType.INT16) {
            return ctx.refuseAtInvoke("Input type " + OpContext.typeAndCode(in) + " not supported.");
        }
        byte[] w = Int4Filter.weightsOf(int4, filter);
        // only the per-tensor kernels take the weights' zero point (per-channel weights are symmetric by spec)
        int filterOffset = perChannel ? 0 : -filter.zeroPoint();
        int inputOffset = -input.zeroPoint();
        int outputOffset = output.zeroPoint();
        int[][] rows = new int[outputDepth][accumDepth];
        fillRows(rows, w, filterOffset);
        Runnable refillRows = () -> {
            if (!filter.isConstant()) {
                ArenaWeights.read(filter, w);
                fillRows(rows, w, filterOffset);
            }
        };
        int[] x = new int[accumDepth];
        if (in == TensorType.INT8) {
            // TFLM reads the int8 kernel's bias as int32 elements, whatever the tensor's type
            int[] b = ArenaWeights.int32s(bias, outputDepth);
            return ArenaWeights.refilling(() -> {
                refillRows.run();
                ArenaWeights.readArenaInt32s(bias, b);
            }, Int4Filter.around(int4, () -> evalInt8(input, rows, x, b, output, batches, outputDepth,
                    accumDepth, inputOffset, outputOffset, mult, shift, clamp[0], clamp[1])));
        }
        // int16x8: an int32 bias keeps the int32 accumulator; an int64 bias or none takes the int64 one
        if (bias != null && bias.type() == TensorType.INT32) {
            int[] b = ArenaWeights.int32s(bias, outputDepth);
            return ArenaWeights.refilling(() -> {
                refillRows.run();
                ArenaWeights.readArenaInt32s(bias, b);
            }, () -> evalInt16Acc32(input, rows, x, b, output, batches, outputDepth, accumDepth, inputOffset,
                    outputOffset, mult, shift, clamp[0], clamp[1]));
        }
        long[] b = ArenaWeights.int64s(bias, outputDepth);
        return ArenaWeights.refilling(() -> {
            refillRows.run();
            ArenaWeights.readArenaInt64s(bias, b);
        }, () -> evalInt16Acc64(input, rows, x, b, output, batches, outputDepth, accumDepth, inputOffset,
                outputOffset, mult, shift, clamp[0], clamp[1]));
    }

    /** Weight row {@code oc} as ints, the per-tensor filter offset added (a short filter leaves zeros). */
    private static void fillRows(int[][] rows, byte[] w, int filterOffset) {
        int accumDepth = rows.length == 0 ? 0 : rows[0].length;
        for (int oc = 0; oc < rows.length; oc++) {
            for (int d = 0; d < accumDepth && oc * accumDepth + d < w.length; d++) {
                rows[oc][d] = w[oc * accumDepth + d] + filterOffset;
            }
        }
    }

    private static void evalFloat(TensorData input, float[] w, float[] bias, TensorData output, int batches,
                                  int outputDepth, int accumDepth, float lo, float hi) {
        java.nio.ByteBuffer in = input.buffer();
        int inBase = input.base();
        java.nio.ByteBuffer out = output.buffer();
        int outBase = output.base();
        for (int b = 0; b < batches; b++) {
            int inRow = inBase + 4 * b * accumDepth;
            for (int oc = 0; oc < outputDepth; oc++) {
                float total = 0f;
                int wRow = oc * accumDepth;
                for (int d = 0; d < accumDepth; d++) {
                    total += in.getFloat(inRow + 4 * d) * w[wRow + d];
                }
                float bv = bias == null ? 0f : bias[oc];
                out.putFloat(outBase + 4 * (oc + outputDepth * b), ActivationRange.clamp(total + bv, lo, hi));
            }
        }
    }

    /** {@code w[oc * depth + d]} as {@code [d][oc]}. */
    private static float[][] transposed(float[] w, int outputDepth, int accumDepth) {
        float[][] t = new float[accumDepth][outputDepth];
        for (int oc = 0; oc < outputDepth; oc++) {
            for (int d = 0; d < accumDepth; d++) {
                t[d][oc] = w[oc * accumDepth + d];
            }
        }
        return t;
    }

    /**
     * float32 with the weights as [depth][output]: every output's sum advances one input element at a time, so each
     * still adds its products in the reference's order (from 0, d = 0, 1, ...), and the loop over outputs is one the
     * JIT vectorizes.
     */
    private static void evalFloatByDepth(TensorData input, float[][] byDepth, float[] acc, float[] bias,
                                         TensorData output, int batches, float lo, float hi) {
        java.nio.ByteBuffer in = input.buffer();
        int inBase = input.base();
        java.nio.ByteBuffer out = output.buffer();
        int outBase = output.base();
        int outputDepth = acc.length;
        int accumDepth = byDepth.length;
        for (int b = 0; b < batches; b++) {
            int inRow = inBase + 4 * b * accumDepth;
            java.util.Arrays.fill(acc, 0f);
            for (int d = 0; d < accumDepth; d++) {
                float x = in.getFloat(inRow + 4 * d);
                float[] w = byDepth[d];
                for (int oc = 0; oc < outputDepth; oc++) {
                    acc[oc] = acc[oc] + x * w[oc];
                }
            }
            for (int oc = 0; oc < outputDepth; oc++) {
                float bv = bias == null ? 0f : bias[oc];
                out.putFloat(outBase + 4 * (oc + outputDepth * b), ActivationRange.clamp(acc[oc] + bv, lo, hi));
            }
        }
    }

    /**
     * int8: the input row (offset added) and each weight row are plain int arrays, so the dot product is a loop the
     * JIT vectorizes; int32 sums are exact in any order.
     */
    private static void evalInt8(TensorData input, int[][] rows, int[] x, int[] bias, TensorData output,
                                 int batches, int outputDepth, int accumDepth, int inputOffset, int outputOffset,
                                 int[] mult, int[] shift, int lo, int hi) {
        for (int b = 0; b < batches; b++) {
            int inRow = b * accumDepth;
            for (int d = 0; d < accumDepth; d++) {
                x[d] = input.getInt8(inRow + d) + inputOffset;
            }
            for (int oc = 0; oc < outputDepth; oc++) {
                int[] wr = rows[oc];
                int acc = 0;
                for (int d = 0; d < accumDepth; d++) {
                    acc += wr[d] * x[d];
                }
                acc += bias[oc];
                int v = FixedPoint.multiplyByQuantizedMultiplier(acc, mult[oc], shift[oc]) + outputOffset;
                v = v < lo ? lo : (v > hi ? hi : v);
                output.setInt8(oc + outputDepth * b, v);
            }
        }
    }

    private static void evalInt16Acc32(TensorData input, int[][] rows, int[] x, int[] bias, TensorData output,
                                       int batches, int outputDepth, int accumDepth, int inputOffset,
                                       int outputOffset, int[] mult, int[] shift, int lo, int hi) {
        for (int b = 0; b < batches; b++) {
            for (int d = 0; d < accumDepth; d++) {
                x[d] = input.getInt16(b * accumDepth + d) + inputOffset;
            }
            for (int oc = 0; oc < outputDepth; oc++) {
                int[] wr = rows[oc];
                int acc = 0;
                for (int d = 0; d < accumDepth; d++) {
                    acc += wr[d] * x[d];
                }
                acc += bias[oc];
                int v = FixedPoint.multiplyByQuantizedMultiplier(acc, mult[oc], shift[oc]) + outputOffset;
                v = v < lo ? lo : (v > hi ? hi : v);
                output.setInt16(oc + outputDepth * b, v);
            }
        }
    }

    private static void evalInt16Acc64(TensorData input, int[][] rows, int[] x, long[] bias, TensorData output,
                                       int batches, int outputDepth, int accumDepth, int inputOffset,
                                       int outputOffset, int[] mult, int[] shift, int lo, int hi) {
        for (int b = 0; b < batches; b++) {
            for (int d = 0; d < accumDepth; d++) {
                x[d] = input.getInt16(b * accumDepth + d) + inputOffset;
            }
            for (int oc = 0; oc < outputDepth; oc++) {
                int[] wr = rows[oc];
                long acc = 0;
                for (int d = 0; d < accumDepth; d++) {
                    // the reference adds each int32 product to the int64 accumulator
                    acc += wr[d] * x[d];
                }
                acc += bias[oc];
                int v = FixedPoint.multiplyByQuantizedMultiplier(acc, mult[oc], shift[oc]) + outputOffset;
                v = v < lo ? lo : (v > hi ? hi : v);
                output.setInt16(oc + outputDepth * b, v);
            }
        }
    }
}
