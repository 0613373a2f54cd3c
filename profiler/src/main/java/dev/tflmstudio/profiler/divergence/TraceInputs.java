package dev.tflmstudio.profiler.divergence;

import dev.tflmstudio.runtime.input.PatternInput;
import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.model.Quantization;
import dev.tflmstudio.runtime.model.Tensor;
import dev.tflmstudio.runtime.model.TensorType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The inputs two models are traced with so that their tensors are comparable. Models whose inputs have the same
 * types and quantization get the reference pattern byte for byte (so checksums compare with TFLM's logs); otherwise
 * (an int8 model against its float original) both get the same real values, those of the first model's pattern,
 * quantized to each model's input type.
 */
public final class TraceInputs {
    private TraceInputs() {
    }

    /** Raw input bytes for {@code model}, one array per subgraph input, given the model it is compared with. */
    public static List<byte[]> forPair(Model model, Model reference) {
        List<Tensor> ins = inputs(model);
        List<Tensor> refIns = inputs(reference);
        if (sameEncoding(ins, refIns)) {
            return pattern(model);
        }
        if (ins.size() != refIns.size()) {
            throw new IllegalArgumentException("the models have " + ins.size() + " and " + refIns.size()
                    + " inputs, so they cannot get the same input");
        }
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < ins.size(); i++) {
            Tensor ref = refIns.get(i);
            Tensor own = ins.get(i);
            if (ref.elementCount() != own.elementCount()) {
                throw new IllegalArgumentException("input " + i + " has " + own.elementCount() + " elements here but "
                        + ref.elementCount() + " in the other model");
            }
            out.add(encode(own, decode(ref, PatternInput.bytesFor(ref))));
        }
        return out;
    }

    /** The reference pattern for every input of {@code model}. */
    public static List<byte[]> pattern(Model model) {
        return inputs(model).stream().map(PatternInput::bytesFor).toList();
    }

    /** True when both models take inputs of the same types, shapes and quantization (the same bytes fit both). */
    public static boolean sameInputEncoding(Model a, Model b) {
        return sameEncoding(inputs(a), inputs(b));
    }

    private static List<Tensor> inputs(Model model) {
        return model.main().inputs().stream().map(model.main()::tensor).toList();
    }

    private static boolean sameEncoding(List<Tensor> a, List<Tensor> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i).type() != b.get(i).type() || !a.get(i).shape().equals(b.get(i).shape())
                    || !Objects.equals(a.get(i).quantization(), b.get(i).quantization())) {
                return false;
            }
        }
        return true;
    }

    /** Real values of raw input bytes (dequantized when the tensor is quantized). */
    static float[] decode(Tensor t, byte[] raw) {
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        float[] v = new float[(int) t.elementCount()];
        Quantization q = t.isQuantized() ? t.quantization() : null;
        for (int i = 0; i < v.length; i++) {
            double x = switch (t.type()) {
                case FLOAT32 -> b.getFloat(4 * i);
                case INT8 -> b.get(i);
                case UINT8 -> b.get(i) & 0xFF;
                case INT16 -> b.getShort(2 * i);
                case INT32 -> b.getInt(4 * i);
                default -> throw new IllegalArgumentException(t + ": cannot convert input type " + t.type());
            };
            v[i] = q == null ? (float) x : (float) (q.scale(0) * (x - q.zeroPoint(0)));
        }
        return v;
    }

    /** Raw bytes of real values for tensor {@code t}: quantized with round-half-away and clamped to the type. */
    static byte[] encode(Tensor t, float[] values) {
        TensorType type = t.type();
        ByteBuffer b = ByteBuffer.allocate(values.length * type.tflmByteSize()).order(ByteOrder.LITTLE_ENDIAN);
        Quantization q = t.isQuantized() ? t.quantization() : null;
        for (float value : values) {
            if (type == TensorType.FLOAT32) {
                b.putFloat(value);
                continue;
            }
            long x = q == null ? Math.round(value) : Math.round(value / q.scale(0)) + q.zeroPoint(0);
            switch (type) {
                case INT8 -> b.put((byte) Math.max(-128, Math.min(127, x)));
                case UINT8 -> b.put((byte) Math.max(0, Math.min(255, x)));
                case INT16 -> b.putShort((short) Math.max(-32768, Math.min(32767, x)));
                case INT32 -> b.putInt((int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, x)));
                default -> throw new IllegalArgumentException(t + ": cannot convert input type " + type);
            }
        }
        return b.array();
    }
}
