package dev.tflmstudio.runtime.kernels.core;

import dev.tflmstudio.runtime.kernels.FixedPoint;
import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.TensorData;
import dev.tflmstudio.runtime.model.TensorType;

/**
 * SOFTMAX (micro/kernels/softmax.cc): float32 (expf per element, sum, divide), int8 to int8/int16 (gemmlowp
 * fixed point: exp on Q5.26 differences, Q12 accumulation, reciprocal), int16 to int16 (TFLM's 513-entry LUTs).
 */
public final class Softmax {
    private static final int SCALED_DIFF_INTEGER_BITS = 5;
    private static final int ACCUMULATION_INTEGER_BITS = 12;

    private Softmax() {
    }

    public static PreparedOp prepare(OpContext ctx) throws KernelException {
        TensorData input = ctx.requireInput(0);
        TensorData output = ctx.output(0);
        ctx.ensureEq(ctx.inputCount(), 1, "NumInputs(node)", "1");
        ctx.ensureEq(ctx.outputCount(), 1, "NumOutputs(node)", "1");
        ctx.ensure(input.rank() >= 1, "NumDimensions(input) >= 1");
        if (output.type() == TensorType.INT16) {
            ctx.ensure(input.type() == TensorType.INT8 || input.type() == TensorType.INT16,
                    "input->type == kTfLiteInt8 || input->type == kTfLiteInt16");
        } else {
            ctx.ensureEqTypeCodes(input.type(), output.type(), "input->type", "output->type");
        }
        if (input.type() == TensorType.INT16) {
            ctx.ensureEq(output.zeroPoint(), 0, "output->params.zero_point", "0");
            ctx.ensureEq(input.zeroPoint(), 0, "input->params.zero_point", "0");
            ctx.ensureNear(output.scale(), 1.f / 32768, 0.001f * 1.f / 32768, "output->params.scale", "1.f / 32768");
        }
        int depth = input.dim(input.rank() - 1);
        int outer = input.elementCount() / Math.max(1, depth);
        float beta = ctx.options().getFloat("beta", 1f);
        TensorType in = input.type();
        if (in == TensorType.FLOAT32) {
            ctx.ensureTypesEq(output.type(), TensorType.FLOAT32, "output->type", "kTfLiteFloat32");
            return () -> evalFloat(input, output, outer, depth, beta);
        }
        if (in == TensorType.INT8) {
            if (output.type() == TensorType.INT16) {
                ctx.ensureEq(output.zeroPoint(), -32768, "output->params.zero_point", "-32768");
                ctx.ensureNear(output.scale(), 1.f / 65536, 0.001f * 1.f / 65536, "output->params.scale",
                        "1.f / 65536");
            } else {
                ctx.ensureTypesEq(output.type(), TensorType.INT8, "output->type", "kTfLiteInt8");
                ctx.ensureEq(output.zeroPoint(), -128, "output->params.zero_point", "-128");
                ctx.ensure(output.scale() == 1f / 256, "output->params.scale == 1.f / 256");
            }
            double realMultiplier = Math.min((double) beta * (double) input.scale()
                    * (double) (1 << (31 - SCALED_DIFF_INTEGER_BITS)), (double) ((1L << 31) - 1));
            long q = FixedPoint.quantizeMultiplier(realMultiplier);
            int multiplier = FixedPoint.multiplierOf(q);
            int leftShift = FixedPoint.shiftOf(q);
            double maxInputRescaled = 1.0 * ((1 << SCALED_DIFF_INTEGER_BITS) - 1)
                    * (1L << (31 - SCALED_DIFF_INTEGER_BITS)) / (double) (1L << leftShift);
            int diffMin = (int) (-1.0 * (int) Math.floor(maxInputRescaled));
            boolean int16Out = output.type() == TensorType.INT16;
            return () -> evalInt8(input, output, outer, depth, multiplier, leftShift, diffMin, int16Out);
        }
        if (in == TensorType.INT16) {
            return SoftmaxInt16.prepare(ctx, input, output, outer, depth, beta);
        }
        ctx.ensureTypesEq(in, TensorType.FLOAT32, "input->type", "kTfLiteFloat32");
        throw ctx.fail("unreachable");
    }

    private static void evalFloat(TensorData in, TensorData out, int outer, int depth, float beta) {
        for (int i = 0; i < outer; i++) {
            int row = i * depth;
            float max = -Float.MAX_VALUE;
            for (int c = 0; c < depth; c++) {
                float v = in.getFloat32(row + c);
                max = max < v ? v : max;
            }
            float sum = 0f;
            for (int c = 0; c < depth; c++) {
                float e = (float) Math.exp((in.getFloat32(row + c) - max) * beta);
                out.setFloat32(row + c, e);
                sum += e;
            }
            for (int c = 0; c < depth; c++) {
                out.setFloat32(row + c, out.getFloat32(row + c) / sum);
            }
        }
    }

    private static void evalInt8(TensorData in, TensorData out, int outer, int depth, int multiplier, int leftShift,
                                 int diffMin, boolean int16Out) {
        int outBits = int16Out ? 16 : 8;
        int outMin = int16Out ? Short.MIN_VALUE : Byte.MIN_VALUE;
        int outMax = int16Out ? Short.MAX_VALUE : Byte.MAX_VALUE;
        for (int i = 0; i < outer; i++) {
            int row = i * depth;
            int max = Byte.MIN_VALUE;
            for (int c = 0; c < depth; c++) {
                max = Math.max(max, in.getInt8(row + c));
            }
            int sumOfExps = 0;
            for (int c = 0; c < depth; c++) {
                int diff = in.getInt8(row + c) - max;
                if (diff >= diffMin) {
                    int rescaled = FixedPoint.multiplyByQuantizedMultiplierGreaterThanOne(diff, multiplier, leftShift);
                    int exp = FixedPoint.expOnNegativeValues(rescaled, SCALED_DIFF_INTEGER_BITS);
                    sumOfExps += FixedPoint.roundingDivideByPOT(exp, ACCUMULATION_INTEGER_BITS);
                }
            }
            int headroomPlusOne = Integer.numberOfLeadingZeros(sumOfExps);
            int numBitsOverUnit = ACCUMULATION_INTEGER_BITS - headroomPlusOne;
            int shiftedSumMinusOne = (sumOfExps << headroomPlusOne) - (1 << 31);
            int shiftedScale = FixedPoint.oneOverOnePlusXForXIn01(shiftedSumMinusOne);
            for (int c = 0; c < depth; c++) {
                int diff = in.getInt8(row + c) - max;
                int v;
                if (diff >= diffMin) {
                    int rescaled = FixedPoint.multiplyByQuantizedMultiplierGreaterThanOne(diff, multiplier, leftShift);
                    int exp = FixedPoint.expOnNegativeValues(rescaled, SCALED_DIFF_INTEGER_BITS);
                    int unsat = FixedPoint.roundingDivideByPOT(
                            FixedPoint.saturatingRoundingDoublingHighMul(shiftedScale, exp),
                            numBitsOverUnit + 31 - outBits);
                    v = Math.max(Math.min(unsat + outMin, outMax), outMin);
                } else {
                    v = outMin;
                }
                if (int16Out) {
                    out.setInt16(row + c, v);
                } else {
                    out.setInt8(row + c, v);
                }
            }
        }
    }
}
