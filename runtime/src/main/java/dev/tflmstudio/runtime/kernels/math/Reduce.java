package dev.tflmstudio.runtime.kernels.math;

import dev.tflmstudio.runtime.kernels.AxisMap;
import dev.tflmstudio.runtime.kernels.FixedPoint;
import dev.tflmstudio.runtime.kernels.Kernel;
import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.ScratchBuffer;
import dev.tflmstudio.runtime.kernels.TensorData;
import dev.tflmstudio.runtime.model.TensorType;
import java.nio.ByteBuffer;

/**
 * SUM, REDUCE_MAX and REDUCE_MIN over the axes in the second input (TFLM {@code reduce.cc},
 * {@code reduce_common.cc}). Inputs are visited in row-major order, each folded into the output element it reduces
 * to, as TFLM's generic {@code Reduce}. SUM: FLOAT32 in float; INT8/INT16 accumulate raw values in int32 (in the
 * arena scratch accumulator TFLM requests), subtract zero point times count and rescale s_in/s_out. MAX/MIN:
 * FLOAT32 and INT8 (same input and output quantization, checked at invoke); other types fail at invoke. The scratch
 * requests replay TFLM's so the memory plan matches.
 */
final class Reduce {
    enum Kind {
        SUM, REDUCE_MAX, REDUCE_MIN
    }

    private Reduce() {
    }

    static Kernel kernel(Kind kind) {
        return ctx -> prepare(ctx, kind);
    }

    private static PreparedOp prepare(OpContext ctx, Kind kind) throws KernelException {
        ctx.ensureEq(ctx.inputCount(), 2, "node->inputs->size", "2");
        ctx.ensureEq(ctx.outputCount(), 1, "node->outputs->size", "1");
        TensorData in = ctx.requireInput(0);
        TensorData axis = ctx.requireInput(1);
        TensorData out = ctx.output(0);
        ctx.ensureTypesEq(axis.type(), TensorType.INT32, "axis->type", "kTfLiteInt32");
        TensorType type = in.type();
        boolean quantizedSum = kind == Kind.SUM && (type == TensorType.INT8 || type == TensorType.INT16);
        ScratchBuffer accumulator = quantizedSum ? ctx.requestScratch(4 * out.elementCount()) : null;
        ctx.requestScratch(4 * in.rank());
        ctx.requestScratch(4 * axis.elementCount());
        AxisMap axes = new AxisMap(in.dims(), axis);
        // an axis outside the input: ReduceGeneric's failure, which TFLM's Eval returns (its integer SUM drops it)
        KernelException badAxis = ctx.evalFailure(reduceGenericFailed(type == TensorType.INT8 ? "int8_t" : "float",
                kind == Kind.SUM ? "0.f, [](const float current, const float in) -> float { return in + current; }"
                        : "reducer.initialValue(), reducer.compare()"));
        int n = in.elementCount();
        int outCount = out.elementCount();
        if (kind == Kind.SUM) {
            switch (type) {
                case FLOAT32:
                    return () -> {
                        axes.resolve(badAxis);
                        axes.requireOutput(ctx, outCount);
                        for (int o = 0; o < outCount; o++) {
                            out.setFloat32(o, 0f);
                        }
                        for (int i = 0; i < n; i++) {
                            int o = axes.next();
                            out.setFloat32(o, in.getFloat32(i) + out.getFloat32(o));
                        }
                    };
                case INT8:
                case INT16:
                    return quantizedSum(ctx, in, out, axes, accumulator);
                default:
                    return refuse(ctx, "Only float32, int8, and int16 types are supported.");
            }
        }
        boolean max = kind == Kind.REDUCE_MAX;
        switch (type) {
            case FLOAT32:
                return () -> {
                    axes.resolve(badAxis);
                    axes.requireOutput(ctx, outCount);
                    float init = max ? -Float.MAX_VALUE : Float.MAX_VALUE;
                    for (int o = 0; o < outCount; o++) {
                        out.setFloat32(o, init);
                    }
                    for (int i = 0; i < n; i++) {
                        int o = axes.next();
                        float v = in.getFloat32(i);
                        float current = out.getFloat32(o);
                        out.setFloat32(o, (max ? v > current : v < current) ? v : current);
                    }
                };
            case INT8: {
                // TFLM prints the two doubles with %d, which shows no number we could reproduce
                KernelException mismatch = in.scale() != out.scale()
                        ? ctx.evalFailure("static_cast<double>(op_data->input_scale) != "
                                + "static_cast<double>(op_data->output_scale) (" + in.scale() + " != " + out.scale() + ")")
                        : ctx.evalFailure("op_data->input_zp != op_data->output_zp (" + in.zeroPoint() + " != "
                                + out.zeroPoint() + ")");
                boolean sameQuantization = in.scale() == out.scale() && in.zeroPoint() == out.zeroPoint();
                return () -> {
                    if (!sameQuantization) {
                        throw mismatch;
                    }
                    axes.resolve(badAxis);
                    axes.requireOutput(ctx, outCount);
                    int init = max ? Byte.MIN_VALUE : Byte.MAX_VALUE;
                    for (int o = 0; o < outCount; o++) {
                        out.setInt8(o, init);
                    }
                    for (int i = 0; i < n; i++) {
                        int o = axes.next();
                        int v = in.getInt8(i);
                        int current = out.getInt8(o);
                        out.setInt8(o, (max ? v > current : v < current) ? v : current);
                    }
                };
            }
            default:
                return refuse(ctx, "Only float32 and int8 types are supported.");
        }
    }

