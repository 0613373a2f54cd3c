package dev.tflmstudio.cli;

import dev.tflmstudio.runtime.model.Quantization;
import dev.tflmstudio.runtime.model.TensorType;
import dev.tflmstudio.runtime.samples.SampleModels;
import dev.tflmstudio.runtime.samples.SyntheticModels;
import dev.tflmstudio.runtime.tflite.ModelBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The models {@link HostileModelFuzzTest} mutates: the real ones of {@code ../shared/models} (the small ones, the
 * single-op tflm-opzoo and tflm-seanet models) when it is there, and always models made here: the bundled sample,
 * a synthetic chain and hand-made ops that are wrong from the start (ADD [1,4]+[1,8], a CONV with 0 channels,
 * stride 0, a zero scale, an op with no outputs...).
 */
final class HostileSeeds {
    /** A seed model: its name and file bytes. */
    record Seed(String name, byte[] bytes) {
    }

    /** Real models above this size are left out: each mutant of them costs too much time for the CI budget. */
    private static final long MAX_SEED_BYTES = 120_000;

    private HostileSeeds() {
    }

    static Path sharedModels() {
        String prop = System.getProperty("tflm.shared");
        return Path.of(prop != null && !prop.isBlank() ? prop : "../shared").toAbsolutePath().normalize()
                .resolve("models");
    }

    /** Every seed, real ones first (sorted by path), then the generated ones. */
    static List<Seed> all() {
        List<Seed> seeds = new ArrayList<>();
        Path models = sharedModels();
        if (Files.isDirectory(models)) {
            try (Stream<Path> s = Files.walk(models)) {
                for (Path p : s.filter(p -> p.toString().endsWith(".tflite")).sorted().toList()) {
                    if (Files.size(p) <= MAX_SEED_BYTES) {
                        seeds.add(new Seed(models.relativize(p).toString(), Files.readAllBytes(p)));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        seeds.addAll(generated());
        return seeds;
    }

    static List<Seed> generated() {
        List<Seed> l = new ArrayList<>();
        l.add(new Seed("generated/sample_cnn_int8", SampleModels.sampleCnn().build()));
        l.add(new Seed("generated/chain", SyntheticModels.chain(4).build()));
        l.add(new Seed("generated/add_1x4_plus_1x8", add(new int[] {1, 4}, new int[] {1, 8}, new int[] {1, 8},
                0.5f)));
        l.add(new Seed("generated/add_zero_scale", add(new int[] {1, 4}, new int[] {1, 4}, new int[] {1, 4}, 0f)));
        l.add(new Seed("generated/add_wrong_output_shape", add(new int[] {2, 3}, new int[] {2, 3}, new int[] {3, 2},
                0.5f)));
        l.add(new Seed("generated/conv_0_channels", conv(0, 1, 1)));
        l.add(new Seed("generated/conv_stride_0", conv(2, 0, 1)));
        l.add(new Seed("generated/conv_stride_1", conv(2, 1, 1)));
        l.add(new Seed("generated/conv_dilation_0", conv(2, 1, 0)));
        l.add(new Seed("generated/fully_connected_no_outputs", noOutputs()));
        l.add(new Seed("generated/while_count_to_10", whileLoop()));
        return l;
    }

    private static Quantization q(float scale) {
        return Quantization.perTensor(scale, 0);
    }

    private static byte[] add(int[] a, int[] b, int[] out, float scale) {
        ModelBuilder m = new ModelBuilder();
        int x = m.addTensor("a", TensorType.INT8, a, 0, q(scale));
        int y = m.addTensor("b", TensorType.INT8, b, 0, q(0.5f));
        int z = m.addTensor("out", TensorType.INT8, out, 0, q(0.5f));
        m.addOperator("ADD", new int[] {x, y}, new int[] {z}, "AddOptions", Map.of("fused_activation_function",
                "NONE"));
        return m.inputs(x, y).outputs(z).build();
    }

    private static byte[] conv(int channels, int stride, int dilation) {
        ModelBuilder m = new ModelBuilder();
        int in = m.addTensor("in", TensorType.INT8, new int[] {1, 5, 5, 2}, 0, q(0.5f));
        int f = m.addTensor("filter", TensorType.INT8, new int[] {channels, 3, 3, 2},
                m.addBuffer(new byte[channels * 18]), q(0.25f));
        int bias = m.addTensor("bias", TensorType.INT32, new int[] {channels}, m.addBuffer(new byte[channels * 4]),
                q(0.125f));
        int out = m.addTensor("out", TensorType.INT8, new int[] {1, 5, 5, channels}, 0, q(0.5f));
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("padding", "SAME");
        o.put("stride_w", stride);
        o.put("stride_h", stride);
        o.put("fused_activation_function", "NONE");
        o.put("dilation_w_factor", dilation);
        o.put("dilation_h_factor", dilation);
        m.addOperator("CONV_2D", new int[] {in, f, bias}, new int[] {out}, "Conv2DOptions", o);
        return m.inputs(in).outputs(out).build();
    }

    /** WHILE i < 10: i = i + 1 (cond subgraph 1, body subgraph 2): what SUBGRAPH_INDEX mutates into cycles. */
    private static byte[] whileLoop() {
        ModelBuilder m = new ModelBuilder();
        ModelBuilder.SubgraphBuilder main = m.subgraph("main");
        int in = main.tensor("i", TensorType.INT32, 1);
        int out = main.tensor("result", TensorType.INT32, 1);
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("cond_subgraph_index", 1);
        o.put("body_subgraph_index", 2);
        main.op("WHILE", new int[] {in}, new int[] {out}, "WhileOptions", o).inputs(in).outputs(out);
        ModelBuilder.SubgraphBuilder cond = m.subgraph("cond");
        int ci = cond.tensor("i", TensorType.INT32, 1);
        int limit = cond.constant("limit", TensorType.INT32, new int[] {1}, new byte[] {10, 0, 0, 0});
        int less = cond.tensor("less", TensorType.BOOL, 1);
        cond.op("LESS", new int[] {ci, limit}, new int[] {less}, null, Map.of()).inputs(ci).outputs(less);
        ModelBuilder.SubgraphBuilder body = m.subgraph("body");
        int bi = body.tensor("i", TensorType.INT32, 1);
        int one = body.constant("one", TensorType.INT32, new int[] {1}, new byte[] {1, 0, 0, 0});
        int next = body.tensor("next", TensorType.INT32, 1);
        body.op("ADD", new int[] {bi, one}, new int[] {next}, "AddOptions", Map.of("fused_activation_function",
                "NONE")).inputs(bi).outputs(next);
        return m.build();
    }

    private static byte[] noOutputs() {
        ModelBuilder m = new ModelBuilder();
        int in = m.addTensor("in", TensorType.FLOAT32, new int[] {1, 4}, 0, null);
        int w = m.addTensor("w", TensorType.FLOAT32, new int[] {2, 4}, m.addBuffer(new byte[32]), null);
        m.addOperator("FULLY_CONNECTED", new int[] {in, w, -1}, new int[0], "FullyConnectedOptions",
                Map.of("fused_activation_function", "NONE"));
        return m.inputs(in).outputs(in).build();
    }
}
