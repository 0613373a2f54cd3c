package dev.tflmstudio.runtime.kernels.math;

import dev.tflmstudio.runtime.kernels.FixedPoint;
import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.LibmFloat;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.TensorData;

/**
 * ELU (TFLM {@code elu.cc}): FLOAT32 is {@code x < 0 ? expm1f(x) : x}; INT8 looks up a 256-entry table built in
 * prepare from {@code expf(x) - 1} on the dequantized input, requantized with {@code roundf}. Other types (INT16
 * included) fail at invoke, as in TFLM.
 */
final class Elu {
    private Elu() {
    }

    static PreparedOp prepare(OpContext ctx) throws KernelException {
        ctx.check(ctx.inputCount() == 1 && ctx.outputCount() == 1, "expects 1 input and 1 output");
        TensorData in = ctx.requireInput(0);
        TensorData out = ctx.output(0);
        ctx.check(in.type() == out.type(), "input type " + in.type() + " differs from output type " + out.type());
        int n = in.elementCount();
        switch (in.type()) {
            case FLOAT32:
                return () -> {
                    for (int i = 0; i < n; i++) {
                        float x = in.getFloat32(i);
                        out.setFloat32(i, x < 0.0f ? LibmFloat.expm1(x) : x);
                    }
                };
            case INT8:
                byte[] table = table(in.scale(), in.zeroPoint(), out.scale(), out.zeroPoint());
                return () -> {
                    for (int i = 0; i < n; i++) {
                        out.setInt8(i, table[in.getInt8(i) & 0xFF]);
                    }
                };
            default:
                KernelException e = ctx.evalFailure("ELU only supports float32 and int8 currently, got "
                        + in.type() + ".");
                return () -> {
                    throw e;
                };
        }
    }

    /** TFLM's PopulateLookupTable, indexed by the input byte as unsigned. */
    private static byte[] table(float inScale, int inZeroPoint, float outScale, int outZeroPoint) {
        byte[] table = new byte[256];
        float inverseScale = 1 / outScale;
        for (int val = -128; val <= 127; val++) {
            float dequantized = inScale * (val - inZeroPoint);
            float transformed = dequantized < 0.0f ? LibmFloat.exp(dequantized) - 1.0f : dequantized;
            float rescaled = FixedPoint.roundf(transformed * inverseScale);
            int quantized = (int) (rescaled + outZeroPoint);
            table[val & 0xFF] = (byte) Math.max(-128, Math.min(127, quantized));
        }
        return table;
    }
}
