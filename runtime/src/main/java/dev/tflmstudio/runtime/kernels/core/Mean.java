package dev.tflmstudio.runtime.kernels.core;

import dev.tflmstudio.runtime.kernels.AxisMap;
import dev.tflmstudio.runtime.kernels.FixedPoint;
import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.TensorData;
import dev.tflmstudio.runtime.model.TensorType;

/**
 * MEAN (micro/kernels/reduce_common.cc): float32 sums in row-major input order then divides by the element count;
 * int8/int16 sum into int32 ({@code QuantizedMeanOrSumExtraArgs}) with the count folded into the multiplier.
 * Requests TFLM's scratch buffers (accumulator, iteration index, resolved axes) so the plan matches. The axis is
 * read at eval, as TFLM's Eval does ({@link AxisMap}): it may be another op's output. An axis outside the input
 * fails float32 at invoke; the integer kernels, whose failed status TFLM drops, leave the output as TFLM's reset
 * left it (zeros) and run on.
 */
public final class Mean {
    private static final String FLOAT_MEAN = "reference_ops::Mean( tflite::micro::GetTensorData<float>(input), "
            + "input->dims->data, input->dims->size, tflite::micro::GetTensorData<float>(output), "
            + "output->dims->data, output->dims->size, tflite::micro::GetTensorData<int>(axis), num_axis, "
            + "params->keep_dims, input_iter, resolved_axis, tflite::micro::GetTensorData<float>(output)) was not "
            + "true.";

    private Mean() {
    }

    public static PreparedOp prepare(OpContext ctx) throws KernelException {
        TensorData input = ctx.requireInput(0);
        TensorData axis = ctx.requireInput(1);
        TensorData output = ctx.output(0);
        ctx.ensureEq(ctx.inputCount(), 2, "node->inputs->size", "2");
        ctx.ensureEq(ctx.outputCount(), 1, "node->outputs->size", "1");
        ctx.ensureTypesEq(axis.type(), TensorType.INT32, "axis->type", "kTfLiteInt32");
        int rank = input.rank();
        TensorType t = input.type();
        if (t == TensorType.INT8 || t == TensorType.INT16) {
            ctx.requestScratch(4 * output.elementCount());
        }
        ctx.requestScratch(4 * rank);
        ctx.requestScratch(4 * axis.elementCount());
        if (t != TensorType.FLOAT32 && t != TensorType.INT8 && t != TensorType.INT16) {
            return ctx.refuseAtInvoke("Currently, only float32, int8 or int16 input type is supported.");
        }
        AxisMap axes = new AxisMap(input.dims(), axis);
        KernelException badAxis = ctx.evalFailure(FLOAT_MEAN);
        int n = input.elementCount();
        int outputs = output.elementCount();
        if (t == TensorType.FLOAT32) {
            float[] sum = new float[outputs];
            return () -> {
                axes.resolve(badAxis);
                axes.requireOutput(ctx, outputs);
                long elements = axes.reducedCount();
                java.util.Arrays.fill(sum, 0f);
                for (int i = 0; i < n; i++) {
                    sum[axes.next()] += input.getFloat32(i);
                }
                for (int o = 0; o < outputs; o++) {
                    output.setFloat32(o, elements == 0 ? 0f : sum[o] / (float) elements);
                }
            };
        }
        if (n == 0) {
            // an empty input: TFLM's integer mean writes nothing
            return () -> {
            };
        }
        long q = FixedPoint.quantizeMultiplier((double) input.scale() / (double) output.scale());
        int multiplier = FixedPoint.multiplierOf(q);
        int shift = FixedPoint.shiftOf(q);
        boolean int16 = t == TensorType.INT16;
        int inZp = input.zeroPoint();
        int outZp = output.zeroPoint();
        int lo = int16 ? Short.MIN_VALUE : Byte.MIN_VALUE;
        int hi = int16 ? Short.MAX_VALUE : Byte.MAX_VALUE;
        int[] sum = new int[outputs];
        return () -> {
            // TFLM resets the output before it resolves the axis
            for (int o = 0; o < outputs; o++) {
                if (int16) {
                    output.setInt16(o, 0);
                } else {
                    output.setInt8(o, 0);
                }
            }
            try {
                axes.resolve(badAxis);
            } catch (KernelException outsideInput) {
                return; // TFLM logs "result was not true." and drops the status
            }
            axes.requireOutput(ctx, outputs);
            int elements = (int) axes.reducedCount();
            int s = Math.min(63 - Long.numberOfLeadingZeros(elements), 32);
            s = Math.min(s, 31 + shift);
            int m = (int) (((long) multiplier << s) / elements);
            int sh = shift - s;
            java.util.Arrays.fill(sum, 0);
            for (int i = 0; i < n; i++) {
                sum[axes.next()] += int16 ? input.getInt16(i) : input.getInt8(i);
            }
            for (int o = 0; o < outputs; o++) {
                int v = FixedPoint.multiplyByQuantizedMultiplier(sum[o] - inZp * elements, m, sh) + outZp;
                v = Math.min(Math.max(v, lo), hi);
                if (int16) {
                    output.setInt16(o, v);
                } else {
                    output.setInt8(o, v);
                }
            }
        };
    }
}
