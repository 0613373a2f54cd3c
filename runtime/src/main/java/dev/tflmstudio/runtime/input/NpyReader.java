package dev.tflmstudio.runtime.input;

import dev.tflmstudio.runtime.model.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads NumPy {@code .npy} files (format 1.0-3.0, C order). An array whose dtype is the tensor's type is taken
 * byte for byte; a float array for a quantized tensor is quantized with the tensor's scale and zero point.
 */
final class NpyReader {
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");

    private NpyReader() {
    }

    static byte[] read(Path path, Tensor tensor) throws IOException, InputException {
        byte[] all = Files.readAllBytes(path);
        if (all.length < 10 || all[0] != (byte) 0x93 || all[1] != 'N' || all[2] != 'U') {
            throw new InputException(path + ": not a .npy file");
        }
        int major = all[6];
        int headerLen;
        int start;
        ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        if (major == 1) {
            headerLen = b.getShort(8) & 0xFFFF;
            start = 10;
        } else {
            headerLen = b.getInt(8);
            start = 12;
        }
        String header = new String(all, start, headerLen, StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(header);
        Matcher f = FORTRAN.matcher(header);
        if (!d.find()) {
            throw new InputException(path + ": no dtype in the .npy header");
        }
        if (f.find() && f.group(1).equals("True")) {
            throw new InputException(path + ": Fortran-order arrays are not supported");
        }
        String descr = d.group(1);
        if (descr.startsWith(">")) {
            throw new InputException(path + ": big-endian arrays are not supported");
        }
        String kind = descr.substring(1);
        int dataStart = start + headerLen;
        int dataLen = all.length - dataStart;
        String tensorKind = switch (tensor.type()) {
            case FLOAT32 -> "f4";
            case INT8 -> "i1";
            case UINT8 -> "u1";
            case INT16 -> "i2";
            case INT32 -> "i4";
            case INT64 -> "i8";
            case BOOL -> "b1";
            default -> "?";
        };
        if (kind.equals(tensorKind)) {
            if (dataLen != tensor.arenaBytes()) {
                throw new InputException(path + ": " + dataLen + " bytes of " + descr + " data, " + tensor
                        + " needs " + tensor.arenaBytes());
            }
            byte[] out = new byte[dataLen];
            System.arraycopy(all, dataStart, out, 0, dataLen);
            return out;
        }
        int width = switch (kind) {
            case "f4", "i4", "u4" -> 4;
            case "f8", "i8" -> 8;
            case "i2", "u2" -> 2;
            case "i1", "u1", "b1" -> 1;
            default -> throw new InputException(path + ": dtype " + descr + " is not supported");
        };
        double[] values = new double[dataLen / width];
        for (int i = 0; i < values.length; i++) {
            int at = dataStart + i * width;
            values[i] = switch (kind) {
                case "f4" -> b.getFloat(at);
                case "f8" -> b.getDouble(at);
                case "i4" -> b.getInt(at);
                case "u4" -> b.getInt(at) & 0xFFFFFFFFL;
                case "i8" -> b.getLong(at);
                case "i2" -> b.getShort(at);
                case "u2" -> b.getShort(at) & 0xFFFF;
                case "i1" -> b.get(at);
                default -> b.get(at) & 0xFF;
            };
        }
        return ValueEncoder.encode(tensor, values);
    }
}
