package dev.tflmstudio.runtime.kernels.core;

import dev.tflmstudio.runtime.kernels.ActivationRange;
import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.TensorData;
import dev.tflmstudio.runtime.model.TensorType;

/**
 * AVERAGE_POOL_2D and MAX_POOL_2D (micro/kernels/pooling.cc): float32, int8, int16. Averages of integers round
 * half away from zero as the reference does; float averages divide the float sum by the float count.
 */
public final class Pooling {
    private Pooling() {
    }

    private record Window(int batches, int inH, int inW, int depth, int outH, int outW, int fH, int fW,
                          int strideH, int strideW, int padH, int padW) {
    }

    public static PreparedOp prepareAverage(OpContext ctx) throws KernelException {
        return prepare(ctx, true);
    }

    public static PreparedOp prepareMax(OpContext ctx) throws KernelException {
        return prepare(ctx, false);
    }

    private static PreparedOp prepare(OpContext ctx, boolean average) throws KernelException {
        TensorData input = ctx.requireInput(0);
        TensorData output = ctx.output(0);
        ctx.check(input.rank() == 4 && output.rank() == 4, "tensors must be 4-D");
        ctx.check(input.type() == output.type(), "input and output types differ");
        var o = ctx.options();
        String padding = o.getString("padding", "SAME");
        int strideH = o.getInt("stride_h", 1);
        int strideW = o.getInt("stride_w", 1);
        int fH = o.getInt("filter_height", 1);
        int fW = o.getInt("filter_width", 1);
        Window w = new Window(input.dim(0), input.dim(1), input.dim(2), input.dim(3), output.dim(1), output.dim(2),
                fH, fW, strideH, strideW, Padding.pad(padding, strideH, 1, input.dim(1), fH),
                Padding.pad(padding, strideW, 1, input.dim(2), fW));
        String act = ActivationRange.of(ctx);
        TensorType t = input.type();
        if (t == TensorType.FLOAT32) {
            float[] r = ActivationRange.forFloat(act);
            return () -> evalFloat(w, input, output, average, r[0], r[1]);
        }
        if (t != TensorType.INT8 && t != TensorType.INT16) {
            throw ctx.fail("Type " + OpContext.typeAndCode(t) + " not supported.");
        }
        float scaleDiff = Math.abs(input.scale() - output.scale());
        ctx.ensure(scaleDiff <= 1.0e-6, "scale_diff <= 1.0e-6");
        ctx.ensure(input.zeroPoint() == output.zeroPoint(), "input->params.zero_point == output->params.zero_point");
        if (average && hasEmptyWindow(w)) {
            // TFLM's integer average divides by the window's element count: 0 here (SIGFPE on a host build)
            return ctx.refuseAtInvoke("an output's pooling window holds no input element (filter count 0)");
        }
        int[] r = ActivationRange.forQuantized(act, output);
        return () -> evalInt(w, input, output, average, t == TensorType.INT16, r[0], r[1]);
    }

    /** Whether some output position's window misses the input (the window start is linear in the position). */
    private static boolean hasEmptyWindow(Window w) {
        if (w.outH() <= 0 || w.outW() <= 0) {
            return false;
        }
        for (int oy : new int[] {0, w.outH() - 1}) {
            int iy0 = oy * w.strideH() - w.padH();
            if (iy0 >= w.inH() || iy0 + w.fH() <= 0) {
                return true;
            }
        }
        for (int ox : new int[] {0, w.outW() - 1}) {
            int ix0 = ox * w.strideW() - w.padW();
            if (ix0 >= w.inW() || ix0 + w.fW() <= 0) {
                return true;
            }
        }
        return false;
    }

    private static void evalFloat(Window w, TensorData in, TensorData out, boolean average, float lo, float hi) {
        int o = 0;
        for (int b = 0; b < w.batches(); b++) {
            for (int oy = 0; oy < w.outH(); oy++) {
                for (int ox = 0; ox < w.outW(); ox++) {
                    int ix0 = ox * w.strideW() - w.padW();
                    int iy0 = oy * w.strideH() - w.padH();
                    int fxs = Math.max(0, -ix0);
                    int fxe = Math.min(w.fW(), w.inW() - ix0);
                    int fys = Math.max(0, -iy0);
                    int fye = Math.min(w.fH(), w.inH() - iy0);
                    for (int c = 0; c < w.depth(); c++) {
                        float total = 0f;
                        float max = -Float.MAX_VALUE;
                        float count = 0;
                        for (int fy = fys; fy < fye; fy++) {
                            for (int fx = fxs; fx < fxe; fx++) {
                                float v = in.getFloat32(((b * w.inH() + iy0 + fy) * w.inW() + ix0 + fx) * w.depth()
                                        + c);
                                total += v;
                                max = max < v ? v : max;
                                count++;
                            }
                        }
                        float r = average ? total / count : max;
                        out.setFloat32(o++, ActivationRange.clamp(r, lo, hi));
                    }
                }
            }
        }
    }

    private static void evalInt(Window w, TensorData in, TensorData out, boolean average, boolean int16, int lo,
                                int hi) {
        int o = 0;
        for (int b = 0; b < w.batches(); b++) {
            for (int oy = 0; oy < w.outH(); oy++) {
                for (int ox = 0; ox < w.outW(); ox++) {
                    int ix0 = ox * w.strideW() - w.padW();
                    int iy0 = oy * w.strideH() - w.padH();
                    int fxs = Math.max(0, -ix0);
                    int fxe = Math.min(w.fW(), w.inW() - ix0);
                    int fys = Math.max(0, -iy0);
                    int fye = Math.min(w.fH(), w.inH() - iy0);
                    for (int c = 0; c < w.depth(); c++) {
                        int acc = 0;
                        int max = int16 ? Short.MIN_VALUE : Byte.MIN_VALUE;
                        int count = 0;
                        for (int fy = fys; fy < fye; fy++) {
                            for (int fx = fxs; fx < fxe; fx++) {
                                int i = ((b * w.inH() + iy0 + fy) * w.inW() + ix0 + fx) * w.depth() + c;
                                int v = int16 ? in.getInt16(i) : in.getInt8(i);
                                acc += v;
                                max = Math.max(max, v);
                                count++;
                            }
                        }
                        int r;
                        if (average) {
                            r = acc > 0 ? (acc + count / 2) / count : (acc - count / 2) / count;
                        } else {
                            r = max;
                        }
                        r = Math.min(Math.max(r, lo), hi);
                        if (int16) {
                            out.setInt16(o++, r);
                        } else {
                            out.setInt8(o++, r);
                        }
                    }
                }
            }
        }
    }
}
