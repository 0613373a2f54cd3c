package dev.tflmstudio.runtime.kernels.math;

import dev.tflmstudio.runtime.kernels.FixedPoint;
import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.LibmFloat;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.TensorData;

/**
 * LOG_SOFTMAX over the last axis (TFLM {@code log_softmax.cc}). FLOAT32: {@code x - max - logf(sum expf(x - max))}
 * in float. INT8 (output fixed at scale 16/256, zero point 127): differences to the row maximum in Q5.26, gemmlowp
 * {@code exp_on_negative_values} summed in Q12.19, the fixed-point log, then rescaled; differences below
 * {@code diff_min} contribute nothing. Other types fail at invoke.
 */
final class LogSoftmax {
    private static final int SCALED_DIFF_INTEGER_BITS = 5;
    private static final int ACCUMULATION_INTEGER_BITS = 12;
    private static final int OUTPUT_INTEGER_BITS = 4;

    private LogSoftmax() {
    }

    static PreparedOp prepare(OpContext ctx) throws KernelException {
        ctx.check(ctx.inputCount() == 1 && ctx.outputCount() == 1, "expects 1 input and 1 output");
        TensorData in = ctx.requireInput(0);
        TensorData out = ctx.output(0);
        ctx.check(in.type() == out.type(), "input type " + in.type() + " differs from output type " + out.type());
        ctx.check(in.shape().equals(out.shape()), "input " + in.shape() + " and output " + out.shape() + " differ");
        int rank = in.rank();
        int depth = rank == 0 ? 1 : in.dim(rank - 1);
        int outer = depth == 0 ? 0 : in.elementCount() / depth;
        switch (in.type()) {
            case FLOAT32:
                return () -> {
                    for (int i = 0; i < outer; i++) {
                        int base = i * depth;
                        float max = -Float.MAX_VALUE;
                        for (int c = 0; c < depth; c++) {
                            float v = in.getFloat32(base + c);
                            max = max < v ? v : max;
                        }
                        float sum = 0.f;
                        for (int c = 0; c < depth; c++) {
                            sum += LibmFloat.exp(in.getFloat32(base + c) - max);
                        }
                        float logSum = LibmFloat.log(sum);
                        for (int c = 0; c < depth; c++) {
                            out.setFloat32(base + c, in.getFloat32(base + c) - max - logSum);
                        }
                    }
                };
            case INT8:
                return int8(ctx, in, out, outer, depth);
            default:
                KernelException e = ctx.evalFailure("LOG_SOFTMAX only supports float32, int8, got " + in.type()
                        + ".");
                return () -> {
                    throw e;
                };
        }
    }

    private static PreparedOp int8(OpContext ctx, TensorData in, TensorData out, int outer, int depth)
            throws KernelException {
        ctx.ensure(out.scale() == 16.0f / 256, "output->params.scale == kOutputScale");
        ctx.ensure(out.zeroPoint() == 127, "output->params.zero_point == kOutputZeroPoint");
        // PreprocessLogSoftmaxScalingExp with beta 1.
        double inputBetaReal = Math.min(1.0 * in.scale() * (double) (1 << (31 - SCALED_DIFF_INTEGER_BITS)),
                (double) (1L << 31) - 1.0);
        long q = FixedPoint.quantizeMultiplier(inputBetaReal);
        int inputMultiplier = FixedPoint.multiplierOf(q);
        int inputLeftShift = FixedPoint.shiftOf(q);
        double reverseScalingReal = (double) (1 << (31 - inputLeftShift)) / (double) inputMultiplier;
        long rq = FixedPoint.quantizeMultiplier(reverseScalingReal);
        int reverseScalingDivisor = FixedPoint.multiplierOf(rq);
        int reverseScalingLeftShift = FixedPoint.shiftOf(rq);
        int diffMin = -FixedPointMath.inputRadius(SCALED_DIFF_INTEGER_BITS, inputLeftShift, 31);
        return () -> {
            for (int o = 0; o < outer; o++) {
                int base = o * depth;
                int maxInRow = Byte.MIN_VALUE;
                for (int c = 0; c < depth; c++) {
                    maxInRow = Math.max(maxInRow, in.getInt8(base + c));
                }
                int sumOfExps = 0;
                for (int c = 0; c < depth; c++) {
                    int diff = in.getInt8(base + c) - maxInRow;
                    if (diff >= diffMin) {
                        int diffQ5 = FixedPoint.multiplyByQuantizedMultiplier(diff, inputMultiplier, inputLeftShift);
                        int exp = FixedPoint.expOnNegativeValues(diffQ5, SCALED_DIFF_INTEGER_BITS);
                        sumOfExps += FixedPoint.saturatingRoundingMultiplyByPOT(exp, -ACCUMULATION_INTEGER_BITS);
                    }
                }
                int logSumOfExps = FixedPointMath.logXForXGreaterThanOrEqualTo1(sumOfExps,
                        ACCUMULATION_INTEGER_BITS, SCALED_DIFF_INTEGER_BITS);
                int shiftedLogSum = logSumOfExps + Integer.MIN_VALUE;
                int adjustedDiffMin = Math.max(diffMin - 1, FixedPoint.multiplyByQuantizedMultiplier(shiftedLogSum,
                        reverseScalingDivisor, reverseScalingLeftShift));
                for (int c = 0; c < depth; c++) {
                    int diff = in.getInt8(base + c) - maxInRow;
                    int r;
                    if (diff > adjustedDiffMin) {
                        int diffQ5 = FixedPoint.multiplyByQuantizedMultiplier(diff, inputMultiplier, inputLeftShift);
                        r = FixedPoint.roundingDivideByPOT(diffQ5 - logSumOfExps,
                                31 - SCALED_DIFF_INTEGER_BITS - OUTPUT_INTEGER_BITS) + Byte.MAX_VALUE;
                        r = Math.max(Byte.MIN_VALUE, Math.min(Byte.MAX_VALUE, r));
                    } else {
                        r = Byte.MIN_VALUE;
                    }
                    out.setInt8(base + c, r);
                }
            }
        };
    }
}
