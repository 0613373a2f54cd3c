package dev.tflmstudio.runtime.kernels.core;

import dev.tflmstudio.runtime.kernels.ActivationRange;
import dev.tflmstudio.runtime.kernels.ChannelMultipliers;
import dev.tflmstudio.runtime.kernels.FixedPoint;
import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.Requantizer;
import dev.tflmstudio.runtime.kernels.TensorData;
import dev.tflmstudio.runtime.model.TensorType;
import java.nio.ByteBuffer;

/**
 * DEPTHWISE_CONV_2D (micro/kernels/depthwise_conv.cc, reference DepthwiseConvPerChannel): float32, int8 with
 * per-channel int8 or packed int4 ({@link Int4Filter}) weights (int32 bias), int16x8 (int64 bias). Output
 * channel {@code ic * depthMultiplier + m}.
 */
public final class DepthwiseConv2D {
    private DepthwiseConv2D() {
    }

    record Geometry(int batches, int inH, int inW, int inC, int outH, int outW, int outC, int fH, int fW,
                    int depthMultiplier, int strideH, int strideW, int dilH, int dilW, int padH, int padW) {
    }

    public static PreparedOp prepare(OpContext ctx) throws KernelException {
        TensorData input = ctx.requireInput(0);
        TensorData filter = ctx.requireInput(1);
        TensorData bias = ctx.input(2);
        TensorData output = ctx.output(0);
        ctx.check(input.rank() == 4 && filter.rank() == 4 && output.rank() == 4, "tensors must be 4-D");
        TensorType in = input.type();
        TensorType ft = filter.type();
        if (in == TensorType.INT8) {
            var q = filter.quantization();
            ctx.ensureEq(q != null && q.isQuantized() ? 1 : 0, 1, "filter->quantization.type",
                    "kTfLiteAffineQuantization");
            ctx.ensure(q.scales().size() == 1 || q.scales().size() == filter.dim(3),
                    "affine_quantization->scale->size == 1 || affine_quantization->scale->size == "
                            + "filter->dims->data[kDepthwiseConvQuantizedDimension]");
            ctx.ensureEq(q.scales().size(), q.zeroPoints().size(), "affine_quantization->scale->size",
                    "affine_quantization->zero_point->size");
        }
        ctx.check(in == ft || (in == TensorType.INT16 && ft == TensorType.INT8)
                        || (in == TensorType.INT8 && ft == TensorType.INT4),
                "Hybrid models are not supported on TFLite Micro.");
        Int4Filter int4 = ft == TensorType.INT4 ? Int4Filter.prepare(ctx, filter) : null;
        ctx.ensure(ctx.inputCount() == 3 || ctx.inputCount() == 2, "has_bias || node->inputs->size == 2");
        var o = ctx.options();
        String padding = o.getString("padding", "SAME");
        int strideH = o.getInt("stride_h", 1);
        int strideW = o.getInt("stride_w", 1);
        int dilH = o.getInt("dilation_h_factor", 1);
        int dilW = o.getInt("dilation_w_factor", 1);
        int dm = o.getInt("depth_multiplier", 1);
        Geometry g = new Geometry(input.dim(0), input.dim(1), input.dim(2), input.dim(3), output.dim(1),
                output.dim(2), output.dim(3), filter.dim(1), filter.dim(2), dm, strideH, strideW, dilH, dilW,
                Padding.pad(padding, strideH, dilH, input.dim(1), filter.dim(1)),
                Padding.pad(padding, strideW, dilW, input.dim(2), filter.dim(2)));
        String act = ActivationRange.of(ctx);
        if (in == TensorType.FLOAT32) {
            ctx.check(in == output.type(), "input type " + in + " and output type " + output.type() + " differ");
            float[] w = ArenaWeights.floats(filter);
            float[] b = bias == null ? null : ArenaWeights.floats(bias);
            float[] r = ActivationRange.forFloat(act);
            return ArenaWeights.refilling(() -> {
                ArenaWeights.read(filter, w);
                ArenaWeights.read(bias, b);
            }, () -> evalFloat(g, input, w, b, output, r[0], r[1]));
        }
        ChannelMultipliers cm = ChannelMultipliers.checked(ctx, input, filter, output, filter.dim(3));
        if (in == TensorType.INT8 || in == TensorType.UINT8 || in == TensorType.INT16) {
            TensorType ot = output.type();
            ctx.ensure(ot == TensorType.UINT8 || ot == TensorType.INT8 || ot == TensorType.INT16, "false");
        }
        if (in != TensorType.INT8 && in != TensorType.INT16) {
            return ctx.refuseAtInvoke("Input type " + OpContext.typeAndCode(in) + " not supported.");
        }
        if (in == TensorType.INT16 && ft != TensorType.INT8) {
            return ctx.refuseAtInvoke("Filter type " + OpContext.typeAndCode(ft) + " for input type " + in
                    + " not supported.");
        }
        ctx.check(in == output.type(), "input type " + in + " and output type " + output.type() + " differ");
        int[] clamp = ActivationRange.forQuantized(act, output);
        byte[] w = Int4Filter.weightsOf(int4, filter);
        if (in == TensorType.INT8) {
            // TFLM reads the int8 kernel's bias as int32 elements, whatever the tensor's type
            int[] b = ArenaWeights.int32s(bias, g.outC());
            if (ArenaWeights.any(filter, bias)) {
                Int8Depthwise depthwise = new Int8Depthwise(g, input, w, b, output, -input.zeroPoint(),
                        output.zeroPoint(), cm.multiplier(), cm.shift(), clamp[0], clamp[1]);
                return ArenaWeights.refilling(() -> {
                    ArenaWeights.read(filter, w);
                    ArenaWeights.readArenaInt32s(bias, b);
                    depthwise.takeFilter(w);
                }, Int4Filter.around(int4, depthwise));
            }
            PreparedOp rows = input.isConstant() ? null : Int8DepthwiseRows.create(g, input, w, b, output,
                    -input.zeroPoint(), new Requantizer(cm.multiplier(), cm.shift(), output.zeroPoint(), clamp[0],
                            clamp[1]));
            return Int4Filter.around(int4, rows != null ? rows : new Int8Depthwise(g, input, w, b, output,
                    -input.zeroPoint(), output.zeroPoint(), cm.multiplier(), cm.shift(), clamp[0], clamp[1]));
        }
        long[] b = ArenaWeights.int64s(bias, g.outC());
        return ArenaWeights.refilling(() -> {
            ArenaWeights.read(filter, w);
            ArenaWeights.readArenaInt64s(bias, b);
        }, () -> evalInt16(g, input, w, b, output, cm.multiplier(), cm.shift(), clamp[0], clamp[1]));
    }

