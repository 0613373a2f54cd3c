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
 * CONV_2D (micro/kernels/conv.cc, reference ConvPerChannel): float32, int8 with per-channel (or per-tensor)
 * int8 or packed int4 ({@link Int4Filter}) weights, int16x8 with int32 or int64 bias, grouped convolutions. The
 * int8 path folds the input offset into a per-channel filter sum (exact in int32) so the inner loop is a plain
 * byte dot product.
 */
public final class Conv2D {
    private Conv2D() {
    }

    /** Shapes and window of one convolution, resolved in prepare. */
    record Geometry(int batches, int inH, int inW, int inC, int outH, int outW, int outC, int fH, int fW, int fIc,
                    int strideH, int strideW, int dilH, int dilW, int padH, int padW) {
        int filtersPerGroup() {
            return outC / (inC / fIc);
        }
    }

    public static PreparedOp prepare(OpContext ctx) throws KernelException {
        TensorData input = ctx.requireInput(0);
        TensorData filter = ctx.requireInput(1);
        TensorData bias = ctx.input(2);
        TensorData output = ctx.output(0);
        ctx.check(input.rank() == 4 && filter.rank() == 4 && output.rank() == 4, "tensors must be 4-D");
        TensorType in = input.type();
        TensorType ft = filter.type();
        ctx.ensureEq(OpContext.tfLiteTypeCode(in), OpContext.tfLiteTypeCode(output.type()), "input->type",
                "output->type");
        ctx.check((in == TensorType.FLOAT32 && ft == TensorType.FLOAT32) || (in == TensorType.INT16 && ft == TensorType.INT8)
                        || (in == TensorType.INT8 && (ft == TensorType.INT4 || ft == TensorType.INT8)),
                "Hybrid models are not supported on TFLite Micro.");
        if (in == TensorType.INT8 || in == TensorType.INT16) {
            var q = filter.quantization();
            ctx.ensureEq(q != null && q.isQuantized() ? 1 : 0, 1, "filter->quantization.type",
                    "kTfLiteAffineQuantization");
            ctx.ensure(q.scales().size() == 1 || q.scales().size() == filter.dim(0),
                    "affine_quantization->scale->size == 1 || affine_quantization->scale->size == "
                            + "filter->dims->data[kConvQuantizedDimension]");
        }
        ctx.ensure(ctx.inputCount() == 3 || ctx.inputCount() == 2, "has_bias || node->inputs->size == 2");
        // TFLM divides by input depth / filter depth (the groups): 0 groups is a division by zero there
        ctx.check(input.dim(3) > 0 && filter.dim(3) > 0 && input.dim(3) % filter.dim(3) == 0, "input depth "
                + input.dim(3) + " is not a positive multiple of the filter depth " + filter.dim(3));
        var o = ctx.options();
        String padding = o.getString("padding", "SAME");
        int strideH = o.getInt("stride_h", 1);
        int strideW = o.getInt("stride_w", 1);
        int dilH = o.getInt("dilation_h_factor", 1);
        int dilW = o.getInt("dilation_w_factor", 1);
        Geometry g = new Geometry(input.dim(0), input.dim(1), input.dim(2), input.dim(3), output.dim(1),
                output.dim(2), output.dim(3), filter.dim(1), filter.dim(2), filter.dim(3), strideH, strideW, dilH,
                dilW, Padding.pad(padding, strideH, dilH, input.dim(1), filter.dim(1)),
                Padding.pad(padding, strideW, dilW, input.dim(2), filter.dim(2)));
        // and then by output depth / groups: fewer output channels than groups is a division by zero at Eval
        ctx.check(g.filtersPerGroup() > 0, "output depth " + g.outC() + " is less than the "
                + (g.inC() / g.fIc()) + " groups (input depth / filter depth): TFLM would divide by zero");
        String act = ActivationRange.of(ctx);
        boolean arena = ArenaWeights.any(filter, bias);
        switch (in) {
            case FLOAT32 -> {
                float[] w = ArenaWeights.floats(filter);
                float[] b = bias == null ? null : ArenaWeights.floats(bias);
                float[] r = ActivationRange.forFloat(act);
                if (arena) {
                    return ArenaWeights.refilling(() -> {
                        ArenaWeights.read(filter, w);
                        ArenaWeights.read(bias, b);
                    }, () -> evalFloat(g, input, w, b, output, r[0], r[1]));
                }
                PreparedOp planes = FloatConvPlanes.create(g, input, w, b, output, r[0], r[1]);
                if (planes != null) {
                    return planes;
                }
                if (g.inC() == g.fIc()) {
                    return new FastConv(g, input, w, b, output, r[0], r[1]);
                }
                return () -> evalFloat(g, input, w, b, output, r[0], r[1]);
            }
            case INT8, INT16 -> {
                ChannelMultipliers cm = ChannelMultipliers.checked(ctx, input, filter, output, filter.dim(0));
                int[] clamp = ActivationRange.forQuantized(act, output);
                Int4Filter int4 = ft == TensorType.INT4 ? Int4Filter.prepare(ctx, filter) : null;
                byte[] w = Int4Filter.weightsOf(int4, filter);
                if (in == TensorType.INT8) {
                    // TFLM reads the int8 kernel's bias as int32 elements, whatever the tensor's type
                    int[] b = ArenaWeights.int32s(bias, g.outC());
                    if (arena) {
                        Int8Conv conv = new Int8Conv(g, input, w, b, output, -input.zeroPoint(), output.zeroPoint(),
                                cm.multiplier(), cm.shift(), clamp[0], clamp[1]);
                        return ArenaWeights.refilling(() -> {
                            ArenaWeights.read(filter, w);
                            ArenaWeights.readArenaInt32s(bias, b);
                            conv.sumFilters();
                        }, Int4Filter.around(int4, conv));
                    }
                    PreparedOp planes = Int8ConvPlanes.create(g, input, w, b, output, -input.zeroPoint(),
                            new Requantizer(cm.multiplier(), cm.shift(), output.zeroPoint(), clamp[0], clamp[1]));
                    if (planes != null) {
                        return Int4Filter.around(int4, planes);
                    }
                    if (g.inC() == g.fIc()) {
                        return Int4Filter.around(int4, new FastConv(g, input, w, b, output, -input.zeroPoint(),
                                output.zeroPoint(), cm.multiplier(), cm.shift(), clamp[0], clamp[1]));
                    }
                    return Int4Filter.around(int4, new Int8Conv(g, input, w, b, output, -input.zeroPoint(),
                            output.zeroPoint(), cm.multiplier(), cm.shift(), clamp[0], clamp[1]));
                }
                // TFLM takes the int32-accumulator path only for an int32 bias; without bias it runs the int64 one
                // (64-bit MultiplyByQuantizedMultiplier, which rounds differently)
                if (bias != null && bias.type() == TensorType.INT32) {
                    int[] b = ArenaWeights.int32s(bias, bias.elementCount());
                    return ArenaWeights.refilling(() -> {
                        ArenaWeights.read(filter, w);
                        ArenaWeights.readArenaInt32s(bias, b);
                    }, () -> evalInt16(g, input, w, null, b, output, cm.multiplier(), cm.shift(), clamp[0],
                            clamp[1]));
                }
                long[] b = ArenaWeights.int64s(bias, bias == null ? g.outC() : bias.elementCount());
                return ArenaWeights.refilling(() -> {
                    ArenaWeights.read(filter, w);
                    ArenaWeights.readArenaInt64s(bias, b);
                }, () -> evalInt16(g, input, w, b, null, output, cm.multiplier(), cm.shift(), clamp[0],
                        clamp[1]));
            }
            default -> throw ctx.fail("Type " + in + " not currently supported.");
        }
    }