    private static PreparedOp refuse(OpContext ctx, String message) {
        KernelException e = ctx.evalFailure(message);
        return () -> {
            throw e;
        };
    }

    /** TFLM's words when {@code reference_ops::ReduceGeneric<type>(..., tail)} returns false. */
    private static String reduceGenericFailed(String type, String tail) {
        return "reference_ops::ReduceGeneric<" + type + ">( tflite::micro::GetTensorData<" + type + ">(input), "
                + "input->dims->data, input->dims->size, tflite::micro::GetTensorData<" + type + ">(output), "
                + "output->dims->data, output->dims->size, tflite::micro::GetTensorData<int>(axis), num_axis, "
                + "params->keep_dims, input_iter, resolved_axis, " + tail + ") was not true.";
    }

    /**
     * int8/int16 SUM ({@code QuantizedMeanOrSum}, compute_sum): TFLM drops its status, so an axis outside the
     * input leaves the output as its reset left it (zeros) and the op runs on, as MEAN's.
     */
    private static PreparedOp quantizedSum(OpContext ctx, TensorData in, TensorData out, AxisMap axes,
                                           ScratchBuffer accumulator) {
        boolean int16 = in.type() == TensorType.INT16;
        long q = FixedPoint.quantizeMultiplier((double) in.scale() / (double) out.scale());
        int multiplier = FixedPoint.multiplierOf(q);
        int shift = FixedPoint.shiftOf(q);
        int inputZeroPoint = in.zeroPoint();
        int outputZeroPoint = out.zeroPoint();
        int min = int16 ? Short.MIN_VALUE : Byte.MIN_VALUE;
        int max = int16 ? Short.MAX_VALUE : Byte.MAX_VALUE;
        int n = in.elementCount();
        int outCount = out.elementCount();
        KernelException badAxis = ctx.evalFailure("axis outside the input");
        return () -> {
            try {
                axes.resolve(badAxis);
            } catch (KernelException outsideInput) {
                for (int o = 0; o < outCount; o++) {
                    if (int16) {
                        out.setInt16(o, 0);
                    } else {
                        out.setInt8(o, 0);
                    }
                }
                return;
            }
            axes.requireOutput(ctx, outCount);
            ByteBuffer acc = accumulator.buffer();
            int base = accumulator.base();
            for (int o = 0; o < outCount; o++) {
                acc.putInt(base + 4 * o, 0);
            }
            for (int i = 0; i < n; i++) {
                int at = base + 4 * axes.next();
                acc.putInt(at, acc.getInt(at) + (int16 ? in.getInt16(i) : in.getInt8(i)));
            }
            long count = axes.reducedCount();
            if (count == 0) {
                return;
            }
            for (int o = 0; o < outCount; o++) {
                int shifted = (int) (acc.getInt(base + 4 * o) - inputZeroPoint * count);
                int r = FixedPoint.multiplyByQuantizedMultiplier(shifted, multiplier, shift) + outputZeroPoint;
                r = Math.min(max, Math.max(min, r));
                if (int16) {
                    out.setInt16(o, r);
                } else {
                    out.setInt8(o, r);
                }
            }
        };
    }
}