    private static void evalFloat(Geometry g, TensorData input, float[] w, float[] bias, TensorData output,
                                  float lo, float hi) {
        ByteBuffer in = input.buffer();
        int inBase = input.base();
        ByteBuffer out = output.buffer();
        int outBase = output.base();
        int outC = g.outC();
        for (int b = 0; b < g.batches(); b++) {
            for (int oy = 0; oy < g.outH(); oy++) {
                for (int ox = 0; ox < g.outW(); ox++) {
                    for (int ic = 0; ic < g.inC(); ic++) {
                        for (int m = 0; m < g.depthMultiplier(); m++) {
                            int oc = m + ic * g.depthMultiplier();
                            int ix0 = ox * g.strideW() - g.padW();
                            int iy0 = oy * g.strideH() - g.padH();
                            float total = 0f;
                            for (int fy = 0; fy < g.fH(); fy++) {
                                for (int fx = 0; fx < g.fW(); fx++) {
                                    int ix = ix0 + g.dilW() * fx;
                                    int iy = iy0 + g.dilH() * fy;
                                    if (ix >= 0 && ix < g.inW() && iy >= 0 && iy < g.inH()) {
                                        float iv = in.getFloat(inBase
                                                + 4 * (((b * g.inH() + iy) * g.inW() + ix) * g.inC() + ic));
                                        total += iv * w[(fy * g.fW() + fx) * outC + oc];
                                    }
                                }
                            }
                            float bv = bias == null ? 0f : bias[oc];
                            out.putFloat(outBase + 4 * (((b * g.outH() + oy) * g.outW() + ox) * outC + oc),
                                    ActivationRange.clamp(total + bv, lo, hi));
                        }
                    }
                }
            }
        }
    }

    private static void evalInt16(Geometry g, TensorData input, byte[] w, long[] bias, TensorData output,
                                  int[] mult, int[] shift, int lo, int hi) {
        ByteBuffer in = input.buffer();
        int inBase = input.base();
        int outC = g.outC();
        for (int b = 0; b < g.batches(); b++) {
            for (int oy = 0; oy < g.outH(); oy++) {
                for (int ox = 0; ox < g.outW(); ox++) {
                    for (int ic = 0; ic < g.inC(); ic++) {
                        for (int m = 0; m < g.depthMultiplier(); m++) {
                            int oc = m + ic * g.depthMultiplier();
                            int ix0 = ox * g.strideW() - g.padW();
                            int iy0 = oy * g.strideH() - g.padH();
                            long acc = 0;
                            for (int fy = 0; fy < g.fH(); fy++) {
                                for (int fx = 0; fx < g.fW(); fx++) {
                                    int ix = ix0 + g.dilW() * fx;
                                    int iy = iy0 + g.dilH() * fy;
                                    if (ix >= 0 && ix < g.inW() && iy >= 0 && iy < g.inH()) {
                                        int iv = in.getShort(inBase
                                                + 2 * (((b * g.inH() + iy) * g.inW() + ix) * g.inC() + ic));
                                        acc += w[(fy * g.fW() + fx) * outC + oc] * iv;
                                    }
                                }
                            }
                            acc += bias[oc];
                            int v = FixedPoint.multiplyByQuantizedMultiplier(acc, mult[oc], shift[oc]);
                            v = v < lo ? lo : (v > hi ? hi : v);
                            output.setInt16(((b * g.outH() + oy) * g.outW() + ox) * outC + oc, v);
                        }
                    }
                }
            }
        }
    }

