package dev.tflmstudio.runtime.kernels.core;

import dev.tflmstudio.runtime.kernels.FixedPoint;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.TensorData;
import java.nio.ByteBuffer;

/**
 * The fast CONV_2D path for ungrouped int8 and float32 convolutions. Weights are transposed in prepare to
 * [tap][inChannel][outChannel] so that, per output pixel, each input value is multiplied into a contiguous vector
 * of per-output-channel accumulators (a loop the JIT vectorizes). Every accumulator still sums its products in the
 * reference order (filter row, filter column, input channel), so float32 results are bit-identical, and int8 adds
 * the input offset to each input value exactly as the reference does.
 */
final class FastConv implements PreparedOp {
    private final Conv2D.Geometry g;
    private final TensorData input;
    private final TensorData output;
    private final boolean isFloat;
    private final int[][] wInt;
    private final float[][] wFloat;
    private final int[] bias;
    private final float[] biasF;
    private final int inputOffset;
    private final int outputOffset;
    private final int[] mult;
    private final int[] shift;
    private final int lo;
    private final int hi;
    private final float loF;
    private final float hiF;
    private final int[] acc;
    private final float[] accF;

    /** int8. */
    FastConv(Conv2D.Geometry g, TensorData input, byte[] w, int[] bias, TensorData output, int inputOffset,
             int outputOffset, int[] mult, int[] shift, int lo, int hi) {
        this.g = g;
        this.input = input;
        this.output = output;
        this.isFloat = false;
        int taps = g.fH() * g.fW();
        this.wInt = new int[taps * g.fIc()][g.outC()];
        for (int oc = 0; oc < g.outC(); oc++) {
            for (int t = 0; t < taps; t++) {
                for (int ic = 0; ic < g.fIc(); ic++) {
                    wInt[t * g.fIc() + ic][oc] = w[(oc * taps + t) * g.fIc() + ic];
                }
            }
        }
        this.wFloat = null;
        this.bias = bias;
        this.biasF = null;
        this.inputOffset = inputOffset;
        this.outputOffset = outputOffset;
        this.mult = mult;
        this.shift = shift;
        this.lo = lo;
        this.hi = hi;
        this.loF = 0;
        this.hiF = 0;
        this.acc = new int[g.outC()];
        this.accF = null;
    }

    /** float32. */
    FastConv(Conv2D.Geometry g, TensorData input, float[] w, float[] bias, TensorData output, float lo, float hi) {
        this.g = g;
        this.input = input;
        this.output = output;
        this.isFloat = true;
        int taps = g.fH() * g.fW();
        this.wFloat = new float[taps * g.fIc()][g.outC()];
        for (int oc = 0; oc < g.outC(); oc++) {
            for (int t = 0; t < taps; t++) {
                for (int ic = 0; ic < g.fIc(); ic++) {
                    wFloat[t * g.fIc() + ic][oc] = w[(oc * taps + t) * g.fIc() + ic];
                }
            }
        }
        this.wInt = null;
        this.bias = null;
        this.biasF = bias;
        this.inputOffset = 0;
        this.outputOffset = 0;
        this.mult = null;
        this.shift = null;
        this.lo = 0;
        this.hi = 0;
        this.loF = lo;
        this.hiF = hi;
        this.acc = null;
        this.accF = new float[g.outC()];
    }

    @Override
    public void eval() {
        if (isFloat) {
            evalFloat();
        } else {
            evalInt8();
        }
    }

