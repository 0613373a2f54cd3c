package dev.tflmstudio.runtime.samples;

import dev.tflmstudio.runtime.model.Quantization;
import dev.tflmstudio.runtime.model.TensorType;
import dev.tflmstudio.runtime.tflite.ModelBuilder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The sample models TFLM Studio ships, built in code with deterministic weights so anyone can regenerate them:
 * {@code ./mvnw -q -pl runtime exec:java -Dexec.mainClass=dev.tflmstudio.runtime.samples.SampleModels
 * -Dexec.args=assets/models}.
 */
public final class SampleModels {
    public static final String SAMPLE_CNN = "sample_cnn_int8.tflite";

    private SampleModels() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "assets/models");
        Files.createDirectories(dir);
        sampleCnn().writeTo(dir.resolve(SAMPLE_CNN));
        System.out.println("wrote " + dir.resolve(SAMPLE_CNN));
    }

    /**
     * A small int8 image classifier: 16x16 grey input, CONV_2D (8 filters, RELU), DEPTHWISE_CONV_2D (stride 2,
     * RELU6), MAX_POOL_2D, RESHAPE, FULLY_CONNECTED (4 classes), SOFTMAX. Quantized as TFLite's converter would:
     * int8 activations, symmetric per-channel int8 weights, int32 biases at input scale times weight scale.
     */
    public static ModelBuilder sampleCnn() {
        Lcg rng = new Lcg(0x7F1A57D10L);
        ModelBuilder b = new ModelBuilder().description("TFLM Studio sample: small int8 CNN (conv, depthwise conv, "
                + "max pool, fully connected, softmax), deterministic weights");

        float inScale = 1f / 255f;
        int input = b.addTensor("image", TensorType.INT8, new int[] {1, 16, 16, 1}, 0,
                Quantization.perTensor(inScale, -128));

        // CONV_2D 3x3x1 -> 8, SAME, RELU.
        float[] convW = scales(8, 0.010f, 0.0015f);
        int convFilter = b.addTensor("conv/filter", TensorType.INT8, new int[] {8, 3, 3, 1},
                b.addBuffer(rng.int8s(8 * 9)), perChannel(convW, 0));
        int convBias = b.addTensor("conv/bias", TensorType.INT32, new int[] {8},
                b.addBuffer(rng.int32s(8, 200)), perChannel(times(convW, inScale), 0));
        float convOutScale = 12f / 255f;
        int conv = b.addTensor("conv/relu", TensorType.INT8, new int[] {1, 16, 16, 8}, 0,
                Quantization.perTensor(convOutScale, -128));
        b.addOperator("CONV_2D", new int[] {input, convFilter, convBias}, new int[] {conv}, "Conv2DOptions",
                Map.of("padding", "SAME", "stride_w", 1, "stride_h", 1, "fused_activation_function", "RELU",
                        "dilation_w_factor", 1, "dilation_h_factor", 1));

        // DEPTHWISE_CONV_2D 3x3, stride 2, SAME, RELU6.
        float[] dwW = scales(8, 0.002f, 0.0002f);
        int dwFilter = b.addTensor("dw/filter", TensorType.INT8, new int[] {1, 3, 3, 8},
                b.addBuffer(rng.int8s(9 * 8)), perChannel(dwW, 3));
        int dwBias = b.addTensor("dw/bias", TensorType.INT32, new int[] {8},
                b.addBuffer(rng.int32s(8, 500)), perChannel(times(dwW, convOutScale), 0));
        float dwOutScale = 6f / 255f;
        int dw = b.addTensor("dw/relu6", TensorType.INT8, new int[] {1, 8, 8, 8}, 0,
                Quantization.perTensor(dwOutScale, -128));
        b.addOperator("DEPTHWISE_CONV_2D", new int[] {conv, dwFilter, dwBias}, new int[] {dw},
                "DepthwiseConv2DOptions", Map.of("padding", "SAME", "stride_w", 2, "stride_h", 2,
                        "depth_multiplier", 1, "fused_activation_function", "RELU6", "dilation_w_factor", 1,
                        "dilation_h_factor", 1));

        // MAX_POOL_2D 2x2 stride 2.
        int pool = b.addTensor("pool", TensorType.INT8, new int[] {1, 4, 4, 8}, 0,
                Quantization.perTensor(dwOutScale, -128));
        b.addOperator("MAX_POOL_2D", new int[] {dw}, new int[] {pool}, "Pool2DOptions",
                Map.of("padding", "VALID", "stride_w", 2, "stride_h", 2, "filter_width", 2, "filter_height", 2,
                        "fused_activation_function", "NONE"));

        // RESHAPE to [1, 128].
        int shape = b.addTensor("flatten/shape", TensorType.INT32, new int[] {2},
                b.addBuffer(le32(1, 128)), null);
        int flat = b.addTensor("flatten", TensorType.INT8, new int[] {1, 128}, 0,
                Quantization.perTensor(dwOutScale, -128));
        b.addOperator("RESHAPE", new int[] {pool, shape}, new int[] {flat}, "ReshapeOptions",
                Map.of("new_shape", List.of(1, 128)));

        // FULLY_CONNECTED 128 -> 4.
        float fcW = 0.001f;
        int fcWeights = b.addTensor("dense/weights", TensorType.INT8, new int[] {4, 128},
                b.addBuffer(rng.int8s(4 * 128)), Quantization.perTensor(fcW, 0));
        int fcBias = b.addTensor("dense/bias", TensorType.INT32, new int[] {4},
                b.addBuffer(rng.int32s(4, 2000)), Quantization.perTensor(fcW * dwOutScale, 0));
        int logits = b.addTensor("dense", TensorType.INT8, new int[] {1, 4}, 0, Quantization.perTensor(0.05f, 0));
        b.addOperator("FULLY_CONNECTED", new int[] {flat, fcWeights, fcBias}, new int[] {logits},
                "FullyConnectedOptions", Map.of("fused_activation_function", "NONE", "weights_format", "DEFAULT",
                        "keep_num_dims", false));

        // SOFTMAX: TFLM wants int8 output at scale 1/256, zero point -128.
        int probs = b.addTensor("probabilities", TensorType.INT8, new int[] {1, 4}, 0,
                Quantization.perTensor(1f / 256f, -128));
        b.addOperator("SOFTMAX", new int[] {logits}, new int[] {probs}, "SoftmaxOptions", Map.of("beta", 1.0f));

        return b.inputs(input).outputs(probs);
    }

    private static float[] scales(int n, float base, float step) {
        float[] s = new float[n];
        for (int i = 0; i < n; i++) {
            s[i] = base + step * i;
        }
        return s;
    }

    private static float[] times(float[] a, float k) {
        float[] r = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = a[i] * k;
        }
        return r;
    }

    private static Quantization perChannel(float[] scales, int dim) {
        List<Float> s = new ArrayList<>();
        List<Long> z = new ArrayList<>();
        for (float f : scales) {
            s.add(f);
            z.add(0L);
        }
        return new Quantization(s, z, dim, List.of(), List.of());
    }

    private static byte[] le32(int... values) {
        ByteBuffer bb = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            bb.putInt(v);
        }
        return bb.array();
    }

    /** A 64-bit linear congruential generator: fixed constants, so sample weights never change. */
    private static final class Lcg {
        private long state;

        Lcg(long seed) {
            state = seed;
        }

        private int next(int bound) {
            state = state * 6364136223846793005L + 1442695040888963407L;
            return (int) Long.remainderUnsigned(state >>> 33, bound);
        }

        byte[] int8s(int n) {
            byte[] b = new byte[n];
            for (int i = 0; i < n; i++) {
                b[i] = (byte) (next(255) - 127);
            }
            return b;
        }

        byte[] int32s(int n, int magnitude) {
            int[] v = new int[n];
            for (int i = 0; i < n; i++) {
                v[i] = next(2 * magnitude + 1) - magnitude;
            }
            return le32(v);
        }
    }
}
