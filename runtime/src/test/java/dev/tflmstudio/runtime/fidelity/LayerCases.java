package dev.tflmstudio.runtime.fidelity;

import static dev.tflmstudio.runtime.fidelity.CaseModel.F32;
import static dev.tflmstudio.runtime.fidelity.CaseModel.I16;
import static dev.tflmstudio.runtime.fidelity.CaseModel.I32;
import static dev.tflmstudio.runtime.fidelity.CaseModel.I64;
import static dev.tflmstudio.runtime.fidelity.CaseModel.I8;

import dev.tflmstudio.runtime.model.Quantization;
import dev.tflmstudio.runtime.model.TensorType;
import java.util.HashMap;
import java.util.Map;

/**
 * Convolutions, pooling, fully connected and batch matmul: float32, int8 with per-tensor and per-channel filters
 * and int32 bias, int16x8 with int64 or int32 bias, with and without bias; padding, strides, dilation, activations.
 */
final class LayerCases {
    private LayerCases() {
    }

    static void register(Map<String, OpCases.Family> f) {
        f.put("CONV_2D", g -> conv(g, false));
        f.put("DEPTHWISE_CONV_2D", g -> conv(g, true));
        f.put("FULLY_CONNECTED", LayerCases::fullyConnected);
        f.put("TRANSPOSE_CONV", LayerCases::transposeConv);
        for (String op : new String[] {"AVERAGE_POOL_2D", "MAX_POOL_2D", "L2_POOL_2D"}) {
            f.put(op, g -> pool(g, op));
        }
        f.put("BATCH_MATMUL", LayerCases::batchMatMul);
        f.put("SVDF", LayerCases::svdf);
    }

    /** The activation, filter and bias types of one quantization scheme. */
    private record Scheme(TensorType act, TensorType filter, TensorType bias, boolean perChannel) {
    }

    private static Scheme scheme(CaseModel g) {
        int k = g.r.nextInt(10);
        Scheme s = switch (k) {
            case 0, 1 -> new Scheme(F32, F32, F32, false);
            case 2, 3 -> new Scheme(I8, I8, I32, false);
            case 4, 5, 6 -> new Scheme(I8, I8, I32, true);
            case 7 -> new Scheme(I16, I8, I64, true);
            case 8 -> new Scheme(I16, I8, I32, true);
            // type mixes, so the kernels' type checks and hybrid refusals are compared too
            default -> new Scheme(g.pick(I8, I16, F32, I32, TensorType.UINT8), g.pick(I8, I16, F32, I32,
                    TensorType.UINT8, TensorType.INT4), g.pick(I32, I64, F32), g.chance(50));
        };
        return s;
    }

    private static Quantization actQuant(CaseModel g, TensorType t, boolean output) {
        if (t == I16) {
            return Quantization.perTensor(output ? g.scale(0.0005f, 0.01f) : g.scale(0.0001f, 0.001f),
                    g.chance(95) ? 0 : 3);
        }
        if (t == I8) {
            return Quantization.perTensor(output ? g.scale(0.02f, 0.5f) : g.scale(0.01f, 0.05f),
                    g.zeroPoint(-128, 127));
        }
        if (t == TensorType.UINT8 || (t == I32 && g.chance(50))) {
            return Quantization.perTensor(output ? g.scale(0.02f, 0.5f) : g.scale(0.01f, 0.05f),
                    t == I32 ? 0 : g.zeroPoint(0, 255));
        }
        return null;
    }

    /** Filter scales per output channel (or one), symmetric. */
    private static Quantization filterQuant(CaseModel g, Scheme s, int channels, int dimension) {
        if ((s.act() == F32 && s.filter() == F32) || (s.filter() == I32 && g.chance(50))) {
            return null;
        }
        int n = s.perChannel() ? channels : 1;
        float[] scales = new float[n];
        for (int i = 0; i < n; i++) {
            scales[i] = g.scale(0.002f, 0.02f);
        }
        return g.perChannel(scales, dimension);
    }

    /**
     * A bias, or -1 for none; now and then an int64 one for int8 (TFLM's int8 kernels read it as int32 elements).
     * Not generated, because TFLM's result is undefined there: int16 DEPTHWISE_CONV_2D and TRANSPOSE_CONV read any
     * bias as int64 (an int32 one is read past its end), and integer kernels read a float bias as integers.
     */
    private static int bias(CaseModel g, Scheme s, int channels, String op) {
        if (g.chance(15)) {
            return -1;
        }
        if (s.act() == I8 && s.bias() == I32 && g.chance(10)) {
            return g.randomConstant(I64, new int[] {channels}, null);
        }
        if (s.act() == I16 && s.bias() == I32 && !op.equals("CONV_2D") && !op.equals("FULLY_CONNECTED")) {
            return g.randomConstant(I64, new int[] {channels}, null);
        }
        if (s.act() != F32 && s.bias() == F32) {
            return g.randomConstant(s.act() == I16 ? I64 : I32, new int[] {channels}, null);
        }
        return g.randomConstant(s.bias(), new int[] {channels}, null);
    }

