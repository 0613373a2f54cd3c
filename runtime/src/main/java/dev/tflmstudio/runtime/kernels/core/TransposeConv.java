package dev.tflmstudio.runtime.kernels.core;

import dev.tflmstudio.runtime.kernels.ActivationRange;
import dev.tflmstudio.runtime.kernels.ChannelMultipliers;
import dev.tflmstudio.runtime.kernels.FixedPoint;
import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.ScratchBuffer;
import dev.tflmstudio.runtime.kernels.TensorData;
import dev.tflmstudio.runtime.model.TensorType;
import java.nio.ByteBuffer;

/**
 * TRANSPOSE_CONV (micro/kernels/transpose_conv.cc): the reference "scatter" loop (every input element adds its
 * contribution to the outputs it touches), float32 in that order, int8 into an int32 arena scratch and int16x8 into
 * an int64 arena scratch, then bias, per-channel rescale and clamp. Input 0 (the output shape) is ignored, as in
 * TFLM; a filter or bias that is not a constant is read from the arena before every eval ({@link ArenaWeights}).
 */
public final class TransposeConv {
    private TransposeConv() {
    }

    private record Geometry(int batches, int inH, int inW, int inC, int outH, int outW, int outC, int fH, int fW,
                            int strideH, int strideW, int padH, int padW) {
    }

    public static PreparedOp prepare(OpContext ctx) throws KernelException {
        TensorData output = ctx.output(0);
        TensorData input = ctx.requireInput(2);
        TensorData filter = ctx.requireInput(1);
        TensorType t = input.type();
        ctx.check(t == filter.type() || (t == TensorType.INT16 && filter.type() == TensorType.INT8),
                "Hybrid models are not supported on TFLite Micro.");
        // TFLM reads dimensions 0 to 3 of all three (SizeOfDimension) without a check
        ctx.check(input.rank() == 4 && filter.rank() == 4 && output.rank() == 4, "tensors must be 4-D");
        boolean quantized = t == TensorType.INT8 || t == TensorType.INT16;
        ScratchBuffer scratch = quantized ? ctx.requestScratch(output.elementCount() * (t == TensorType.INT8 ? 4 : 8))
                : null;
        if (quantized) {
            var q = filter.quantization();
            ctx.ensureEq(q != null && q.isQuantized() ? 1 : 0, 1, "filter->quantization.type",
                    "kTfLiteAffineQuantization");
            ctx.ensure(q.scales().size() == 1 || q.scales().size() == filter.dim(0),
                    "affine_quantization->scale->size == 1 || affine_quantization->scale->size == "
                            + "filter->dims->data[kConvQuantizedDimension]");
            ctx.ensureEq(q.scales().size(), q.zeroPoints().size(), "affine_quantization->scale->size",
                    "affine_quantization->zero_point->size");
        }
        ctx.ensure(ctx.inputCount() == 4 || ctx.inputCount() == 3, "has_bias || node->inputs->size == 3");
        TensorData bias = ctx.inputCount() == 4 ? ctx.input(3) : null;
        var o = ctx.options();
        String padding = o.getString("padding", "SAME");
        int strideH = o.getInt("stride_h", 1);
        int strideW = o.getInt("stride_w", 1);
        Geometry g = new Geometry(input.dim(0), input.dim(1), input.dim(2), input.dim(3), output.dim(1),
                output.dim(2), output.dim(3), filter.dim(1), filter.dim(2), strideH, strideW,
                Padding.pad(padding, strideH, 1, output.dim(1), filter.dim(1)),
                Padding.pad(padding, strideW, 1, output.dim(2), filter.dim(2)));
        ChannelMultipliers cm = t == TensorType.FLOAT32 ? null
                : ChannelMultipliers.checked(ctx, input, filter, output, filter.dim(0));
        if (t == TensorType.UINT8 && bias != null) {
            double product = (double) input.scale() * (double) filter.scale();
            ctx.ensure(Math.abs(product - bias.scale()) / output.scale() <= 0.02, "scale_diff / output_scale <= 0.02");
        }
        if (quantized || t == TensorType.UINT8) {
            // CalculateActivationRangeQuantized: only these output types have a range
            ctx.ensure(output.type() == TensorType.UINT8 || output.type() == TensorType.INT8
                    || output.type() == TensorType.INT16, "false");
        }
        if (t == TensorType.INT16 && bias != null && bias.type() == TensorType.INT16) {
            ctx.requestScratch(bias.elementCount() * 8);
        }
        if (input.type() != output.type()) {
            return ctx.refuseAtInvoke("input->type != output->type (" + OpContext.tfLiteTypeCode(input.type())
                    + " != " + OpContext.tfLiteTypeCode(output.type()) + ")");
        }
        if (quantized) {
            int[] clamp = ActivationRange.forQuantized(ActivationRange.of(ctx), output);
            // a runtime filter or bias (TFLM reads both at Eval) is read from the arena before every eval
            byte[] w = ArenaWeights.bytes(filter);
            long[] b = bias == null ? null : new long[output.dim(3)];
            if (bias != null && bias.isConstant()) {
                readQuantizedBias(bias, t, b);
            }
            boolean int16 = t == TensorType.INT16;
            // the int16x8 kernel takes no input or output zero point (TFLM: "int16_t input (zero_point=0)")
            int inOffset = int16 ? 0 : -input.zeroPoint();
            int outOffset = int16 ? 0 : output.zeroPoint();
            PreparedOp op = () -> evalInt(g, input, w, b, output, scratch, cm, inOffset, outOffset, clamp[0],
                    clamp[1], int16);
            return !ArenaWeights.any(filter, bias) ? op : ArenaWeights.refilling(() -> {
                ArenaWeights.read(filter, w);
                if (bias != null && !bias.isConstant()) {
                    readQuantizedBias(bias, t, b);
                }
            }, op);
        }
        if (t != TensorType.FLOAT32) {
            return ctx.refuseAtInvoke("Type " + OpContext.typeAndCode(t) + " not supported.");
        }
        float[] w = ArenaWeights.floats(filter);
        float[] b = bias == null ? null : ArenaWeights.floats(bias);
        float[] r = ActivationRange.forFloat(ActivationRange.of(ctx));
        PreparedOp op = () -> evalFloat(g, input, w, b, output, r[0], r[1]);
        return !ArenaWeights.any(filter, bias) ? op : ArenaWeights.refilling(() -> {
            ArenaWeights.read(filter, w);
            ArenaWeights.read(bias, b);
        }, op);
    }

