package dev.tflmstudio.app.tensors;

import dev.tflmstudio.runtime.interpreter.TensorSnapshot;
import dev.tflmstudio.runtime.model.TensorType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Tensor values as files: NumPy {@code .npy} (raw values, exact bytes) and CSV (raw and real side by side). */
public final class TensorExport {
    private TensorExport() {
    }

    /** The NumPy dtype of a type, little-endian; null where NumPy has none (int4, string, ...). */
    static String npyDescr(TensorType type) {
        return switch (type) {
            case FLOAT32 -> "<f4";
            case FLOAT16 -> "<f2";
            case FLOAT64 -> "<f8";
            case INT8 -> "|i1";
            case UINT8 -> "|u1";
            case INT16 -> "<i2";
            case UINT16 -> "<u2";
            case INT32 -> "<i4";
            case UINT32 -> "<u4";
            case INT64 -> "<i8";
            case UINT64 -> "<u8";
            case BOOL -> "|b1";
            case COMPLEX64 -> "<c8";
            case COMPLEX128 -> "<c16";
            default -> null;
        };
    }

    /** A version 1.0 {@code .npy} file holding the raw bytes with the tensor's shape. */
    public static byte[] npy(TensorSnapshot s) {
        String descr = npyDescr(s.tensor().type());
        if (descr == null) {
            throw new IllegalArgumentException("NumPy has no type for " + s.tensor().type());
        }
        int[] dims = s.tensor().shape().toArray();
        StringBuilder shape = new StringBuilder("(");
        for (int d : dims) {
            shape.append(d).append(", ");
        }
        if (dims.length > 1) {
            shape.setLength(shape.length() - 2);
        } else if (dims.length == 1) {
            shape.setLength(shape.length() - 1);
        }
        shape.append(')');
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
        // Magic (6) + version (2) + header length (2) + dict + padding + '\n' must be a multiple of 64.
        int unpadded = 10 + dict.length() + 1;
        int padded = (unpadded + 63) / 64 * 64;
        String header = dict + " ".repeat(padded - unpadded) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream(padded + s.raw().length);
        out.write(0x93);
        out.writeBytes("NUMPY".getBytes(StandardCharsets.US_ASCII));
        out.write(1);
        out.write(0);
        int len = header.length();
        out.write(len & 0xFF);
        out.write(len >>> 8);
        out.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(s.raw());
        return out.toByteArray();
    }

    /** CSV with one row per element: flat index, coordinates, raw value, real (dequantized) value. */
    public static String csv(TensorSnapshot s) {
        int[] dims = s.tensor().shape().toArray();
        StringBuilder sb = new StringBuilder();
        sb.append("index");
        for (int d = 0; d < dims.length; d++) {
            sb.append(",d").append(d);
        }
        sb.append(",raw,real\n");
        int[] coord = new int[dims.length];
        for (int i = 0; i < s.elementCount(); i++) {
            sb.append(i);
            for (int c : coord) {
                sb.append(',').append(c);
            }
            sb.append(',').append(RawValues.text(s, i)).append(',').append(realText(s.value(i))).append('\n');
            for (int d = dims.length - 1; d >= 0; d--) {
                if (++coord[d] < dims[d]) {
                    break;
                }
                coord[d] = 0;
            }
        }
        return sb.toString();
    }

    static String realText(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.9g", v);
    }
}
