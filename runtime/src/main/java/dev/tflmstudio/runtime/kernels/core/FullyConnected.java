package dev.tflmstudio.runtime.kernels.core;

import dev.tflmstudio.runtime.kernels.ActivationRange;
import dev.tflmstudio.runtime.kernels.ChannelMultipliers;
import dev.tflmstudio.runtime.kernels.FixedPoint;
import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.LittleEndianFloats;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.Requantizer;
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

    /**
     * From this many float outputs the weights are laid out by depth and the loop over outputs is vectorized; below
     * it, a vector loop is mostly its scalar pre- and post-loops, and eight sums in registers are faster (measured, as
     * outputs x depth: 60 against 80 ns at 16x16, 150 against 290 ns at 10x64; by depth wins from 32x32, 181
     * against 198 ns).
     */
    private static final int BY_DEPTH_MIN_OUTPUTS = 32;

    /**
     * Below this many int8 inputs, four weight rows at a time share each input's load and one loop (hello_world
     * int8: 0.76-0.78x TFLM's minimum time, 0.83-0.88x a row at a time); from it, a row's dot product is a loop long
     * enough for the JIT to vectorize.
     */
    private static final int SHORT_INT8_DEPTH = 64;

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
            float[] x = new float[accumDepth];
            if (ArenaWeights.any(filter, bias)) {
                return ArenaWeights.refilling(() -> {
                    ArenaWeights.read(filter, w);
                    ArenaWeights.read(bias, b);
                }, () -> evalFloat(input, x, w, b, output, batches, outputDepth, range[0], range[1]));
            }
            if (outputDepth >= BY_DEPTH_MIN_OUTPUTS) {
                float[][] byDepth = transposed(w, outputDepth, accumDepth);
                float[] acc = new float[outputDepth];
                return () -> evalFloatByDepth(input, x, byDepth, acc, b, output, batches, range[0], range[1]);
            }
            return () -> evalFloat(input, x, w, b, output, batches, outputDepth, range[0], range[1]);
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
            Requantizer requantizer = new Requantizer(mult, shift, outputOffset, clamp[0], clamp[1]);
            int[] acc = new int[outputDepth];
            return ArenaWeights.refilling(() -> {
                refillRows.run();
                ArenaWeights.readArenaInt32s(bias, b);
            }, Int4Filter.around(int4, () -> evalInt8(input, rows, x, acc, b, output, batches, inputOffset,
                    requantizer)));
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

    /**
     * float32, eight outputs at a time (then one at a time): each output's sum is the reference's, from 0 over
     * d = 0, 1, ... in order, but eight independent sums in registers keep the adder busy where one sum would wait on
     * each add. TensorBounds made sure the filter holds every row.
     */
    private static void evalFloat(TensorData input, float[] x, float[] w, float[] bias, TensorData output,
                                  int batches, int outputDepth, float lo, float hi) {
        int depth = x.length;
        byte[] out = output.array();
        for (int b = 0; b < batches; b++) {
            readRow(input, b * depth, x);
            int at = output.base() + 4 * b * outputDepth;
            int oc = 0;
            for (; oc + 8 <= outputDepth; oc += 8) {
                eightSums(x, w, oc * depth, bias, oc, out, at + 4 * oc, lo, hi);
            }
            for (; oc < outputDepth; oc++) {
                int row = oc * depth;
                float total = 0f;
                for (int d = 0; d < depth; d++) {
                    total += x[d] * w[row + d];
                }
                put(out, at + 4 * oc, total, bias, oc, lo, hi);
            }
        }
    }

    /** {@code x[d] = input[from + d]}: from the arena's bytes, or a constant input's buffer. */
    private static void readRow(TensorData input, int from, float[] x) {
        byte[] in = input.array();
        if (in == null) {
            for (int d = 0; d < x.length; d++) {
                x[d] = input.getFloat32(from + d);
            }
            return;
        }
        int at = input.base() + 4 * from;
        for (int d = 0; d < x.length; d++) {
            x[d] = LittleEndianFloats.get(in, at + 4 * d);
        }
    }

    private static void eightSums(float[] x, float[] w, int row, float[] bias, int oc, byte[] out, int at,
                                  float lo, float hi) {
        int depth = x.length;
        int r1 = row + depth;
        int r2 = r1 + depth;
        int r3 = r2 + depth;
        int r4 = r3 + depth;
        int r5 = r4 + depth;
        int r6 = r5 + depth;
        int r7 = r6 + depth;
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        float s4 = 0f;
        float s5 = 0f;
        float s6 = 0f;
        float s7 = 0f;
        for (int d = 0; d < depth; d++) {
            float v = x[d];
            s0 += v * w[row + d];
            s1 += v * w[r1 + d];
            s2 += v * w[r2 + d];
            s3 += v * w[r3 + d];
            s4 += v * w[r4 + d];
            s5 += v * w[r5 + d];
            s6 += v * w[r6 + d];
            s7 += v * w[r7 + d];
        }
        put(out, at, s0, bias, oc, lo, hi);
        put(out, at + 4, s1, bias, oc + 1, lo, hi);
        put(out, at + 8, s2, bias, oc + 2, lo, hi);
        put(out, at + 12, s3, bias, oc + 3, lo, hi);
        put(out, at + 16, s4, bias, oc + 4, lo, hi);
        put(out, at + 20, s5, bias, oc + 5, lo, hi);
        put(out, at + 24, s6, bias, oc + 6, lo, hi);
        put(out, at + 28, s7, bias, oc + 7, lo, hi);
    }

    /** Output {@code oc}'s sum plus its bias, clamped (as the reference adds them), at byte {@code at}. */
    private static void put(byte[] out, int at, float total, float[] bias, int oc, float lo, float hi) {
        float bv = bias == null ? 0f : bias[oc];
        LittleEndianFloats.put(out, at, ActivationRange.clamp(total + bv, lo, hi));
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
    private static void evalFloatByDepth(TensorData input, float[] x, float[][] byDepth, float[] acc, float[] bias,
                                         TensorData output, int batches, float lo, float hi) {
        byte[] out = output.array();
        int outputDepth = acc.length;
        int accumDepth = byDepth.length;
        for (int b = 0; b < batches; b++) {
            readRow(input, b * accumDepth, x);
            java.util.Arrays.fill(acc, 0f);
            for (int d = 0; d < accumDepth; d++) {
                float v = x[d];
                float[] w = byDepth[d];
                for (int oc = 0; oc < outputDepth; oc++) {
                    acc[oc] = acc[oc] + v * w[oc];
                }
            }
            int at = output.base() + 4 * b * outputDepth;
            for (int oc = 0; oc < outputDepth; oc++) {
                put(out, at + 4 * oc, acc[oc], bias, oc, lo, hi);
            }
        }
    }

    /**
     * int8: the input row (offset added) and each weight row are plain int arrays, so the dot product is a loop the
     * JIT vectorizes (int32 sums are exact in any order); a batch's accumulators then convert in one
     * {@link Requantizer} pass, straight into the arena's bytes.
     */
    private static void evalInt8(TensorData input, int[][] rows, int[] x, int[] acc, int[] bias, TensorData output,
                                 int batches, int inputOffset, Requantizer requantizer) {
        int outputDepth = acc.length;
        int depth = x.length;
        byte[] out = output.array();
        for (int b = 0; b < batches; b++) {
            readInt8Row(input, b * depth, inputOffset, x);
            int oc = 0;
            if (depth < SHORT_INT8_DEPTH) {
                for (; oc + 4 <= outputDepth; oc += 4) {
                    fourInt8Sums(rows, oc, x, bias, acc);
                }
            }
            for (; oc < outputDepth; oc++) {
                int[] wr = rows[oc];
                int sum = 0;
                for (int d = 0; d < depth; d++) {
                    sum += wr[d] * x[d];
                }
                acc[oc] = sum + bias[oc];
            }
            requantizer.pixels(acc, 1, out, output.base() + b * outputDepth);
        }
    }

    /** Rows {@code oc..oc+3}: four sums that share each input element's load and one loop. */
    private static void fourInt8Sums(int[][] rows, int oc, int[] x, int[] bias, int[] acc) {
        int[] w0 = rows[oc];
        int[] w1 = rows[oc + 1];
        int[] w2 = rows[oc + 2];
        int[] w3 = rows[oc + 3];
        int s0 = bias[oc];
        int s1 = bias[oc + 1];
        int s2 = bias[oc + 2];
        int s3 = bias[oc + 3];
        for (int d = 0; d < x.length; d++) {
            int v = x[d];
            s0 += w0[d] * v;
            s1 += w1[d] * v;
            s2 += w2[d] * v;
            s3 += w3[d] * v;
        }
        acc[oc] = s0;
        acc[oc + 1] = s1;
        acc[oc + 2] = s2;
        acc[oc + 3] = s3;
    }

    /** {@code x[d] = input[from + d] + offset}: from the arena's bytes, or a constant input's buffer. */
    private static void readInt8Row(TensorData input, int from, int offset, int[] x) {
        byte[] in = input.array();
        if (in == null) {
            for (int d = 0; d < x.length; d++) {
                x[d] = input.getInt8(from + d) + offset;
            }
            return;
        }
        int at = input.base() + from;
        for (int d = 0; d < x.length; d++) {
            x[d] = in[at + d] + offset;
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