    /**
     * The bias into {@code out} (one element a channel) as TFLM's kernels read it: int8 reads int32 elements,
     * int16x8 converts an int16 bias and reads any other as int64 elements, whatever the tensor's type says.
     */
    private static void readQuantizedBias(TensorData bias, TensorType t, long[] out) {
        boolean int16Bias = t == TensorType.INT16 && bias.type() == TensorType.INT16;
        int width = int16Bias ? 2 : t == TensorType.INT8 ? 4 : 8;
        for (int i = 0; i < Math.min(out.length, bias.byteLength() / width); i++) {
            out[i] = int16Bias ? bias.getInt16(i) : t == TensorType.INT8 ? bias.getInt32(i) : bias.getInt64(i);
        }
    }

    private static void evalFloat(Geometry g, TensorData input, float[] w, float[] bias, TensorData output, float lo,
                                  float hi) {
        int n = output.elementCount();
        ByteBuffer out = output.buffer();
        int ob = output.base();
        for (int i = 0; i < n; i++) {
            out.putFloat(ob + 4 * i, 0f);
        }
        for (int b = 0; b < g.batches(); b++) {
            for (int iy = 0; iy < g.inH(); iy++) {
                for (int ix = 0; ix < g.inW(); ix++) {
                    for (int ic = 0; ic < g.inC(); ic++) {
                        int ox0 = ix * g.strideW() - g.padW();
                        int oy0 = iy * g.strideH() - g.padH();
                        float iv = input.getFloat32(((b * g.inH() + iy) * g.inW() + ix) * g.inC() + ic);
                        for (int fy = 0; fy < g.fH(); fy++) {
                            for (int fx = 0; fx < g.fW(); fx++) {
                                int ox = ox0 + fx;
                                int oy = oy0 + fy;
                                if (ox < 0 || ox >= g.outW() || oy < 0 || oy >= g.outH()) {
                                    continue;
                                }
                                for (int oc = 0; oc < g.outC(); oc++) {
                                    float fv = w[((oc * g.fH() + fy) * g.fW() + fx) * g.inC() + ic];
                                    int at = ob + 4 * (((b * g.outH() + oy) * g.outW() + ox) * g.outC() + oc);
                                    out.putFloat(at, out.getFloat(at) + iv * fv);
                                }
                            }
                        }
                    }
                }
            }
        }
        for (int i = 0; i < n; i++) {
            float v = out.getFloat(ob + 4 * i);
            if (bias != null) {
                v += bias[i % g.outC()];
            }
            out.putFloat(ob + 4 * i, ActivationRange.clamp(v, lo, hi));
        }
    }

