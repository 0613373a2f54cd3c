package dev.tflmstudio.runtime.kernels.core;

import dev.tflmstudio.runtime.kernels.FixedPoint;
import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.Lut;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.TensorData;
import dev.tflmstudio.runtime.model.TensorType;

/** The int16 SOFTMAX of TFLM (reference SoftmaxInt16): exp and 1/(1+x) lookup tables, Q0.15 output. */
final class SoftmaxInt16 {
    private SoftmaxInt16() {
    }

    static PreparedOp prepare(OpContext ctx, TensorData input, TensorData output, int outer, int depth, float beta)
            throws KernelException {
        ctx.check(output.type() == TensorType.INT16, "int16 input needs an int16 output");
        ctx.check(output.zeroPoint() == 0, "int16 output zero point must be 0");
        ctx.check(Math.abs(output.scale() - 1f / 32768) <= 0.001f * 1f / 32768, "int16 output scale must be 1/32768");
        short[] expLut = Lut.int16(Lut::expf, -10f, 0f, -1f, 1f);
        short[] recipLut = Lut.int16(v -> 1.0f / (1.0f + v), 0f, 1f, -1f, 1f);
        double rescale = (double) input.scale() * (double) beta / (10.0 / 65535.0);
        long q = FixedPoint.quantizeMultiplier(rescale);
        int mult = FixedPoint.multiplierOf(q);
        int shift = FixedPoint.shiftOf(q);
        return () -> eval(input, output, outer, depth, mult, shift, expLut, recipLut);
    }

    private static void eval(TensorData in, TensorData out, int outer, int depth, int mult, int shift,
                             short[] expLut, short[] recipLut) {
        for (int i = 0; i < outer; i++) {
            int row = i * depth;
            int max = Short.MIN_VALUE;
            for (int c = 0; c < depth; c++) {
                max = Math.max(max, in.getInt16(row + c));
            }
            int sum = 0;
            for (int c = 0; c < depth; c++) {
                int diff = in.getInt16(row + c) - max;
                int scaled = FixedPoint.multiplyByQuantizedMultiplier(diff, mult, shift) + 32767;
                int sat = Math.min(Math.max(scaled, -32768), 32767);
                int e = Lut.lookupInt16(sat, expLut);
                out.setInt16(row + c, e);
                sum += e;
            }
            int headroomPlusOne = Integer.numberOfLeadingZeros(sum);
            int shiftedSum = (int) ((((long) sum << (headroomPlusOne - 1)) + (1 << 13)) >> 14);
            int symShiftedSum = shiftedSum + (-((1 << 15) + (1 << 16)));
            int sat = Math.min(Math.max(symShiftedSum, -32768), 32767);
            int reciprocal = Lut.lookupInt16(sat, recipLut);
            int rightShift = 31 - headroomPlusOne;
            long round = 1L << (rightShift - 1);
            for (int c = 0; c < depth; c++) {
                int r = (int) (((long) out.getInt16(row + c) * reciprocal + round) >> rightShift);
                out.setInt16(row + c, Math.min(Math.max(r, 0), 32767));
            }
        }
    }
}
