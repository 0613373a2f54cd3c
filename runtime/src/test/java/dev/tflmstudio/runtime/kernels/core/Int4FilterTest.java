package dev.tflmstudio.runtime.kernels.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tflmstudio.runtime.interpreter.Session;
import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.model.Quantization;
import dev.tflmstudio.runtime.model.TensorType;
import dev.tflmstudio.runtime.plan.PlannedBuffer;
import dev.tflmstudio.runtime.plan.ScratchRequest;
import dev.tflmstudio.runtime.plan.ScratchRequests;
import dev.tflmstudio.runtime.plan.Target;
import dev.tflmstudio.runtime.tflite.ModelBuilder;
import dev.tflmstudio.runtime.tflite.ModelReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Packed INT4 filters: a model whose weights are stored as INT4 must compute exactly what the same weights stored
 * as INT8 compute, and must request TFLM's unpack scratch (FlatSize(filter) bytes) so the plan matches.
 */
class Int4FilterTest {

    @Test
    void unpacksLowNibbleFirstAndSignExtends() {
        ByteBuffer packed = ByteBuffer.wrap(new byte[] {(byte) 0x8F, (byte) 0x70, (byte) 0x09});
        assertThat(Int4Filter.unpack(packed, 0, 5)).containsExactly(-1, -8, 0, 7, -7);
        assertThat(Int4Filter.unpack(packed, 1, 2)).containsExactly(0, 7);
    }

    @Test
    void conv2dWithInt4WeightsMatchesInt8Weights() throws Exception {
        // 3 input channels into 4 filters: FastConv path; 27 weights per filter, 108 in all
        assertSameAsInt8(seed -> convModel(seed, 3, 3), new int[] {1, 5, 5, 3}, 11);
    }

    @Test
    void groupedConv2dWithInt4WeightsMatchesInt8Weights() throws Exception {
        // input depth 4, filter depth 2: two groups (Int8Conv path)
        assertSameAsInt8(seed -> convModel(seed, 4, 2), new int[] {1, 5, 5, 4}, 12);
    }

    @Test
    void depthwiseConvWithInt4WeightsMatchesInt8Weights() throws Exception {
        // depth multiplier 1 over 3 channels (27 weights: an odd count leaves a lone low nibble) and multiplier 2
        assertSameAsInt8(seed -> depthwiseModel(seed, 1), new int[] {1, 6, 6, 3}, 13);
        assertSameAsInt8(seed -> depthwiseModel(seed, 2), new int[] {1, 6, 6, 3}, 14);
    }

    @Test
    void fullyConnectedWithInt4WeightsMatchesInt8Weights() throws Exception {
        // 5 x 7 = 35 weights, odd
        assertSameAsInt8(seed -> fcModel(seed, false), new int[] {2, 7}, 15);
    }

    @Test
    void perChannelInt4FullyConnectedIsRefusedAsTflmDoes() throws Exception {
        // TFLM's per-channel FULLY_CONNECTED takes no int4 weights (the differential sweep saw it refuse them)
        Model m = read(fcModel(16, true).build(new Spec(TensorType.INT4, 16)));
        assertThatThrownBy(() -> Session.allocate(m)).isInstanceOf(KernelException.class)
                .hasMessageContaining("(input->type == kTfLiteInt8 && filter->type != kTfLiteInt4) || "
                        + "(input->type == kTfLiteInt16 && filter->type != kTfLiteInt4) was not true.")
                .satisfies(e -> assertThat(((KernelException) e).stage()).isEqualTo(KernelException.Stage.PREPARE));
    }

    @Test
    void int4FiltersWithInt16InputAreRefusedAtPrepare() throws Exception {
        Model m = read(convModelWith(TensorType.INT16, TensorType.INT4, 3, 3, 5));
        assertThatThrownBy(() -> Session.allocate(m)).isInstanceOf(KernelException.class)
                .satisfies(e -> assertThat(((KernelException) e).stage()).isEqualTo(KernelException.Stage.PREPARE));
    }