    private static int outSize(int in, int k, int stride, int dilation, boolean same) {
        int effective = (k - 1) * dilation + 1;
        return same ? (in + stride - 1) / stride : (in - effective + stride) / stride;
    }

    private static void conv(CaseModel g, boolean depthwise) {
        Scheme s = scheme(g);
        int n = g.chance(80) ? 1 : 2;
        int h = g.between(1, 9);
        int w = g.between(1, 9);
        int cin = g.between(1, 5);
        int dm = depthwise ? g.between(1, 2) : 1;
        int cout = depthwise ? cin * dm : g.between(1, 5);
        int kh = g.between(1, 4);
        int kw = g.between(1, 4);
        int sh = g.between(1, 3);
        int sw = g.between(1, 3);
        int dh = g.chance(75) ? 1 : 2;
        int dw = g.chance(75) ? 1 : 2;
        boolean same = g.chance(50);
        if (!same && ((kh - 1) * dh + 1 > h || (kw - 1) * dw + 1 > w) && g.chance(90)) {
            same = true;
        }
        int oh = outSize(h, kh, sh, dh, same);
        int ow = outSize(w, kw, sw, dw, same);
        int in = g.input(s.act(), new int[] {n, h, w, cin}, actQuant(g, s.act(), false));
        int[] fshape = depthwise ? new int[] {1, kh, kw, cout} : new int[] {cout, kh, kw, cin};
        int filter = g.randomConstant(s.filter(), fshape, filterQuant(g, s, cout, depthwise ? 3 : 0));
        int bias = bias(g, s, cout, depthwise ? "DEPTHWISE_CONV_2D" : "CONV_2D");
        int out = g.output(s.act(), new int[] {n, Math.max(oh, 0), Math.max(ow, 0), cout}, actQuant(g, s.act(), true));
        Map<String, Object> o = new HashMap<>();
        o.put("padding", same ? "SAME" : "VALID");
        o.put("stride_w", sw);
        o.put("stride_h", sh);
        o.put("dilation_w_factor", dw);
        o.put("dilation_h_factor", dh);
        o.put("fused_activation_function", g.activation());
        if (depthwise) {
            o.put("depth_multiplier", dm);
        }
        g.note(s).note(java.util.Arrays.toString(new int[] {n, h, w, cin})).note(o);
        g.op(depthwise ? "DEPTHWISE_CONV_2D" : "CONV_2D", bias < 0 ? new int[] {in, filter} : new int[] {in, filter, bias},
                new int[] {out}, depthwise ? "DepthwiseConv2DOptions" : "Conv2DOptions", o);
    }

    private static void fullyConnected(CaseModel g) {
        Scheme s = scheme(g);
        int batch = g.between(1, 4);
        int depth = g.between(1, 12);
        // up to 8 units mostly; sometimes past the float kernel's 4- and 8-output blocks and its by-depth layout (32)
        int units = g.chance(80) ? g.between(1, 8) : g.between(9, 40);
        boolean keep = g.chance(20);
        int[] inShape = g.chance(70) ? new int[] {batch, depth} : new int[] {1, batch, depth};
        int in = g.input(s.act(), inShape, actQuant(g, s.act(), false));
        int filter = g.randomConstant(s.filter(), new int[] {units, depth}, filterQuant(g, s, units, 0));
        int bias = bias(g, s, units, "FULLY_CONNECTED");
        int[] outShape = keep && inShape.length == 3 ? new int[] {1, batch, units} : new int[] {batch, units};
        int out = g.output(s.act(), outShape, actQuant(g, s.act(), true));
        Map<String, Object> o = new HashMap<>();
        o.put("fused_activation_function", g.activation());
        o.put("keep_num_dims", keep);
        g.note(s).note(o);
        g.op("FULLY_CONNECTED", new int[] {in, filter, bias}, new int[] {out}, "FullyConnectedOptions", o);
    }

    private static void transposeConv(CaseModel g) {
        Scheme s = scheme(g);
        int h = g.between(1, 6);
        int w = g.between(1, 6);
        int cin = g.between(1, 4);
        int cout = g.between(1, 4);
        int kh = g.between(1, 4);
        int kw = g.between(1, 4);
        int sh = g.between(1, 3);
        int sw = g.between(1, 3);
        boolean same = g.chance(50);
        int oh = same ? h * sh : (h - 1) * sh + kh;
        int ow = same ? w * sw : (w - 1) * sw + kw;
        int shape = g.constant(I32, new int[] {4}, null, CaseModel.int32s(1, oh, ow, cout));
        int filter = g.randomConstant(s.filter(), new int[] {cout, kh, kw, cin}, filterQuant(g, s, cout, 0));
        int in = g.input(s.act(), new int[] {1, h, w, cin}, actQuant(g, s.act(), false));
        int bias = bias(g, s, cout, "TRANSPOSE_CONV");
        int out = g.output(s.act(), new int[] {1, oh, ow, cout}, actQuant(g, s.act(), true));
        Map<String, Object> o = new HashMap<>();
        o.put("padding", same ? "SAME" : "VALID");
        o.put("stride_w", sw);
        o.put("stride_h", sh);
        o.put("fused_activation_function", g.chance(70) ? "NONE" : g.activation());
        g.note(s).note(o);
        g.op("TRANSPOSE_CONV", bias < 0 ? new int[] {shape, filter, in} : new int[] {shape, filter, in, bias},
                new int[] {out}, "TransposeConvOptions", o);
    }