    private static void evalFloat(Geometry g, TensorData input, float[] w, float[] bias, TensorData output,
                                  float lo, float hi) {
        ByteBuffer in = input.buffer();
        int inBase = input.base();
        ByteBuffer out = output.buffer();
        int outBase = output.base();
        int fpg = g.filtersPerGroup();
        int o = 0;
        for (int b = 0; b < g.batches(); b++) {
            for (int oy = 0; oy < g.outH(); oy++) {
                int iy0 = oy * g.strideH() - g.padH();
                for (int ox = 0; ox < g.outW(); ox++) {
                    int ix0 = ox * g.strideW() - g.padW();
                    for (int oc = 0; oc < g.outC(); oc++) {
                        int groupBase = (oc / fpg) * g.fIc();
                        float total = 0f;
                        for (int fy = 0; fy < g.fH(); fy++) {
                            int iy = iy0 + g.dilH() * fy;
                            if (iy < 0 || iy >= g.inH()) {
                                continue;
                            }
                            for (int fx = 0; fx < g.fW(); fx++) {
                                int ix = ix0 + g.dilW() * fx;
                                if (ix < 0 || ix >= g.inW()) {
                                    continue;
                                }
                                int inIdx = inBase + 4 * (((b * g.inH() + iy) * g.inW() + ix) * g.inC() + groupBase);
                                int wIdx = ((oc * g.fH() + fy) * g.fW() + fx) * g.fIc();
                                for (int ic = 0; ic < g.fIc(); ic++) {
                                    total += in.getFloat(inIdx + 4 * ic) * w[wIdx + ic];
                                }
                            }
                        }
                        float bv = bias == null ? 0f : bias[oc];
                        out.putFloat(outBase + 4 * o, ActivationRange.clamp(total + bv, lo, hi));
                        o++;
                    }
                }
            }
        }
    }