    @Test
    void transposeConvWithInt4FilterIsRefusedAtPrepare() throws Exception {
        // TFLM's TRANSPOSE_CONV has no int4 unpacking: its Prepare refuses the filter/input mix as hybrid
        Random rng = new Random(3);
        ModelBuilder b = new ModelBuilder();
        int shape = b.addTensor("shape", TensorType.INT32, new int[] {4}, b.addBuffer(le32(1, 4, 4, 2)), null);
        int filter = weights(b, rng, TensorType.INT4, new int[] {2, 3, 3, 3}, perChannel(new float[] {0.1f, 0.2f}, 0));
        int in = b.addTensor("in", TensorType.INT8, new int[] {1, 2, 2, 3}, 0, Quantization.perTensor(0.1f, 0));
        int out = b.addTensor("out", TensorType.INT8, new int[] {1, 4, 4, 2}, 0, Quantization.perTensor(0.2f, 0));
        b.addOperator("TRANSPOSE_CONV", new int[] {shape, filter, in}, new int[] {out}, "TransposeConvOptions",
                Map.of("padding", "SAME", "stride_w", 2, "stride_h", 2, "fused_activation_function", "NONE"));
        Model m = read(b.inputs(in).outputs(out).build());
        assertThatThrownBy(() -> Session.allocate(m)).isInstanceOf(KernelException.class)
                .hasMessageContaining("Hybrid models are not supported on TFLite Micro.")
                .satisfies(e -> assertThat(((KernelException) e).stage()).isEqualTo(KernelException.Stage.PREPARE));
    }

