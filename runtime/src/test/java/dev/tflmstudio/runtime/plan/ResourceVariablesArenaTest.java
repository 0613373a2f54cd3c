package dev.tflmstudio.runtime.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.samples.StreamingModels;
import dev.tflmstudio.runtime.tflite.ModelReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Streaming wake-word models (CALL_ONCE + VAR_HANDLE + READ/ASSIGN_VARIABLE, as esphome's micro_wake_word firmware
 * runs them with a MicroResourceVariables on an allocator of its own): the main arena's plan and every
 * PrintAllocations line equal TFLM's. The mcu32 lines were printed by run_arm_ref.sh on the emulated Cortex-M4F
 * (reference and cmsis-nn firmware) for these very models; host64 is checked live against tflm_ref when present.
 */
class ResourceVariablesArenaTest {

    @Test
    void mainArenaEqualsTheBoardsForReferenceAndCmsisNnKernels() throws Exception {
        Model one = model(StreamingModels.wakeWord(1, 16, 3));
        Model three = model(StreamingModels.wakeWord(3, 24, 5));
        assertThat(lines(one, KernelSet.REFERENCE)).containsExactlyElementsOf(board(1604, 96, 1508, 204, 17,
                "used 480 bytes with alignment overhead (requested 396 bytes for 12 allocations)", 352, 11));
        assertThat(lines(one, KernelSet.CMSIS_NN)).containsExactlyElementsOf(board(1796, 256, 1540, 204, 17,
                "used 508 bytes with alignment overhead (requested 424 bytes for 12 allocations)", 352, 11));
        assertThat(lines(three, KernelSet.REFERENCE)).containsExactlyElementsOf(board(3860, 256, 3604, 492, 41,
                "used 1624 bytes with alignment overhead (requested 1444 bytes for 28 allocations)", 864, 27));
        assertThat(lines(three, KernelSet.CMSIS_NN)).containsExactlyElementsOf(board(4276, 640, 3636, 492, 41,
                "used 1644 bytes with alignment overhead (requested 1480 bytes for 28 allocations)", 864, 27));
    }

    @Test
    void saysWhereTheVariablesLive() throws Exception {
        ArenaEstimate e = ArenaEstimator.estimate(model(StreamingModels.wakeWord(3, 24, 5)),
                Planners.plan(model(StreamingModels.wakeWord(3, 24, 5)), "tflm", Target.MCU32));
        ResourceVariablesArena v = e.resourceVariables().orElseThrow();
        assertThat(v.names()).containsExactly("stream_0", "stream_1", "stream_2");
        // three 4x24 int8 states in the main tail; the variables' arena, read with GDB on the Cortex-M4F
        // firmware: MicroAllocator objects end - 0x74, MicroResourceVariables at end - 0x80, its 32 slots at
        // end - 0x300
        assertThat(v.bufferBytes()).isEqualTo(3 * 96);
        assertThat(v.arenaBytes()).isEqualTo(0x300);
        // and on x86-64 (tflm_ref): allocator end - 0xd8, object end - 0xf0, slots end - 0x5f0
        assertThat(ResourceVariablesArena.arenaBytes(Target.HOST64, 32)).isEqualTo(0x5f0);
        assertThat(e.isExact()).isTrue();
    }

    @Test
    void host64EqualsTflmRef(@TempDir Path dir) throws Exception {
        Path tflmRef = RefRun.shared() == null ? null : RefRun.shared().resolve("tools/tflm-ref/tflm_ref");
        Assumptions.assumeTrue(tflmRef != null && Files.isExecutable(tflmRef), "tflm_ref not available");
        for (byte[] bytes : List.of(StreamingModels.wakeWord(1, 16, 3), StreamingModels.wakeWord(3, 24, 5),
                StreamingModels.wakeWord(2, 8, 4))) {
            Path file = dir.resolve("stream.tflite");
            Files.write(file, bytes);
            List<String> truth = new ArrayList<>();
            for (String line : RefRun.tflmRefLines(tflmRef, file)) {
                if (line.startsWith("[RecordingMicroAllocator]")) {
                    truth.add(line);
                }
            }
            Model m = ModelReader.open(file);
            assertThat(ArenaEstimator.estimate(m, Planners.plan(m, "tflm", Target.HOST64)).logLines())
                    .containsExactlyElementsOf(truth);
        }
    }

    private static Model model(byte[] bytes) throws Exception {
        return ModelReader.read(bytes, "streaming");
    }

    private static List<String> lines(Model m, KernelSet kernels) {
        return ArenaEstimator.estimate(m, Planners.plan(m, "tflm", Target.MCU32, kernels)).logLines();
    }

    private static List<String> board(int total, int head, int tail, int eval, int evalCount, String persistent,
                                      int nodes, int nodeCount) {
        String p = "[RecordingMicroAllocator] ";
        return List.of(p + "Arena allocation total " + total + " bytes", p + "Arena allocation head " + head + " bytes",
                p + "Arena allocation tail " + tail + " bytes",
                p + "'TfLiteEvalTensor data' used " + eval + " bytes with alignment overhead (requested " + eval
                        + " bytes for " + evalCount + " allocations)",
                p + "'Persistent TfLiteTensor data' used 64 bytes with alignment overhead (requested 64 bytes for 2 "
                        + "tensors)",
                p + "'Persistent TfLiteTensor quantization data' used 40 bytes with alignment overhead (requested 40 "
                        + "bytes for 4 allocations)",
                p + "'Persistent buffer data' " + persistent,
                p + "'NodeAndRegistration struct' used " + nodes + " bytes with alignment overhead (requested " + nodes
                        + " bytes for " + nodeCount + " NodeAndRegistration structs)");
    }
}