    private static void evalInt16(Geometry g, TensorData input, byte[] w, long[] bias64, int[] bias32,
                                  TensorData output, int[] mult, int[] shift, int lo, int hi) {
        ByteBuffer in = input.buffer();
        int inBase = input.base();
        int fpg = g.filtersPerGroup();
        int o = 0;
        for (int b = 0; b < g.batches(); b++) {
            for (int oy = 0; oy < g.outH(); oy++) {
                int iy0 = oy * g.strideH() - g.padH();
                for (int ox = 0; ox < g.outW(); ox++) {
                    int ix0 = ox * g.strideW() - g.padW();
                    for (int oc = 0; oc < g.outC(); oc++) {
                        int groupBase = (oc / fpg) * g.fIc();
                        long acc64 = 0;
                        int acc32 = 0;
                        for (int fy = 0; fy < g.fH(); fy++) {
                            int iy = iy0 + g.dilH() * fy;
                            if (iy < 0 || iy >= g.inH()) {
                                continue;
                            }
                            for (int fx = 0; fx < g.fW(); fx++) {
                                int ix = ix0 + g.dilW() * fx;
                                if (ix < 0 || ix >= g.inW()) {
                                    continue;
                                }
                                int inIdx = inBase + 2 * (((b * g.inH() + iy) * g.inW() + ix) * g.inC() + groupBase);
                                int wIdx = ((oc * g.fH() + fy) * g.fW() + fx) * g.fIc();
                                for (int ic = 0; ic < g.fIc(); ic++) {
                                    int p = w[wIdx + ic] * in.getShort(inIdx + 2 * ic);
                                    acc64 += p;
                                    acc32 += p;
                                }
                            }
                        }
                        int v;
                        if (bias64 != null) {
                            v = FixedPoint.multiplyByQuantizedMultiplier(acc64 + bias64[oc], mult[oc], shift[oc]);
                        } else {
                            v = FixedPoint.multiplyByQuantizedMultiplier(acc32 + bias32[oc], mult[oc], shift[oc]);
                        }
                        v = v < lo ? lo : (v > hi ? hi : v);
                        output.setInt16(o++, v);
                    }
                }
            }
        }
    }

