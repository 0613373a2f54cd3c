package dev.tflmstudio.runtime.input;

import dev.tflmstudio.runtime.model.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * Reads one model input from a spec: {@code pattern} (the reference fill rule), {@code random} or
 * {@code random:SEED}, or a file: {@code .npy}, raw {@code .bin} (exactly the tensor's bytes), {@code .csv}
 * (numbers separated by commas or whitespace, raw values of the tensor's type, as the seanet goldens), images
 * ({@code .png}, {@code .bmp}, {@code .jpg}: exactly the tensor's [1,H,W,C]) and {@code .wav} (16-bit PCM; the
 * first samples), images and WAV through an {@link InputMapping}. Returns the tensor's raw bytes.
 */
public final class InputSources {
    private InputSources() {
    }

    /** {@link #load(String, Tensor, InputMapping)} with each file's default mapping. */
    public static byte[] load(String spec, Tensor tensor) throws InputException {
        return load(spec, tensor, null);
    }

    /**
     * The input's bytes from {@code spec}; {@code mapping} says how image and WAV values become elements (null:
     * {@link InputMapping#defaultFor}) and is not used by the other sources.
     */
    public static byte[] load(String spec, Tensor tensor, InputMapping mapping) throws InputException {
        String lower = spec.toLowerCase(Locale.ROOT);
        if (lower.equals("pattern")) {
            try {
                return PatternInput.bytesFor(tensor);
            } catch (IllegalArgumentException e) {
                throw new InputException(e.getMessage()); // a type the pattern has no values for
            }
        }
        if (lower.equals("random") || lower.startsWith("random:")) {
            long seed = 0;
            if (lower.startsWith("random:")) {
                try {
                    seed = Long.parseLong(spec.substring(7));
                } catch (NumberFormatException e) {
                    throw new InputException("random seed '" + spec.substring(7) + "' is not an integer");
                }
            }
            return random(tensor, seed);
        }
        Path path = Path.of(spec);
        try {
            if (lower.endsWith(".npy")) {
                return NpyReader.read(path, tensor);
            }
            if (lower.endsWith(".bin") || lower.endsWith(".raw")) {
                byte[] raw = Files.readAllBytes(path);
                long need = tensor.arenaBytes();
                if (raw.length != need) {
                    throw new InputException(path + ": " + raw.length + " bytes, " + tensor + " needs " + need);
                }
                return raw;
            }
            if (lower.endsWith(".csv") || lower.endsWith(".txt")) {
                return csv(path, tensor);
            }
            SampleKind kind = SampleKind.ofFile(lower);
            if (kind != null) {
                InputMapping m = mapping != null ? mapping : InputMapping.defaultFor(tensor, kind);
                // Refused before the file is read, so a wrong mapping is the one line the user sees.
                java.util.Optional<String> no = m.refusal(tensor, kind);
                if (no.isPresent()) {
                    throw new InputException(no.get());
                }
                int[] values = kind == SampleKind.PIXEL ? ImageInput.read(path, tensor) : WavInput.read(path, tensor);
                return m.encode(tensor, kind, values);
            }
        } catch (NoSuchFileException e) {
            throw new InputException("no such file: " + path);
        } catch (IOException e) {
            throw new InputException(path + ": " + e.getMessage());
        }
        throw new InputException("unknown input '" + spec
                + "' (expected pattern, random[:SEED], or a .npy/.bin/.csv/.png/.bmp/.wav file)");
    }

    private static byte[] csv(Path path, Tensor tensor) throws IOException, InputException {
        String text = Files.readString(path, StandardCharsets.UTF_8).trim();
        String[] parts = text.isEmpty() ? new String[0] : text.split("[,\\s]+");
        long n = tensor.elementCount();
        if (parts.length != n) {
            throw new InputException(path + ": " + parts.length + " values, " + tensor + " needs " + n);
        }
        ByteBuffer b = ByteBuffer.allocate((int) tensor.arenaBytes()).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < parts.length; i++) {
            try {
                switch (tensor.type()) {
                    case FLOAT32 -> b.putFloat(Float.parseFloat(parts[i]));
                    case INT8, UINT8, BOOL -> b.put((byte) Long.parseLong(parts[i]));
                    case INT16 -> b.putShort((short) Long.parseLong(parts[i]));
                    case INT32 -> b.putInt((int) Long.parseLong(parts[i]));
                    case INT64 -> b.putLong(Long.parseLong(parts[i]));
                    default -> throw new InputException(tensor + ": csv inputs of type " + tensor.type()
                            + " are not supported");
                }
            } catch (NumberFormatException e) {
                throw new InputException(path + ": value " + (i + 1) + " '" + parts[i] + "' is not a number");
            }
        }
        return b.array();
    }

    private static byte[] random(Tensor tensor, long seed) throws InputException {
        Random r = new Random(seed);
        int n = (int) tensor.elementCount();
        ByteBuffer b = ByteBuffer.allocate(n * Math.max(0, tensor.type().tflmByteSize()))
                .order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            switch (tensor.type()) {
                case FLOAT32 -> b.putFloat(r.nextFloat() * 2 - 1);
                // INT4: a runtime filter, one arena byte per element (TFLM reads the first half as packed pairs)
                case INT8, UINT8, BOOL, INT4 -> b.put((byte) r.nextInt(256));
                case INT16 -> b.putShort((short) r.nextInt(65536));
                case INT32 -> b.putInt(r.nextInt(2001) - 1000);
                case INT64 -> b.putLong(r.nextInt(2001) - 1000);
                default -> throw new InputException(tensor + ": random inputs of type " + tensor.type()
                        + " are not supported");
            }
        }
        return b.array();
    }
}
