package dev.tflmstudio.runtime.kernels.math;

import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.TensorData;
import dev.tflmstudio.runtime.model.TensorType;

/**
 * CAST (TFLM {@code cast.cc}): a C++ {@code static_cast} per element, ignoring quantization. Inputs INT8, INT16,
 * INT32, UINT32, FLOAT32, BOOL; outputs INT8, INT16, INT32, UINT32, FLOAT32. Float to integer truncates toward zero
 * as x86-64's {@code cvttss2si} does (NaN and out-of-range give the "integer indefinite" 0x80000000, then narrow).
 * TFLM only logs an unsupported type and returns success, leaving the output untouched; so does this kernel.
 */
final class Cast {
    private Cast() {
    }

    static PreparedOp prepare(OpContext ctx) throws KernelException {
        ctx.ensureEq(ctx.inputCount(), 1, "NumInputs(node)", "1");
        ctx.ensureEq(ctx.outputCount(), 1, "NumOutputs(node)", "1");
        TensorData in = ctx.requireInput(0);
        TensorData out = ctx.output(0);
        ctx.check(in.elementCount() == out.elementCount(),
                "input " + in.shape() + " and output " + out.shape() + " sizes differ");
        if (!isSupported(in.type(), true)) {
            return ctx.refuseAtInvoke("Input type " + OpContext.typeAndCode(in.type()) + " not supported.");
        }
        if (!isSupported(out.type(), false)) {
            return ctx.refuseAtInvoke("Output type " + OpContext.typeAndCode(out.type()) + " not supported.");
        }
        int n = in.elementCount();
        TensorType from = in.type();
        TensorType to = out.type();
        if (isInt32Bits(from) && isInt32Bits(to)) {
            // int32 <-> uint32 (or to itself): static_cast keeps every bit, so this is a byte copy
            return () -> out.copyFrom(in);
        }
        if (from == TensorType.FLOAT32) {
            return () -> {
                for (int i = 0; i < n; i++) {
                    store(out, to, i, in.getFloat32(i));
                }
            };
        }
        if (from == TensorType.INT16 && isInt32Bits(to)) {
            // the audio front ends' casts (int16 features to int32 or float32, int32 to int8): no per-element type switch
            return () -> {
                for (int i = 0; i < n; i++) {
                    out.setInt32(i, in.getInt16(i));
                }
            };
        }
        if (from == TensorType.INT16 && to == TensorType.FLOAT32) {
            return () -> {
                for (int i = 0; i < n; i++) {
                    out.setFloat32(i, in.getInt16(i));
                }
            };
        }
        if (isInt32Bits(from) && to == TensorType.INT8) {
            return () -> {
                for (int i = 0; i < n; i++) {
                    out.setInt8(i, in.getInt32(i));
                }
            };
        }
        return () -> {
            for (int i = 0; i < n; i++) {
                store(out, to, i, readInteger(in, from, i));
            }
        };
    }

    private static boolean isInt32Bits(TensorType type) {
        return type == TensorType.INT32 || type == TensorType.UINT32;
    }

    private static boolean isSupported(TensorType type, boolean asInput) {
        return switch (type) {
            case INT8, INT16, INT32, UINT32, FLOAT32 -> true;
            case BOOL -> asInput;
            default -> false;
        };
    }

    private static long readInteger(TensorData t, TensorType type, int i) {
        return switch (type) {
            case INT8 -> t.getInt8(i);
            case INT16 -> t.getInt16(i);
            case INT32 -> t.getInt32(i);
            case UINT32 -> t.getInt32(i) & 0xffffffffL;
            default -> t.getBool(i) ? 1 : 0;
        };
    }

    private static void store(TensorData out, TensorType to, int i, long v) {
        switch (to) {
            case INT8 -> out.setInt8(i, (int) v);
            case INT16 -> out.setInt16(i, (int) v);
            case INT32, UINT32 -> out.setInt32(i, (int) v);
            default -> out.setFloat32(i, (float) v);
        }
    }

    private static void store(TensorData out, TensorType to, int i, float v) {
        switch (to) {
            case INT8 -> out.setInt8(i, truncate32(v));
            case INT16 -> out.setInt16(i, truncate32(v));
            case INT32 -> out.setInt32(i, truncate32(v));
            case UINT32 -> out.setInt32(i, (int) truncate64(v));
            default -> out.setFloat32(i, v);
        }
    }

    /** x86-64 {@code cvttss2si} to a 32-bit register. */
    static int truncate32(float v) {
        if (Float.isNaN(v) || v >= 0x1p31f || v < -0x1p31f) {
            return Integer.MIN_VALUE;
        }
        return (int) v;
    }

    /** x86-64 {@code cvttss2si} to a 64-bit register (how gcc converts a float to uint32_t). */
    static long truncate64(float v) {
        if (Float.isNaN(v) || v >= 0x1p63f || v < -0x1p63f) {
            return Long.MIN_VALUE;
        }
        return (long) v;
    }
}
