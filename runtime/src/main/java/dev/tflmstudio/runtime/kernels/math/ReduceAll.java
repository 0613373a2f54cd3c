package dev.tflmstudio.runtime.kernels.math;

import dev.tflmstudio.runtime.kernels.AxisMap;
import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.TensorData;
import dev.tflmstudio.runtime.model.TensorType;

/**
 * REDUCE_ALL (TFLM {@code reduce.cc}): logical AND of BOOL input elements over the axes in the second input. Each
 * output starts true and every input element is folded into the output it reduces to, in row-major order, as
 * TFLM's generic {@code ReduceGeneric}. Requests the same two scratch buffers as REDUCE_MAX/MIN (index and resolved
 * axes), so the plan matches.
 */
final class ReduceAll {
    private ReduceAll() {
    }

    static PreparedOp prepare(OpContext ctx) throws KernelException {
        ctx.ensureEq(ctx.inputCount(), 2, "node->inputs->size", "2");
        ctx.ensureEq(ctx.outputCount(), 1, "node->outputs->size", "1");
        TensorData in = ctx.requireInput(0);
        TensorData axis = ctx.requireInput(1);
        TensorData out = ctx.output(0);
        ctx.ensureTypesEq(in.type(), TensorType.BOOL, "input->type", "kTfLiteBool");
        ctx.ensureTypesEq(axis.type(), TensorType.INT32, "axis->type", "kTfLiteInt32");
        ctx.requestScratch(4 * in.rank());
        ctx.requestScratch(4 * axis.elementCount());
        if (in.type() != TensorType.BOOL || out.type() != TensorType.BOOL) {
            KernelException e = ctx.evalFailure("Only bool types are supported, got " + in.type());
            return () -> {
                throw e;
            };
        }
        int n = in.elementCount();
        int outCount = out.elementCount();
        AxisMap axes = new AxisMap(in.dims(), axis);
        KernelException badAxis = ctx.evalFailure("axis out of range for input " + in.shape());
        return () -> {
            axes.resolve(badAxis);
            axes.requireOutput(ctx, outCount);
            for (int o = 0; o < outCount; o++) {
                out.setBool(o, true);
            }
            for (int i = 0; i < n; i++) {
                int o = axes.next();
                out.setBool(o, out.getBool(o) && in.getBool(i));
            }
        };
    }
}