    private static void evalInt(Geometry g, TensorData input, byte[] w, long[] bias, TensorData output,
                                ScratchBuffer scratch, ChannelMultipliers cm, int inOffset, int outOffset, int lo,
                                int hi, boolean int16) {
        int n = output.elementCount();
        ByteBuffer s = scratch.buffer();
        int sb = scratch.base();
        int width = int16 ? 8 : 4;
        for (int i = 0; i < n; i++) {
            if (int16) {
                s.putLong(sb + 8 * i, 0L);
            } else {
                s.putInt(sb + 4 * i, 0);
            }
        }
        for (int b = 0; b < g.batches(); b++) {
            for (int iy = 0; iy < g.inH(); iy++) {
                for (int ix = 0; ix < g.inW(); ix++) {
                    for (int ic = 0; ic < g.inC(); ic++) {
                        int ox0 = ix * g.strideW() - g.padW();
                        int oy0 = iy * g.strideH() - g.padH();
                        int at = ((b * g.inH() + iy) * g.inW() + ix) * g.inC() + ic;
                        int iv = (int16 ? input.getInt16(at) : input.getInt8(at)) + inOffset;
                        for (int fy = 0; fy < g.fH(); fy++) {
                            for (int fx = 0; fx < g.fW(); fx++) {
                                int ox = ox0 + fx;
                                int oy = oy0 + fy;
                                if (ox < 0 || ox >= g.outW() || oy < 0 || oy >= g.outH()) {
                                    continue;
                                }
                                for (int oc = 0; oc < g.outC(); oc++) {
                                    int p = iv * w[((oc * g.fH() + fy) * g.fW() + fx) * g.inC() + ic];
                                    int o = sb + width * (((b * g.outH() + oy) * g.outW() + ox) * g.outC() + oc);
                                    if (int16) {
                                        s.putLong(o, s.getLong(o) + p);
                                    } else {
                                        s.putInt(o, s.getInt(o) + p);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        int[] mult = cm.multiplier();
        int[] shift = cm.shift();
        for (int i = 0; i < n; i++) {
            int oc = i % g.outC();
            int v;
            if (int16) {
                long acc = s.getLong(sb + 8 * i) + (bias == null ? 0 : bias[oc]);
                v = FixedPoint.multiplyByQuantizedMultiplier(acc, mult[oc], shift[oc]);
            } else {
                int acc = s.getInt(sb + 4 * i) + (bias == null ? 0 : (int) bias[oc]);
                v = FixedPoint.multiplyByQuantizedMultiplier(acc, mult[oc], shift[oc]) + outOffset;
            }
            v = Math.min(Math.max(v, lo), hi);
            if (int16) {
                output.setInt16(i, v);
            } else {
                output.setInt8(i, v);
            }
        }
    }
}
