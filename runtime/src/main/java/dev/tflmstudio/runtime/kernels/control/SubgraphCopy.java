package dev.tflmstudio.runtime.kernels.control;

import dev.tflmstudio.runtime.kernels.TensorData;
import java.nio.ByteBuffer;
import java.util.List;

/** Byte copies between op tensors, subgraph tensors and staging buffers (TFLM's memcpy between eval tensors). */
final class SubgraphCopy {
    private SubgraphCopy() {
    }

    /** Copies {@code from} into {@code to}, byte for byte ({@code from}'s length). */
    static void copy(TensorData from, TensorData to) {
        if (to.isConstant()) {
            return; // the model's read-only data; TFLM would write identical bytes back
        }
        int n = from.byteLength();
        if (from.array() != null) {
            System.arraycopy(from.array(), from.base(), to.array(), to.base(), n);
        } else {
            from.buffer().get(from.base(), to.array(), to.base(), n);
        }
    }

    /** Copies each of {@code from} into {@code to} in order (both lists equally long). */
    static void copyAll(List<TensorData> from, List<TensorData> to) {
        for (int i = 0; i < from.size(); i++) {
            copy(from.get(i), to.get(i));
        }
    }

    /** Appends the bytes of {@code tensors} into {@code staging}, one after another. */
    static void save(List<TensorData> tensors, byte[] staging) {
        int at = 0;
        for (TensorData t : tensors) {
            ByteBuffer b = t.buffer();
            b.get(t.base(), staging, at, t.byteLength());
            at += t.byteLength();
        }
    }

    /** Writes {@code staging} back into {@code tensors}, as {@link #save} laid it out. */
    static void restore(byte[] staging, List<TensorData> tensors) {
        int at = 0;
        for (TensorData t : tensors) {
            if (!t.isConstant()) {
                System.arraycopy(staging, at, t.array(), t.base(), t.byteLength());
            }
            at += t.byteLength();
        }
    }

    /** Total bytes of {@code tensors}. */
    static int bytes(List<TensorData> tensors) {
        int n = 0;
        for (TensorData t : tensors) {
            n += t.byteLength();
        }
        return n;
    }

    /** Null when every pair has the same type and byte length, else a message naming the first that differs. */
    static String mismatch(List<TensorData> ours, List<TensorData> theirs, String what) {
        for (int i = 0; i < ours.size(); i++) {
            TensorData a = ours.get(i);
            TensorData b = theirs.get(i);
            if (a.type() != b.type() || a.byteLength() != b.byteLength()) {
                return what + " " + i + ": " + a.type() + " (" + a.byteLength() + " bytes) vs " + b.type() + " ("
                        + b.byteLength() + " bytes)";
            }
        }
        return null;
    }
}
