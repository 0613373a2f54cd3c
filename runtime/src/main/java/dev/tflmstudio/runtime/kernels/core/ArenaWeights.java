package dev.tflmstudio.runtime.kernels.core;

import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.TensorData;
import dev.tflmstudio.runtime.model.TensorType;

/**
 * Filters and biases of CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED and TRANSPOSE_CONV that are not constants (a
 * DEQUANTIZE output, a model input). TFLM reads them at Eval; the kernels here copy weights into arrays in prepare,
 * so for these the arrays start empty (the arena is not bound in prepare) and are refilled from the arena before
 * every eval (a packed INT4 filter unpacked), and only the plain loops run on them (the fast paths reorder constant
 * weights once).
 */
final class ArenaWeights {
    private ArenaWeights() {
    }

    /** Whether any of {@code tensors} (nulls skipped) is read from the arena. */
    static boolean any(TensorData... tensors) {
        for (TensorData t : tensors) {
            if (t != null && !t.isConstant()) {
                return true;
            }
        }
        return false;
    }

    /** {@code step} after refilling: {@code refill} reads the arena tensors into the arrays {@code step} takes. */
    static PreparedOp refilling(Runnable refill, PreparedOp step) {
        return () -> {
            refill.run();
            step.eval();
        };
    }

    /** A FLOAT32 tensor's elements: a constant's now, an arena tensor's by {@link #read(TensorData, float[])}. */
    static float[] floats(TensorData t) {
        return t.isConstant() ? t.copyFloats() : new float[t.elementCount()];
    }

    /** A tensor's bytes: a constant's now, an arena tensor's by {@link #read(TensorData, byte[])}. */
    static byte[] bytes(TensorData t) {
        return t.isConstant() ? t.copyBytes() : new byte[t.byteLength()];
    }

    /** {@code n} int32 elements (zeros past the tensor's end), a constant's read now. */
    static int[] int32s(TensorData t, int n) {
        int[] out = new int[n];
        if (t != null && t.isConstant()) {
            readInt32s(t, out, 1);
        }
        return out;
    }

    /** {@code n} int64 elements (zeros past the tensor's end), a constant's read now. */
    static long[] int64s(TensorData t, int n) {
        long[] out = new long[n];
        if (t != null && t.isConstant()) {
            readInt64s(t, out, 1);
        }
        return out;
    }

    /**
     * Refills {@code out} from an arena tensor (a constant or null one is left as prepare read it); never past the
     * tensor's bytes (a hostile model's narrower bias), where TFLM's read is undefined.
     */
    static void read(TensorData t, float[] out) {
        if (t != null && !t.isConstant()) {
            for (int i = 0; i < out.length && 4L * i + 4 <= t.byteLength(); i++) {
                out[i] = t.getFloat32(i);
            }
        }
    }

    /** As {@link #read(TensorData, float[])}, for int8 elements; an INT4 tensor is unpacked ({@link Int4Filter}). */
    static void read(TensorData t, byte[] out) {
        if (t != null && !t.isConstant()) {
            if (t.type() == TensorType.INT4) {
                Int4Filter.unpack(t.buffer(), t.base(), out);
            } else {
                t.buffer().get(t.base(), out, 0, Math.min(out.length, t.byteLength()));
            }
        }
    }

    /** As {@link #read(TensorData, float[])}, for int32 elements. */
    static void readArenaInt32s(TensorData t, int[] out) {
        if (t != null && !t.isConstant()) {
            readInt32s(t, out, 4);
        }
    }

    /** As {@link #read(TensorData, float[])}, for int64 elements. */
    static void readArenaInt64s(TensorData t, long[] out) {
        if (t != null && !t.isConstant()) {
            readInt64s(t, out, 8);
        }
    }

    /**
     * As TFLM, which reads a bias as elements of the kernel's type whatever the tensor's type; element {@code i}
     * when its first {@code within} bytes lie in the tensor (a constant's last element may run past, as before).
     */
    private static void readInt32s(TensorData t, int[] out, int within) {
        for (int i = 0; i < out.length && 4L * i + within <= t.byteLength(); i++) {
            out[i] = t.getInt32(i);
        }
    }

    private static void readInt64s(TensorData t, long[] out, int within) {
        for (int i = 0; i < out.length && 8L * i + within <= t.byteLength(); i++) {
            out[i] = t.getInt64(i);
        }
    }
}