    /**
     * int8: for each output pixel, accumulate channel vectors tap by tap (contiguous in input, widened filter and
     * accumulator, a loop the JIT vectorizes), adding the input offset to each input value as the reference does.
     */
    private static final class Int8Depthwise implements PreparedOp {
        /** The most the input widened to int rows may take (16 bytes of array header per pixel included). */
        private static final long MAX_PIXEL_BYTES = 64L << 20;
        private final Geometry g;
        private final TensorData input;
        private final TensorData output;
        private final int[][] w;
        private final int[] bias;
        private final int inputOffset;
        private final int outputOffset;
        private final int[] mult;
        private final int[] shift;
        private final int lo;
        private final int hi;
        private final int[] acc;
        private final int[][] pixels;

        Int8Depthwise(Geometry g, TensorData input, byte[] w, int[] bias, TensorData output, int inputOffset,
                      int outputOffset, int[] mult, int[] shift, int lo, int hi) {
            this.g = g;
            this.input = input;
            this.output = output;
            // one array per filter tap keeps the channel loop's indexing plain, so the JIT vectorizes it
            this.w = new int[g.fH() * g.fW()][g.outC()];
            takeFilter(w);
            this.bias = bias;
            this.inputOffset = inputOffset;
            this.outputOffset = outputOffset;
            this.mult = mult;
            this.shift = shift;
            this.lo = lo;
            this.hi = hi;
            this.acc = new int[g.outC()];
            // the input, offset added, one int row per pixel (dm == 1): plain indices let the JIT vectorize. An int
            // row and its array header per pixel is several times the input, so only up to MAX_PIXEL_BYTES (a 64 MB
            // int8 input made 577 MB of rows); larger inputs are read from the arena as they are for dm > 1
            long pixelCount = (long) g.batches() * g.inH() * g.inW();
            this.pixels = g.depthMultiplier() == 1 && pixelCount * (16 + 4L * g.inC()) <= MAX_PIXEL_BYTES
                    ? new int[(int) pixelCount][g.inC()] : null;
        }

        /** Widens the filter into one row per tap (again after an arena filter is refilled). */
        void takeFilter(byte[] filter) {
            int outC = g.outC();
            // TFLM reads the filter as [1, fH, fW, outC]: elements past those (a filter whose first dimension is
            // not 1) are never read
            int taps = Math.min(filter.length, w.length * outC);
            for (int i = 0; i < taps; i++) {
                w[i / outC][i % outC] = filter[i];
            }
        }

        @Override
        public void eval() {
            byte[] in = input.array();
            int inBase = input.base();
            byte[] out = output.array();
            int outBase = output.base();
            final int inH = g.inH();
            final int inW = g.inW();
            final int inC = g.inC();
            final int outC = g.outC();
            final int dm = g.depthMultiplier();
            final int off = inputOffset;
            final int[] acc = this.acc;
            final int[][] w = this.w;
            int o = outBase;
            if (pixels != null) {
                for (int p = 0; p < pixels.length; p++) {
                    int[] row = pixels[p];
                    int at = inBase + p * inC;
                    for (int c = 0; c < inC; c++) {
                        row[c] = in[at + c] + off;
                    }
                }
            }
            for (int b = 0; b < g.batches(); b++) {
                for (int oy = 0; oy < g.outH(); oy++) {
                    int iy0 = oy * g.strideH() - g.padH();
                    for (int ox = 0; ox < g.outW(); ox++) {
                        int ix0 = ox * g.strideW() - g.padW();
                        java.util.Arrays.fill(acc, 0);
                        for (int fy = 0; fy < g.fH(); fy++) {
                            int iy = iy0 + g.dilH() * fy;
                            if (iy < 0 || iy >= inH) {
                                continue;
                            }
                            for (int fx = 0; fx < g.fW(); fx++) {
                                int ix = ix0 + g.dilW() * fx;
                                if (ix < 0 || ix >= inW) {
                                    continue;
                                }
                                int inIdx = inBase + ((b * inH + iy) * inW + ix) * inC;
                                int[] wr = w[fy * g.fW() + fx];
                                if (pixels != null) {
                                    int[] x = pixels[(b * inH + iy) * inW + ix];
                                    for (int c = 0; c < outC; c++) {
                                        acc[c] += wr[c] * x[c];
                                    }
                                } else {
                                    for (int ic = 0; ic < inC; ic++) {
                                        int iv = in[inIdx + ic] + off;
                                        for (int m = 0; m < dm; m++) {
                                            int c = ic * dm + m;
                                            acc[c] += wr[c] * iv;
                                        }
                                    }
                                }
                            }
                        }
                        for (int c = 0; c < outC; c++) {
                            int v = FixedPoint.multiplyByQuantizedMultiplier(acc[c] + bias[c], mult[c], shift[c])
                                    + outputOffset;
                            out[o++] = (byte) (v < lo ? lo : (v > hi ? hi : v));
                        }
                    }
                }
            }
        }
    }
}