    private static byte[] le32(int... values) {
        ByteBuffer bb = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            bb.putInt(v);
        }
        return bb.array();
    }

    private interface ModelFactory {
        byte[] build(Spec spec) throws Exception;
    }

    /** The filter type to store and the seed of the weights. */
    private record Spec(TensorType filterType, long seed) {
    }

    private static void assertSameAsInt8(java.util.function.LongFunction<ModelFactory> factory, int[] inShape,
                                         long seed) throws Exception {
        Model int8 = read(factory.apply(seed).build(new Spec(TensorType.INT8, seed)));
        Model int4 = read(factory.apply(seed).build(new Spec(TensorType.INT4, seed)));
        int n = 1;
        for (int d : inShape) {
            n *= d;
        }
        byte[] input = new byte[n];
        new Random(seed * 31).nextBytes(input);
        Session a = Session.allocate(int8);
        Session b = Session.allocate(int4);
        int out = int8.main().outputs().get(0);
        for (int invoke = 0; invoke < 2; invoke++) {
            a.setInput(0, input);
            b.setInput(0, input);
            a.run();
            b.run();
            assertThat(b.read(out).raw()).isEqualTo(a.read(out).raw());
            input[invoke] ^= 0x55;
        }
        // the int8 model plans no scratch; the int4 one plans FlatSize(filter) bytes, as ScratchRequests predicts
        int filterElements = (int) int4.main().tensor(int4.main().operator(0).input(1)).elementCount();
        assertThat(a.layout().plan().scratch(0, 0)).isEmpty();
        PlannedBuffer s = b.layout().plan().scratch(0, 0).orElseThrow();
        assertThat(s.rawBytes()).isEqualTo(filterElements);
        assertThat(b.layout().plan().scratch(0, 1)).isEmpty();
        List<ScratchRequest> predicted = ScratchRequests.of(int4, Target.HOST64);
        assertThat(predicted).extracting(ScratchRequest::bytes).containsExactly((long) filterElements);
    }

    private static Model read(byte[] bytes) throws Exception {
        return ModelReader.read(bytes, "synthetic");
    }

    private static ModelFactory convModel(long seed, int inC, int fIc) {
        return spec -> convModelWith(TensorType.INT8, spec.filterType(), inC, fIc, seed);
    }

    private static byte[] convModelWith(TensorType inType, TensorType filterType, int inC, int fIc, long seed) {
        Random rng = new Random(seed);
        int outC = 4;
        ModelBuilder b = new ModelBuilder();
        float inScale = 0.05f;
        int in = b.addTensor("in", inType, new int[] {1, 5, 5, inC}, 0, Quantization.perTensor(inScale, 3));
        float[] ws = {0.02f, 0.03f, 0.025f, 0.04f};
        int filter = weights(b, rng, filterType, new int[] {outC, 3, 3, fIc}, perChannel(ws, 0));
        int bias = b.addTensor("bias", TensorType.INT32, new int[] {outC}, b.addBuffer(int32s(rng, outC, 300)),
                perChannel(times(ws, inScale), 0));
        int out = b.addTensor("out", inType, new int[] {1, 5, 5, outC}, 0, Quantization.perTensor(0.1f, -5));
        b.addOperator("CONV_2D", new int[] {in, filter, bias}, new int[] {out}, "Conv2DOptions",
                Map.of("padding", "SAME", "stride_w", 1, "stride_h", 1, "fused_activation_function", "NONE",
                        "dilation_w_factor", 1, "dilation_h_factor", 1));
        return b.inputs(in).outputs(out).build();
    }

    private static ModelFactory depthwiseModel(long seed, int dm) {
        return spec -> {
            Random rng = new Random(seed);
            int outC = 3 * dm;
            ModelBuilder b = new ModelBuilder();
            float inScale = 0.04f;
            int in = b.addTensor("in", TensorType.INT8, new int[] {1, 6, 6, 3}, 0,
                    Quantization.perTensor(inScale, -2));
            float[] ws = new float[outC];
            for (int i = 0; i < outC; i++) {
                ws[i] = 0.01f + 0.005f * i;
            }
            int filter = weights(b, rng, spec.filterType(), new int[] {1, 3, 3, outC}, perChannel(ws, 3));
            int bias = b.addTensor("bias", TensorType.INT32, new int[] {outC},
                    b.addBuffer(int32s(rng, outC, 200)), perChannel(times(ws, inScale), 0));
            int out = b.addTensor("out", TensorType.INT8, new int[] {1, 3, 3, outC}, 0,
                    Quantization.perTensor(0.05f, 1));
            b.addOperator("DEPTHWISE_CONV_2D", new int[] {in, filter, bias}, new int[] {out},
                    "DepthwiseConv2DOptions", Map.of("padding", "SAME", "stride_w", 2, "stride_h", 2,
                            "depth_multiplier", dm, "fused_activation_function", "RELU", "dilation_w_factor", 1,
                            "dilation_h_factor", 1));
            return b.inputs(in).outputs(out).build();
        };
    }

    private static ModelFactory fcModel(long seed, boolean perChannel) {
        return spec -> {
            Random rng = new Random(seed);
            ModelBuilder b = new ModelBuilder();
            float inScale = 0.1f;
            int in = b.addTensor("in", TensorType.INT8, new int[] {2, 7}, 0, Quantization.perTensor(inScale, 4));
            float[] ws = {0.05f, 0.04f, 0.06f, 0.03f, 0.07f};
            Quantization wq = perChannel ? perChannel(ws, 0) : Quantization.perTensor(0.05f, 0);
            Quantization bq = perChannel ? perChannel(times(ws, inScale), 0)
                    : Quantization.perTensor(0.05f * inScale, 0);
            int filter = weights(b, rng, spec.filterType(), new int[] {5, 7}, wq);
            int bias = b.addTensor("bias", TensorType.INT32, new int[] {5}, b.addBuffer(int32s(rng, 5, 100)), bq);
            int out = b.addTensor("out", TensorType.INT8, new int[] {2, 5}, 0, Quantization.perTensor(0.2f, 0));
            b.addOperator("FULLY_CONNECTED", new int[] {in, filter, bias}, new int[] {out},
                    "FullyConnectedOptions", Map.of("fused_activation_function", "NONE", "weights_format",
                            "DEFAULT", "keep_num_dims", false));
            return b.inputs(in).outputs(out).build();
        };
    }

    /** A constant filter with values in [-8, 7], stored as INT8 or packed two per byte as INT4. */
    private static int weights(ModelBuilder b, Random rng, TensorType type, int[] shape, Quantization q) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        byte[] values = new byte[n];
        for (int i = 0; i < n; i++) {
            values[i] = (byte) (rng.nextInt(16) - 8);
        }
        byte[] data = values;
        if (type == TensorType.INT4) {
            data = new byte[(n + 1) / 2];
            for (int i = 0; i < n; i++) {
                int nibble = values[i] & 0x0F;
                data[i / 2] |= (byte) (i % 2 == 0 ? nibble : nibble << 4);
            }
        }
        return b.addTensor("filter", type, shape, b.addBuffer(data), q);
    }

    private static byte[] int32s(Random rng, int n, int bound) {
        ByteBuffer bb = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            bb.putInt(rng.nextInt(2 * bound + 1) - bound);
        }
        return bb.array();
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
}