    private void evalInt8() {
        byte[] in = input.array();
        int inBase = input.base();
        byte[] out = output.array();
        int o = output.base();
        final int inH = g.inH();
        final int inW = g.inW();
        final int inC = g.inC();
        final int fH = g.fH();
        final int fW = g.fW();
        final int outC = g.outC();
        final int[][] w = wInt;
        final int[] a = acc;
        for (int b = 0; b < g.batches(); b++) {
            for (int oy = 0; oy < g.outH(); oy++) {
                int iy0 = oy * g.strideH() - g.padH();
                for (int ox = 0; ox < g.outW(); ox++) {
                    int ix0 = ox * g.strideW() - g.padW();
                    java.util.Arrays.fill(a, 0);
                    for (int fy = 0; fy < fH; fy++) {
                        int iy = iy0 + g.dilH() * fy;
                        if (iy < 0 || iy >= inH) {
                            continue;
                        }
                        for (int fx = 0; fx < fW; fx++) {
                            int ix = ix0 + g.dilW() * fx;
                            if (ix < 0 || ix >= inW) {
                                continue;
                            }
                            int inIdx = inBase + ((b * inH + iy) * inW + ix) * inC;
                            int row = (fy * fW + fx) * inC;
                            int ic = 0;
                            // four input channels per pass: fewer accumulator loads and stores, same int sums;
                            // one array per weight row keeps the index plain so the JIT vectorizes the loop
                            for (; ic + 3 < inC; ic += 4) {
                                int x0 = in[inIdx + ic] + inputOffset;
                                int x1 = in[inIdx + ic + 1] + inputOffset;
                                int x2 = in[inIdx + ic + 2] + inputOffset;
                                int x3 = in[inIdx + ic + 3] + inputOffset;
                                int[] r0 = w[row + ic];
                                int[] r1 = w[row + ic + 1];
                                int[] r2 = w[row + ic + 2];
                                int[] r3 = w[row + ic + 3];
                                for (int oc = 0; oc < outC; oc++) {
                                    a[oc] += x0 * r0[oc] + x1 * r1[oc] + x2 * r2[oc] + x3 * r3[oc];
                                }
                            }
                            for (; ic < inC; ic++) {
                                int x = in[inIdx + ic] + inputOffset;
                                int[] r = w[row + ic];
                                for (int oc = 0; oc < outC; oc++) {
                                    a[oc] += x * r[oc];
                                }
                            }
                        }
                    }
                    for (int oc = 0; oc < outC; oc++) {
                        int v = FixedPoint.multiplyByQuantizedMultiplier(a[oc] + bias[oc], mult[oc], shift[oc])
                                + outputOffset;
                        out[o++] = (byte) (v < lo ? lo : (v > hi ? hi : v));
                    }
                }
            }
        }
    }

    private void evalFloat() {
        ByteBuffer in = input.buffer();
        int inBase = input.base();
        ByteBuffer out = output.buffer();
        int o = output.base();
        final int inH = g.inH();
        final int inW = g.inW();
        final int inC = g.inC();
        final int fH = g.fH();
        final int fW = g.fW();
        final int outC = g.outC();
        final float[][] w = wFloat;
        final float[] a = accF;
        for (int b = 0; b < g.batches(); b++) {
            for (int oy = 0; oy < g.outH(); oy++) {
                int iy0 = oy * g.strideH() - g.padH();
                for (int ox = 0; ox < g.outW(); ox++) {
                    int ix0 = ox * g.strideW() - g.padW();
                    java.util.Arrays.fill(a, 0f);
                    for (int fy = 0; fy < fH; fy++) {
                        int iy = iy0 + g.dilH() * fy;
                        if (iy < 0 || iy >= inH) {
                            continue;
                        }
                        for (int fx = 0; fx < fW; fx++) {
                            int ix = ix0 + g.dilW() * fx;
                            if (ix < 0 || ix >= inW) {
                                continue;
                            }
                            int inIdx = inBase + 4 * (((b * inH + iy) * inW + ix) * inC);
                            int row = (fy * fW + fx) * inC;
                            int ic = 0;
                            // four input channels per pass; Java evaluates a + p0 + p1 + p2 + p3 left to right,
                            // which is exactly the reference's one-at-a-time float accumulation order
                            for (; ic + 3 < inC; ic += 4) {
                                float x0 = in.getFloat(inIdx + 4 * ic);
                                float x1 = in.getFloat(inIdx + 4 * ic + 4);
                                float x2 = in.getFloat(inIdx + 4 * ic + 8);
                                float x3 = in.getFloat(inIdx + 4 * ic + 12);
                                float[] r0 = w[row + ic];
                                float[] r1 = w[row + ic + 1];
                                float[] r2 = w[row + ic + 2];
                                float[] r3 = w[row + ic + 3];
                                for (int oc = 0; oc < outC; oc++) {
                                    a[oc] = a[oc] + x0 * r0[oc] + x1 * r1[oc] + x2 * r2[oc] + x3 * r3[oc];
                                }
                            }
                            for (; ic < inC; ic++) {
                                float x = in.getFloat(inIdx + 4 * ic);
                                float[] r = w[row + ic];
                                for (int oc = 0; oc < outC; oc++) {
                                    a[oc] += x * r[oc];
                                }
                            }
                        }
                    }
                    for (int oc = 0; oc < outC; oc++) {
                        float v = a[oc] + (biasF == null ? 0f : biasF[oc]);
                        float y = v < loF ? loF : v;
                        out.putFloat(o, hiF < y ? hiF : y);
                        o += 4;
                    }
                }
            }
        }
    }
}
