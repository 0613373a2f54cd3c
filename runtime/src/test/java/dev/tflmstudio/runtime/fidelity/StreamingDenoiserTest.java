package dev.tflmstudio.runtime.fidelity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tflmstudio.runtime.input.PatternInput;
import dev.tflmstudio.runtime.interpreter.Session;
import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.model.Quantization;
import dev.tflmstudio.runtime.model.Subgraph;
import dev.tflmstudio.runtime.model.TensorType;
import dev.tflmstudio.runtime.tflite.ModelBuilder;
import dev.tflmstudio.runtime.tflite.ModelBuilder.SubgraphBuilder;
import dev.tflmstudio.runtime.tflite.ModelReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shape of the streaming denoisers issue #12 found refused: an int16 block of frames split by UNPACK, each
 * frame mixed with a state kept in a resource variable (CALL_ONCE's init subgraph sets it, VAR_HANDLE /
 * READ_VARIABLE / ASSIGN_VARIABLE carry it), an int16x8 FULLY_CONNECTED and TANH per frame, and PACK back into a
 * block. TFLM (tflm_ref, resource variables on an allocator of their own) and this runtime must give the same
 * refusal or none, every op's checksum, the outputs, the arena head and the allocation log.
 */
class StreamingDenoiserTest {
    private static final int FRAMES = 4;
    private static final int FEATURES = 8;

    @Test
    void int16UnpackDenoiserWithStateMatchesTflm(@TempDir Path tmp) throws Exception {
        TflmRefTool tflm = TflmRefTool.find();
        Assumptions.assumeTrue(tflm != null, "tflm_ref not found under tflm.shared/tools/tflm-ref: skipped");
        List<Path> files = new ArrayList<>();
        for (long seed = 1; seed <= 4; seed++) {
            Path f = tmp.resolve("denoiser_" + seed + ".tflite");
            Files.write(f, denoiser(seed, seed % 2 == 0));
            files.add(f);
        }
        List<List<String>> reports = tflm.run(files, 2);
        for (int i = 0; i < files.size(); i++) {
            List<String> report = reports.get(i);
            assertThat(report).as(files.get(i) + ": TFLM ran it").contains("exit_code: 0");
            Differential.Result r = Differential.compare(files.get(i), report);
            assertThat(r.outcome()).as(files.get(i) + ": " + r.difference()).isEqualTo(Differential.Outcome.RAN);
            // the state carries over: a second invoke on the same input gives another block, in TFLM and here
            assertThat(report).contains("outputs_identical_on_repeat_invoke: no (stateful model?)");
            assertThat(secondInvokeDiffers(files.get(i))).as(files.get(i) + ": our second invoke").isTrue();
        }
    }

    private static boolean secondInvokeDiffers(Path file) throws Exception {
        Model model = ModelReader.open(file);
        Subgraph main = model.main();
        Session session = Session.allocate(model);
        int out = main.outputs().get(0);
        int[] checksums = new int[2];
        for (int invoke = 0; invoke < 2; invoke++) {
            session.setInput(0, PatternInput.bytesFor(main.tensor(main.inputs().get(0))));
            session.run();
            checksums[invoke] = session.fnv1a32(out);
        }
        return checksums[0] != checksums[1];
    }

