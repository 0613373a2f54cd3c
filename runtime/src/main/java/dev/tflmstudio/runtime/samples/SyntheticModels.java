package dev.tflmstudio.runtime.samples;

import dev.tflmstudio.runtime.model.Quantization;
import dev.tflmstudio.runtime.model.TensorType;
import dev.tflmstudio.runtime.tflite.ModelBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** Synthetic models for tests and benchmarks: sizes and shapes no real model in the corpus reaches. */
public final class SyntheticModels {
    private SyntheticModels() {
    }

    /**
     * A chain of {@code ops} int8 ops on a [1,64] tensor (ADD with a constant, then RELU, alternating): a long graph
     * for layout, planning and reader benchmarks.
     */
    public static ModelBuilder chain(int ops) {
        ModelBuilder b = new ModelBuilder().description("synthetic chain of " + ops + " ops");
        Quantization q = Quantization.perTensor(0.05f, 0);
        int[] shape = {1, 64};
        int constant = b.addTensor("bias", TensorType.INT8, shape, b.addBuffer(new byte[64]), q);
        int current = b.addTensor("input", TensorType.INT8, shape, 0, q);
        int input = current;
        for (int i = 0; i < ops; i++) {
            int next = b.addTensor("t" + i, TensorType.INT8, shape, 0, q);
            if (i % 2 == 0) {
                b.addOperator("ADD", new int[] {current, constant}, new int[] {next}, "AddOptions",
                        Map.of("fused_activation_function", "NONE"));
            } else {
                b.addOperator("RELU", new int[] {current}, new int[] {next}, null, Map.of());
            }
            current = next;
        }
        return b.inputs(input).outputs(current);
    }

    /**
     * Writes a model whose single FULLY_CONNECTED weight tensor holds {@code bytes} bytes, kept after the
     * flatbuffer (schema 3c external buffer) and written sparsely, so the file is large on paper and small on disk.
     */
    public static void largeConstant(Path path, long bytes) throws IOException {
        int units = 1024;
        int inputs = (int) (bytes / units);
        ModelBuilder b = new ModelBuilder().description("synthetic model with a " + bytes + "-byte constant");
        Quantization q = Quantization.perTensor(0.05f, 0);
        int in = b.addTensor("input", TensorType.INT8, new int[] {1, inputs}, 0, q);
        int w = b.addTensor("weights", TensorType.INT8, new int[] {units, inputs},
                b.addExternalBuffer((long) units * inputs), Quantization.perTensor(0.01f, 0));
        int out = b.addTensor("output", TensorType.INT8, new int[] {1, units}, 0, q);
        b.addOperator("FULLY_CONNECTED", new int[] {in, w, -1}, new int[] {out}, "FullyConnectedOptions",
                Map.of("fused_activation_function", "NONE"));
        b.inputs(in).outputs(out).writeTo(path);
    }

    /** One tensor of every schema type, each the output of a CAST from a float input (for readers and views). */
    public static ModelBuilder everyTensorType() {
        ModelBuilder b = new ModelBuilder().description("one tensor of every type");
        int in = b.addTensor("input", TensorType.FLOAT32, new int[] {1, 4}, 0, null);
        int[] outs = new int[TensorType.values().length];
        int k = 0;
        for (TensorType t : TensorType.values()) {
            int out = b.addTensor(t.name().toLowerCase(), t, new int[] {1, 4}, 0, null);
            b.addOperator("CAST", new int[] {in}, new int[] {out}, null, Map.of());
            outs[k++] = out;
        }
        return b.inputs(in).outputs(outs);
    }
}
