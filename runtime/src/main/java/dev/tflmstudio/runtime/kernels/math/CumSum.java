package dev.tflmstudio.runtime.kernels.math;

import dev.tflmstudio.runtime.kernels.FixedPoint;
import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.TensorData;
import dev.tflmstudio.runtime.model.TensorType;

/**
 * CUMSUM along one axis (TFLM {@code cumsum.cc}), with the {@code exclusive} and {@code reverse} options. FLOAT32
 * accumulates in float; INT8 accumulates inputs rescaled to half the input scale with 20 bits of headroom, and
 * rescales every partial sum to the output. The axis (from its tensor, at invoke) must lie within the rank.
 */
final class CumSum {
    private static final int LEFT_SHIFT = 20;

    private CumSum() {
    }

    static PreparedOp prepare(OpContext ctx) throws KernelException {
        ctx.check(ctx.inputCount() == 2 && ctx.outputCount() == 1, "expects 2 inputs and 1 output");
        TensorData in = ctx.requireInput(0);
        TensorData axis = ctx.requireInput(1);
        TensorData out = ctx.output(0);
        ctx.ensure(in.type() == TensorType.FLOAT32 || in.type() == TensorType.INT8,
                "input->type == kTfLiteFloat32 || input->type == kTfLiteInt8");
        ctx.check(axis.type() == TensorType.INT32, "axis type must be INT32, got " + axis.type());
        ctx.check(axis.elementCount() == 1, "axis must have one element, has " + axis.elementCount());
        ctx.check(in.rank() >= 1, "input must have at least one dimension");
        ctx.check(in.type() == out.type(), "input type " + in.type() + " differs from output type " + out.type());
        ctx.check(in.shape().equals(out.shape()), "input " + in.shape() + " and output " + out.shape() + " differ");
        boolean exclusive = ctx.options().getBool("exclusive", false);
        boolean reverse = ctx.options().getBool("reverse", false);
        int[] dims = in.dims();
        boolean isFloat = in.type() == TensorType.FLOAT32;
        KernelException badAxis = ctx.evalFailure("CUMSUM Invalid axis");
        // INT8: both multipliers relative to twice the input scale, as TFLM's Prepare computes them.
        double twiceInputScale = 2 * (double) in.scale();
        long qi = FixedPoint.quantizeMultiplier((double) in.scale() / twiceInputScale);
        long qo = FixedPoint.quantizeMultiplier(twiceInputScale / ((1 << LEFT_SHIFT) * (double) out.scale()));
        int inMult = FixedPoint.multiplierOf(qi);
        int inShift = FixedPoint.shiftOf(qi);
        int outMult = FixedPoint.multiplierOf(qo);
        int outShift = FixedPoint.shiftOf(qo);
        int inputOffset = -in.zeroPoint();
        int outputOffset = out.zeroPoint();
        return () -> {
            int a = axis.getInt32(0);
            if (a < 0) {
                a += dims.length;
            }
            if (a < 0 || a >= dims.length) {
                throw badAxis;
            }
            int inner = 1;
            int outer = 1;
            int depth = dims[a];
            for (int i = 0; i < dims.length; i++) {
                if (i < a) {
                    inner *= dims[i];
                } else if (i > a) {
                    outer *= dims[i];
                }
            }
            for (int oi = 0; oi < outer; oi++) {
                int o = reverse ? outer - 1 - oi : oi;
                for (int ii = 0; ii < inner; ii++) {
                    int k = reverse ? inner - 1 - ii : ii;
                    float accF = 0;
                    int accQ = FixedPoint.multiplyByQuantizedMultiplierSmallerThanOneExp(
                            inputOffset * (1 << LEFT_SHIFT), inMult, inShift);
                    for (int di = 0; di < depth; di++) {
                        int d = reverse ? depth - 1 - di : di;
                        int index = o + k * depth * outer + d * outer;
                        if (isFloat) {
                            float v = in.getFloat32(index);
                            if (exclusive) {
                                out.setFloat32(index, accF);
                                accF += v;
                            } else {
                                accF += v;
                                out.setFloat32(index, accF);
                            }
                        } else {
                            int y = inputOffset + in.getInt8(index);
                            int scaled = FixedPoint.multiplyByQuantizedMultiplierSmallerThanOneExp(
                                    y * (1 << LEFT_SHIFT), inMult, inShift);
                            int partial;
                            if (exclusive) {
                                partial = accQ;
                                accQ += scaled;
                            } else {
                                accQ += scaled;
                                partial = accQ;
                            }
                            int r = FixedPoint.multiplyByQuantizedMultiplierSmallerThanOneExp(partial, outMult,
                                    outShift) + outputOffset;
                            out.setInt8(index, FixedPoint.clampInt8(r));
                        }
                    }
                }
            }
        };
    }
}