    /** The model; {@code int32Bias} gives the dense layer an int32 bias (the int32-accumulator path). */
    static byte[] denoiser(long seed, boolean int32Bias) {
        Random r = new Random(seed);
        ModelBuilder b = new ModelBuilder().description("int16 streaming denoiser test model");
        SubgraphBuilder main = b.subgraph("main");
        Quantization in = Quantization.perTensor(1f / 4096, 0);
        Quantization mixed = Quantization.perTensor(1f / 2048, 0);
        Quantization dense = Quantization.perTensor(1f / 1024, 0);
        Quantization tanh = Quantization.perTensor(1f / 32768, 0);
        int x = main.addTensor("frames", TensorType.INT16, new int[] {1, FRAMES, FEATURES}, 0, in, false);
        int handle = main.tensor("state_handle", TensorType.RESOURCE);
        int state = main.addTensor("state", TensorType.INT16, new int[] {1, FEATURES}, 0, in, false);
        Map<String, Object> stateName = Map.of("shared_name", "denoiser_state");
        main.op("CALL_ONCE", new int[0], new int[0], "CallOnceOptions", Map.of("init_subgraph_index", 1))
                .op("VAR_HANDLE", new int[0], new int[] {handle}, "VarHandleOptions", stateName)
                .op("READ_VARIABLE", new int[] {handle}, new int[] {state}, null, null);
        int[] frames = new int[FRAMES];
        for (int f = 0; f < FRAMES; f++) {
            frames[f] = main.addTensor("frame" + f, TensorType.INT16, new int[] {1, FEATURES}, 0, in, false);
        }
        main.op("UNPACK", new int[] {x}, frames, "UnpackOptions", Map.of("num", FRAMES, "axis", 1));
        int weights = main.addTensor("dense_weights", TensorType.INT8, new int[] {FEATURES, FEATURES},
                b.addBuffer(int8s(r, FEATURES * FEATURES)), perChannel(r, FEATURES), false);
        int bias = int32Bias
                ? main.addTensor("dense_bias", TensorType.INT32, new int[] {FEATURES}, b.addBuffer(int32s(r, FEATURES)),
                        null, false)
                : main.addTensor("dense_bias", TensorType.INT64, new int[] {FEATURES}, b.addBuffer(int64s(r, FEATURES)),
                        null, false);
        int[] outs = new int[FRAMES];
        for (int f = 0; f < FRAMES; f++) {
            int sum = main.addTensor("mixed" + f, TensorType.INT16, new int[] {1, FEATURES}, 0, mixed, false);
            int h = main.addTensor("dense" + f, TensorType.INT16, new int[] {1, FEATURES}, 0, dense, false);
            outs[f] = main.addTensor("denoised" + f, TensorType.INT16, new int[] {1, FEATURES}, 0, tanh, false);
            main.op("ADD", new int[] {frames[f], state}, new int[] {sum}, "AddOptions",
                            Map.of("fused_activation_function", "NONE"))
                    .op("FULLY_CONNECTED", new int[] {sum, weights, bias}, new int[] {h}, "FullyConnectedOptions",
                            Map.of("fused_activation_function", "NONE", "keep_num_dims", false))
                    .op("TANH", new int[] {h}, new int[] {outs[f]}, null, null);
        }
        int y = main.addTensor("block", TensorType.INT16, new int[] {1, FRAMES, FEATURES}, 0, tanh, false);
        main.op("PACK", outs, new int[] {y}, "PackOptions", Map.of("values_count", FRAMES, "axis", 1))
                // the last denoised frame is the next block's state
                .op("ASSIGN_VARIABLE", new int[] {handle, outs[FRAMES - 1]}, new int[0], null, null)
                .inputs(x).outputs(y);
        SubgraphBuilder init = b.subgraph("init");
        int initHandle = init.tensor("state_handle", TensorType.RESOURCE);
        int initial = init.addTensor("initial_state", TensorType.INT16, new int[] {1, FEATURES},
                b.addBuffer(int16s(r, FEATURES)), in, false);
        init.op("VAR_HANDLE", new int[0], new int[] {initHandle}, "VarHandleOptions", stateName)
                .op("ASSIGN_VARIABLE", new int[] {initHandle, initial}, new int[0], null, null);
        return b.build();
    }

    private static Quantization perChannel(Random r, int channels) {
        List<Float> scales = new ArrayList<>();
        List<Long> zeros = new ArrayList<>();
        for (int c = 0; c < channels; c++) {
            scales.add(0.004f + 0.012f * r.nextFloat());
            zeros.add(0L);
        }
        return new Quantization(scales, zeros, 0, List.of(), List.of());
    }

    private static byte[] int8s(Random r, int n) {
        byte[] out = new byte[n];
        r.nextBytes(out);
        return out;
    }

    private static byte[] int16s(Random r, int n) {
        ByteBuffer bb = ByteBuffer.allocate(2 * n).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            bb.putShort((short) (r.nextInt(8000) - 4000));
        }
        return bb.array();
    }

    private static byte[] int32s(Random r, int n) {
        ByteBuffer bb = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            bb.putInt(r.nextInt(20000) - 10000);
        }
        return bb.array();
    }

    private static byte[] int64s(Random r, int n) {
        ByteBuffer bb = ByteBuffer.allocate(8 * n).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            bb.putLong(r.nextInt(20000) - 10000);
        }
        return bb.array();
    }
}
