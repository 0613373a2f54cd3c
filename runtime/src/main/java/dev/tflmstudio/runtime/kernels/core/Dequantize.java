package dev.tflmstudio.runtime.kernels.core;

import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.TensorData;
import dev.tflmstudio.runtime.model.TensorType;

/**
 * DEQUANTIZE (micro/kernels/dequantize.cc): int8/uint8/int16 to float32, {@code (float) (scale * (q - zp))}
 * computed in double.
 */
public final class Dequantize {
    private Dequantize() {
    }

    public static PreparedOp prepare(OpContext ctx) throws KernelException {
        TensorData in = ctx.requireInput(0);
        TensorData out = ctx.output(0);
        TensorType t = in.type();
        ctx.ensure(t == TensorType.INT8 || t == TensorType.INT16 || t == TensorType.UINT8,
                "input->type == kTfLiteInt8 || input->type == kTfLiteInt16 || input->type == kTfLiteUInt8");
        ctx.ensure(out.type() == TensorType.FLOAT32, "output->type == kTfLiteFloat32");
        double scale = in.scale();
        int zp = in.zeroPoint();
        int n = out.elementCount();
        return () -> {
            for (int i = 0; i < n; i++) {
                out.setFloat32(i, (float) (scale * (Quantize.load(in, i) - zp)));
            }
        };
    }
}