    private static void pool(CaseModel g, String op) {
        TensorType t = op.equals("L2_POOL_2D") ? g.type(F32) : g.type(F32, I8, I16);
        int n = g.chance(80) ? 1 : 2;
        int h = g.between(1, 9);
        int w = g.between(1, 9);
        int c = g.between(1, 4);
        int fh = g.between(1, 4);
        int fw = g.between(1, 4);
        int sh = g.between(1, 3);
        int sw = g.between(1, 3);
        boolean same = g.chance(50) || fh > h || fw > w;
        int oh = outSize(h, fh, sh, 1, same);
        int ow = outSize(w, fw, sw, 1, same);
        Quantization q = g.quant(t);
        int in = g.input(t, new int[] {n, h, w, c}, q);
        int out = g.output(t, new int[] {n, oh, ow, c}, g.chance(70) ? q : g.quant(t));
        Map<String, Object> o = new HashMap<>();
        o.put("padding", same ? "SAME" : "VALID");
        o.put("stride_w", sw);
        o.put("stride_h", sh);
        o.put("filter_width", fw);
        o.put("filter_height", fh);
        o.put("fused_activation_function", g.activation());
        g.note(t).note(o);
        g.op(op, new int[] {in}, new int[] {out}, "Pool2DOptions", o);
    }

    private static void batchMatMul(CaseModel g) {
        TensorType t = g.type(F32, I8, I16);
        int rows = g.between(1, 4);
        int inner = g.between(1, 5);
        int cols = g.between(1, 4);
        int batch = g.between(1, 3);
        boolean adjX = g.chance(30);
        boolean adjY = g.chance(30);
        int[] a = adjX ? new int[] {batch, inner, rows} : new int[] {batch, rows, inner};
        int[] b = adjY ? new int[] {g.chance(70) ? batch : 1, cols, inner} : new int[] {g.chance(70) ? batch : 1, inner, cols};
        Quantization qa = g.quant(t);
        Quantization qb = t == I8 || t == I16 ? Quantization.perTensor(g.scale(0.002f, 0.05f), 0) : null;
        int x = g.input(t, a, qa);
        int y = g.operand(t, b, qb);
        int z = g.output(t, new int[] {batch, rows, cols}, g.quant(t));
        Map<String, Object> o = new HashMap<>();
        o.put("adj_x", adjX);
        o.put("adj_y", adjY);
        g.note(t).note(o);
        g.op("BATCH_MATMUL", new int[] {x, y}, new int[] {z}, "BatchMatMulOptions", o);
    }

    /** SVDF: float32, or int8 with int16 time weights and state; rank 1-2, a variable activation state. */
    private static void svdf(CaseModel g) {
        boolean int8 = g.chance(60);
        int batch = g.between(1, 2);
        int inputSize = g.between(1, 6);
        int rank = g.between(1, 2);
        int units = g.between(1, 4);
        int filters = units * rank;
        int memory = g.between(1, 5);
        TensorType t = int8 ? I8 : F32;
        TensorType timeType = int8 ? I16 : F32;
        Quantization inQ = int8 ? Quantization.perTensor(g.scale(0.01f, 0.1f), g.zeroPoint(-128, 127)) : null;
        int in = g.input(t, new int[] {batch, inputSize}, inQ);
        int wf = g.randomConstant(t, new int[] {filters, inputSize},
                int8 ? Quantization.perTensor(g.scale(0.002f, 0.02f), 0) : null);
        int wt = g.randomConstant(timeType, new int[] {filters, memory},
                int8 ? Quantization.perTensor(g.scale(0.00002f, 0.0002f), 0) : null);
        // without a bias TFLM's Prepare dereferences null (tflm_ref crashes): rare, so it checks only that we cope
        int bias = g.chance(5) ? -1 : g.randomConstant(int8 ? I32 : F32, new int[] {units}, null);
        int state = g.variable(timeType, new int[] {batch, memory * filters},
                int8 ? Quantization.perTensor(g.scale(0.001f, 0.01f), 0) : null);
        int out = g.output(t, new int[] {batch, units},
                int8 ? Quantization.perTensor(g.scale(0.02f, 0.5f), g.zeroPoint(-128, 127)) : null);
        Map<String, Object> o = new HashMap<>();
        o.put("rank", rank);
        o.put("fused_activation_function", int8 ? g.pick("NONE", "RELU") : g.activation());
        g.note(t).note("batch=" + batch + " input=" + inputSize + " filters=" + filters + " memory=" + memory).note(o);
        g.op("SVDF", new int[] {in, wf, wt, bias, state}, new int[] {out}, "SVDFOptions", o);
    }
}
