package dev.tflmstudio.runtime.input;

import dev.tflmstudio.runtime.model.Tensor;
import dev.tflmstudio.runtime.model.TensorType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;
import java.util.Optional;

/**
 * How the values of an image or WAV file become a model input's elements.
 *
 * <ul>
 *   <li>{@link #RAW}: each value stored as the input's type, as a C cast does; a pixel into an int8 input is its
 *       byte copied (128..255 read as p-256), which is what TFLM's example tests do ({@code memcpy} of the image's
 *       bytes into {@code input->data.int8}).</li>
 *   <li>{@link #UNIT}: the file's range onto the real range 0..1 (p/255), then quantized with the input's scale
 *       and zero point (float inputs take the real value).</li>
 *   <li>{@link #SIGNED}: onto -1..1 (p/127.5-1, s/32768), then quantized the same way.</li>
 *   <li>{@link #QUANTIZED}: the file's range onto the input type's whole integer range (pixel p -> int8 p-128,
 *       uint8 p; sample s -> int16 s, int8 floor(s/256)): the value is then (q - zero point) * scale.</li>
 * </ul>
 */
public enum InputMapping {
    RAW, UNIT, SIGNED, QUANTIZED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static InputMapping fromId(String id) throws InputException {
        for (InputMapping m : values()) {
            if (m.id().equals(id.trim().toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        throw new InputException("unknown input mapping '" + id + "' (expected raw, unit, signed or quantized)");
    }

    /**
     * The mapping used when none is asked for: raw where the file's values fit the integer input type (so a
     * person_detect image runs as TFLM's test runs it), 0..1 for images and -1..1 for audio into float inputs,
     * the whole-range mapping otherwise (16-bit audio into an 8-bit input).
     */
    public static InputMapping defaultFor(Tensor tensor, SampleKind kind) {
        if (tensor.type().isFloat()) {
            return kind == SampleKind.PIXEL ? UNIT : SIGNED;
        }
        return RAW.refusal(tensor, kind).isEmpty() ? RAW : QUANTIZED;
    }

    /** Why this mapping cannot fill {@code tensor} from {@code kind} values, if it cannot. */
    public Optional<String> refusal(Tensor tensor, SampleKind kind) {
        TensorType type = tensor.type();
        if (type != TensorType.FLOAT32 && bits(type) == 0) {
            return Optional.of(tensor + ": " + type + " inputs cannot be read from a media file");
        }
        return switch (this) {
            case RAW -> type == TensorType.FLOAT32 || rawFits(type, kind) ? Optional.empty()
                    : Optional.of("raw cannot store 16-bit samples in " + type + " (" + tensor
                            + "): pick the quantized, unit or signed mapping");
            case UNIT, SIGNED -> type == TensorType.FLOAT32 || tensor.isQuantized() ? Optional.empty()
                    : Optional.of(id() + " needs a float or quantized input, " + tensor + " is unquantized " + type);
            case QUANTIZED -> type == TensorType.FLOAT32
                    ? Optional.of("quantized needs an integer input, " + tensor
                            + " is FLOAT32: pick the unit or signed mapping")
                    : Optional.empty();
        };
    }

    /** One line saying what a value of the file becomes, e.g. {@code pixel p -> int8 p-128}. */
    public String describe(Tensor tensor, SampleKind kind) {
        Optional<String> no = refusal(tensor, kind);
        if (no.isPresent()) {
            return id() + ": not possible (" + no.get() + ")";
        }
        String v = kind.symbol();
        String type = tensor.type().name().toLowerCase(Locale.ROOT);
        String head = kind.noun() + " " + v + " -> ";
        return switch (this) {
            case RAW -> head + type + " " + v + (signedWraps(tensor.type(), kind)
                    ? " (its byte copied, as TFLM's tests do: " + v + " > 127 reads as " + v + "-256)" : "");
            case UNIT, SIGNED -> head + (tensor.isQuantized() ? "x = " + realText(kind) + quantizeText(tensor, type)
                    : type + " " + realText(kind));
            case QUANTIZED -> head + type + " " + wholeRangeText(tensor.type(), kind) + realOfQ(tensor);
        };
    }

    /** The input's raw little-endian bytes for {@code values} (of {@code kind}'s range). */
    public byte[] encode(Tensor tensor, SampleKind kind, int[] values) throws InputException {
        Optional<String> no = refusal(tensor, kind);
        if (no.isPresent()) {
            throw new InputException(no.get());
        }
        int n = (int) tensor.elementCount();
        if (values.length != n) {
            throw new InputException(tensor + " needs " + n + " values, got " + values.length);
        }
        if (this == UNIT || this == SIGNED) {
            double[] real = new double[n];
            double span = kind.max() - kind.min();
            for (int i = 0; i < n; i++) {
                real[i] = this == UNIT ? (values[i] - kind.min()) / span
                        : kind == SampleKind.PIXEL ? values[i] / 127.5 - 1 : values[i] / 32768.0;
            }
            return ValueEncoder.encode(tensor, real);
        }
        TensorType type = tensor.type();
        ByteBuffer b = ByteBuffer.allocate(n * type.tflmByteSize()).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            long q = this == RAW ? v : wholeRange(type, kind, v);
            switch (type) {
                case FLOAT32 -> b.putFloat(v);
                case INT8, UINT8 -> b.put((byte) q);
                case INT16, UINT16 -> b.putShort((short) q);
                case INT32, UINT32 -> b.putInt((int) q);
                default -> b.putLong(q);
            }
        }
        return b.array();
    }

    private static int bits(TensorType type) {
        return switch (type) {
            case INT8, UINT8 -> 8;
            case INT16, UINT16 -> 16;
            case INT32, UINT32 -> 32;
            case INT64 -> 64;
            default -> 0;
        };
    }

    private static boolean unsigned(TensorType type) {
        return type == TensorType.UINT8 || type == TensorType.UINT16 || type == TensorType.UINT32;
    }

    private static boolean rawFits(TensorType type, SampleKind kind) {
        return bits(type) >= (kind == SampleKind.PIXEL ? 8 : 16) && !(kind == SampleKind.AUDIO && unsigned(type));
    }

    private static boolean signedWraps(TensorType type, SampleKind kind) {
        return kind == SampleKind.PIXEL && type == TensorType.INT8;
    }

    /** The file's range onto the type's range: q = qmin + floor((v - min) * 2^bits / 2^kindBits). */
    private static long wholeRange(TensorType type, SampleKind kind, int v) {
        int kindBits = kind == SampleKind.PIXEL ? 8 : 16;
        int typeBits = Math.min(bits(type), 63);
        long qmin = unsigned(type) ? 0 : -(1L << (typeBits - 1));
        long offset = (long) v - kind.min();
        long scaled = typeBits >= kindBits ? offset << (typeBits - kindBits) : offset >> (kindBits - typeBits);
        return qmin + scaled;
    }

    private static String wholeRangeText(TensorType type, SampleKind kind) {
        String v = kind.symbol();
        long at0 = wholeRange(type, kind, 0);
        long at1 = wholeRange(type, kind, 1);
        long step = at1 - at0;
        if (step == 0) {
            // Several file values per integer step (16-bit audio into 8 bits).
            int kindBits = kind == SampleKind.PIXEL ? 8 : 16;
            String floor = "floor(" + v + "/" + (1 << (kindBits - bits(type))) + ")";
            return at0 == 0 ? floor : floor + signed(at0);
        }
        String base = step == 1 ? v : v + "*" + step;
        return at0 == 0 ? base : base + signed(at0);
    }

    private static String signed(long k) {
        return k < 0 ? "-" + (-k) : "+" + k;
    }

    private String realText(SampleKind kind) {
        String v = kind.symbol();
        if (this == UNIT) {
            return kind == SampleKind.PIXEL ? v + "/255" : "(" + v + "+32768)/65535";
        }
        return kind == SampleKind.PIXEL ? v + "/127.5-1" : v + "/32768";
    }

    private static String quantizeText(Tensor tensor, String type) {
        return String.format(Locale.ROOT, " -> %s round(x/%.6g)%s", type, tensor.quantization().scale(0),
                tensor.quantization().zeroPoint(0) == 0 ? "" : signed(tensor.quantization().zeroPoint(0)));
    }

    private static String realOfQ(Tensor tensor) {
        if (!tensor.isQuantized()) {
            return "";
        }
        return String.format(Locale.ROOT, " (real value (q%s)*%.6g)", signed(-tensor.quantization().zeroPoint(0)),
                tensor.quantization().scale(0));
    }
}
