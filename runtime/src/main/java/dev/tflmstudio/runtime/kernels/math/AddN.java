package dev.tflmstudio.runtime.kernels.math;

import dev.tflmstudio.runtime.kernels.FixedPoint;
import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.TensorData;
import dev.tflmstudio.runtime.model.TensorType;

/**
 * ADD_N (TFLM {@code add_n.cc}): the element-wise sum of two or more same-shaped tensors. FLOAT32 sums from 0 in
 * input order; INT8 (all inputs sharing one quantization) sums the inputs rescaled to half their scale with 20 bits
 * of headroom, starting from the rescaled zero offset as TFLM does, then rescales to the output. TFLM requests a
 * scratch array of one data pointer per input (8 bytes each on the 64-bit reference host); so does this kernel,
 * to keep the memory plan identical.
 */
final class AddN {
    private static final int LEFT_SHIFT = 20;
    private static final int POINTER_BYTES = 8;

    private AddN() {
    }

    static PreparedOp prepare(OpContext ctx) throws KernelException {
        int count = ctx.inputCount();
        ctx.ensure(count >= 2, "num_inputs >= 2");
        ctx.check(ctx.outputCount() == 1, "expects 1 output");
        TensorData first = ctx.requireInput(0);
        TensorData out = ctx.output(0);
        ctx.check(out.type() == first.type(), "output type " + out.type() + " differs from input " + first.type());
        TensorData[] inputs = new TensorData[count];
        for (int j = 0; j < count; j++) {
            TensorData in = ctx.requireInput(j);
            ctx.check(in.shape().equals(first.shape()), "input " + j + " shape " + in.shape() + " differs from "
                    + first.shape());
            ctx.check(in.type() == first.type(), "input " + j + " type " + in.type() + " differs from "
                    + first.type());
            if (first.type() == TensorType.INT8) {
                ctx.check(in.zeroPoint() == first.zeroPoint() && in.scale() == first.scale(),
                        "input " + j + " quantization differs from input 0");
            }
            inputs[j] = in;
        }
        int n = out.elementCount();
        if (out.type() == TensorType.FLOAT32) {
            ctx.requestScratch(POINTER_BYTES * count);
            return () -> {
                for (int i = 0; i < n; i++) {
                    float x = 0;
                    for (TensorData in : inputs) {
                        x += in.getFloat32(i);
                    }
                    out.setFloat32(i, x);
                }
            };
        }
        ctx.check(out.type() == TensorType.INT8, "ADD_N only supports FLOAT32 and INT8, got " + out.type() + ".");
        ctx.requestScratch(POINTER_BYTES * count);
        double twiceInputScale = 2 * (double) first.scale();
        long qi = FixedPoint.quantizeMultiplier((double) first.scale() / twiceInputScale);
        long qo = FixedPoint.quantizeMultiplier(twiceInputScale / ((1 << LEFT_SHIFT) * (double) out.scale()));
        int inMult = FixedPoint.multiplierOf(qi);
        int inShift = FixedPoint.shiftOf(qi);
        int outMult = FixedPoint.multiplierOf(qo);
        int outShift = FixedPoint.shiftOf(qo);
        int inputOffset = -first.zeroPoint();
        int outputOffset = out.zeroPoint();
        int start = FixedPoint.multiplyByQuantizedMultiplierSmallerThanOneExp(inputOffset * (1 << LEFT_SHIFT),
                inMult, inShift);
        return () -> {
            for (int i = 0; i < n; i++) {
                int x = start;
                for (TensorData in : inputs) {
                    x += FixedPoint.multiplyByQuantizedMultiplierSmallerThanOneExp(
                            (inputOffset + in.getInt8(i)) * (1 << LEFT_SHIFT), inMult, inShift);
                }
                int r = FixedPoint.multiplyByQuantizedMultiplierSmallerThanOneExp(x, outMult, outShift)
                        + outputOffset;
                out.setInt8(i, FixedPoint.clampInt8(r));
            }
        };
    }
}
