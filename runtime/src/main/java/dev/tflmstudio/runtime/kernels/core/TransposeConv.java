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
 * TFLM.
 */
public final class TransposeConv {
    private TransposeConv() {
    }

    private record Geometry(int batches, int inH, int inW, int inC, int outH, int outW, int outC, int fH, int fW,
                            int strideH, int strideW, int padH, int padW) {
    }

    public static PreparedOp prepare(OpContext ctx) throws KernelException {
        ctx.check(ctx.inputCount() == 3 || ctx.inputCount() == 4, "TRANSPOSE_CONV needs 3 or 4 inputs");
        TensorData filter = ctx.requireInput(1);
        TensorData input = ctx.requireInput(2);
        TensorData bias = ctx.inputCount() == 4 ? ctx.input(3) : null;
        TensorData output = ctx.output(0);
        var o = ctx.options();
        String padding = o.getString("padding", "SAME");
        int strideH = o.getInt("stride_h", 1);
        int strideW = o.getInt("stride_w", 1);
        Geometry g = new Geometry(input.dim(0), input.dim(1), input.dim(2), input.dim(3), output.dim(1),
                output.dim(2), output.dim(3), filter.dim(1), filter.dim(2), strideH, strideW,
                Padding.pad(padding, strideH, 1, output.dim(1), filter.dim(1)),
                Padding.pad(padding, strideW, 1, output.dim(2), filter.dim(2)));
        String act = ActivationRange.of(ctx);
        TensorType t = input.type();
        if (t == TensorType.INT8 || t == TensorType.INT16) {
            // TFLM's transpose conv has no int4 unpacking: it would read packed bytes as int8 past the buffer end
            ctx.check(filter.type() == TensorType.INT8, "filter type " + filter.type() + " is not supported");
            ctx.check(filter.quantization() != null && filter.quantization().isQuantized(), "filter is not quantized");
            ScratchBuffer scratch = ctx.requestScratch(output.elementCount() * (t == TensorType.INT8 ? 4 : 8));
            if (t == TensorType.INT16 && bias != null && bias.type() == TensorType.INT16) {
                ctx.requestScratch(bias.elementCount() * 8);
            }
            ChannelMultipliers cm = ChannelMultipliers.of(input, filter, output, filter.dim(0));
            int[] clamp = ActivationRange.forQuantized(act, output);
            byte[] w = filter.copyBytes();
            long[] b = bias == null ? null : bias.type() == TensorType.INT16 ? toLongs(bias.copyInts())
                    : bias.copyLongs();
            int inOffset = -input.zeroPoint();
            int outOffset = output.zeroPoint();
            boolean int16 = t == TensorType.INT16;
            return () -> evalInt(g, input, w, b, output, scratch, cm, inOffset, outOffset, clamp[0], clamp[1], int16);
        }
        ctx.check(t == TensorType.FLOAT32, "Type " + t + " not supported.");
        ctx.check(filter.type() == TensorType.FLOAT32, "Hybrid models are not supported on TFLite Micro.");
        float[] w = filter.copyFloats();
        float[] b = bias == null ? null : bias.copyFloats();
        float[] r = ActivationRange.forFloat(act);
        return () -> evalFloat(g, input, w, b, output, r[0], r[1]);
    }

    private static long[] toLongs(int[] v) {
        long[] out = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
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