    /** The int8 path: filter sums precomputed so the input offset costs nothing in the inner loop. */
    private static final class Int8Conv implements PreparedOp {
        private final Geometry g;
        private final TensorData input;
        private final TensorData output;
        private final byte[] w;
        private final int[] bias;
        private final int[] filterSum;
        private final int inputOffset;
        private final int outputOffset;
        private final int[] mult;
        private final int[] shift;
        private final int lo;
        private final int hi;

        Int8Conv(Geometry g, TensorData input, byte[] w, int[] bias, TensorData output, int inputOffset,
                 int outputOffset, int[] mult, int[] shift, int lo, int hi) {
            this.g = g;
            this.input = input;
            this.output = output;
            this.w = w;
            this.bias = bias;
            this.inputOffset = inputOffset;
            this.outputOffset = outputOffset;
            this.mult = mult;
            this.shift = shift;
            this.lo = lo;
            this.hi = hi;
            filterSum = new int[g.outC()];
            sumFilters();
        }

        /** Sums each output channel's weights (again after an arena filter is refilled). */
        void sumFilters() {
            int per = g.fH() * g.fW() * g.fIc();
            for (int oc = 0; oc < g.outC(); oc++) {
                int s = 0;
                for (int i = 0; i < per; i++) {
                    s += w[oc * per + i];
                }
                filterSum[oc] = s;
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
            final int fH = g.fH();
            final int fW = g.fW();
            final int fIc = g.fIc();
            final int outC = g.outC();
            final int dilH = g.dilH();
            final int dilW = g.dilW();
            final int fpg = g.filtersPerGroup();
            final int per = fH * fW * fIc;
            int o = outBase;
            for (int b = 0; b < g.batches(); b++) {
                for (int oy = 0; oy < g.outH(); oy++) {
                    int iy0 = oy * g.strideH() - g.padH();
                    for (int ox = 0; ox < g.outW(); ox++) {
                        int ix0 = ox * g.strideW() - g.padW();
                        boolean interior = iy0 >= 0 && ix0 >= 0 && iy0 + (fH - 1) * dilH < inH
                                && ix0 + (fW - 1) * dilW < inW;
                        for (int oc = 0; oc < outC; oc++) {
                            int groupBase = (oc / fpg) * fIc;
                            int acc = 0;
                            int sumW = 0;
                            int wOc = oc * per;
                            for (int fy = 0; fy < fH; fy++) {
                                int iy = iy0 + dilH * fy;
                                if (iy < 0 || iy >= inH) {
                                    continue;
                                }
                                int rowBase = (b * inH + iy) * inW;
                                for (int fx = 0; fx < fW; fx++) {
                                    int ix = ix0 + dilW * fx;
                                    if (ix < 0 || ix >= inW) {
                                        continue;
                                    }
                                    int inIdx = inBase + (rowBase + ix) * inC + groupBase;
                                    int wIdx = wOc + (fy * fW + fx) * fIc;
                                    if (interior) {
                                        for (int ic = 0; ic < fIc; ic++) {
                                            acc += w[wIdx + ic] * in[inIdx + ic];
                                        }
                                    } else {
                                        for (int ic = 0; ic < fIc; ic++) {
                                            byte wv = w[wIdx + ic];
                                            acc += wv * in[inIdx + ic];
                                            sumW += wv;
                                        }
                                    }
                                }
                            }
                            acc += inputOffset * (interior ? filterSum[oc] : sumW) + bias[oc];
                            int v = FixedPoint.multiplyByQuantizedMultiplier(acc, mult[oc], shift[oc]) + outputOffset;
                            out[o++] = (byte) (v < lo ? lo : (v > hi ? hi : v));
                        }
                    }
                }
            }
        }
    }
}
