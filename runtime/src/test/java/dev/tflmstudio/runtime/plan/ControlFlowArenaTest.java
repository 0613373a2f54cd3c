package dev.tflmstudio.runtime.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.tflite.ModelReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The main arena of models with IF, WHILE (alone and nested) and CALL_ONCE: head, tail, total and every
 * PrintAllocations line equal TFLM's. IF's and WHILE's Init each take an 8-byte OpData (the two subgraph indices)
 * through AllocatePersistentBuffer, aligned to 16 like every kernel buffer; without it the log had one persistent
 * allocation too few per IF or WHILE, and the totals differed wherever the 16-byte slot did not fill padding. The
 * mcu32 lines were printed by run_arm_ref.sh on the emulated Cortex-M4F for these very models, the same by the
 * reference and the cmsis-nn firmware (neither op has a CMSIS-NN kernel); host64 is checked live against tflm_ref
 * when present.
 */
class ControlFlowArenaTest {

    /** A model and the board's PrintAllocations lines for it, without the "[RecordingMicroAllocator] " prefix. */
    private record Case(String name, byte[] model, String board) {
    }

    private static final String PREFIX = "[RecordingMicroAllocator] ";

    private static List<Case> cases() {
        return List.of(
                new Case("IF of 2 inputs, 1 output", ControlFlowArenaModels.ifOf(2, 1, 2, 1), """
                    Arena allocation total 864 bytes
                    Arena allocation head 96 bytes
                    Arena allocation tail 768 bytes
                    'TfLiteEvalTensor data' used 120 bytes with alignment overhead (requested 120 bytes for 10 allocations)
                    'Persistent TfLiteTensor data' used 128 bytes with alignment overhead (requested 128 bytes for 4 tensors)
                    'Persistent buffer data' used 161 bytes with alignment overhead (requested 120 bytes for 5 allocations)
                    'NodeAndRegistration struct' used 96 bytes with alignment overhead (requested 96 bytes for 3 NodeAndRegistration structs)
                    """),
                new Case("IF of 1 input, 2 outputs, branches of 6 ops", ControlFlowArenaModels.ifOf(1, 2, 5, 3), """
                    Arena allocation total 2000 bytes
                    Arena allocation head 240 bytes
                    Arena allocation tail 1760 bytes
                    'TfLiteEvalTensor data' used 216 bytes with alignment overhead (requested 216 bytes for 18 allocations)
                    'Persistent TfLiteTensor data' used 128 bytes with alignment overhead (requested 128 bytes for 4 tensors)
                    'Persistent buffer data' used 722 bytes with alignment overhead (requested 600 bytes for 15 allocations)
                    'NodeAndRegistration struct' used 416 bytes with alignment overhead (requested 416 bytes for 13 NodeAndRegistration structs)
                    """),
                new Case("IF of 3 inputs, 3 outputs", ControlFlowArenaModels.ifOf(3, 3, 7, 1), """
                    Arena allocation total 1696 bytes
                    Arena allocation head 368 bytes
                    Arena allocation tail 1328 bytes
                    'TfLiteEvalTensor data' used 228 bytes with alignment overhead (requested 228 bytes for 19 allocations)
                    'Persistent TfLiteTensor data' used 224 bytes with alignment overhead (requested 224 bytes for 7 tensors)
                    'Persistent buffer data' used 383 bytes with alignment overhead (requested 324 bytes for 9 allocations)
                    'NodeAndRegistration struct' used 224 bytes with alignment overhead (requested 224 bytes for 7 NodeAndRegistration structs)
                    """),
                new Case("WHILE, cond of 1 op, body of 2", ControlFlowArenaModels.whileOf(2, 1, 1), """
                    Arena allocation total 944 bytes
                    Arena allocation head 96 bytes
                    Arena allocation tail 848 bytes
                    'TfLiteEvalTensor data' used 156 bytes with alignment overhead (requested 156 bytes for 13 allocations)
                    'Persistent TfLiteTensor data' used 96 bytes with alignment overhead (requested 96 bytes for 3 tensors)
                    'Persistent buffer data' used 204 bytes with alignment overhead (requested 172 bytes for 6 allocations)
                    'NodeAndRegistration struct' used 128 bytes with alignment overhead (requested 128 bytes for 4 NodeAndRegistration structs)
                    """),
                new Case("WHILE, cond of 3 ops, body of 4", ControlFlowArenaModels.whileOf(9, 3, 3), """
                    Arena allocation total 1520 bytes
                    Arena allocation head 224 bytes
                    Arena allocation tail 1296 bytes
                    'TfLiteEvalTensor data' used 204 bytes with alignment overhead (requested 204 bytes for 17 allocations)
                    'Persistent TfLiteTensor data' used 96 bytes with alignment overhead (requested 96 bytes for 3 tensors)
                    'Persistent buffer data' used 468 bytes with alignment overhead (requested 412 bytes for 10 allocations)
                    'NodeAndRegistration struct' used 256 bytes with alignment overhead (requested 256 bytes for 8 NodeAndRegistration structs)
                    """),
                new Case("IF inside WHILE's body", ControlFlowArenaModels.ifInsideWhile(), """
                    Arena allocation total 1280 bytes
                    Arena allocation head 144 bytes
                    Arena allocation tail 1136 bytes
                    'TfLiteEvalTensor data' used 216 bytes with alignment overhead (requested 216 bytes for 18 allocations)
                    'Persistent TfLiteTensor data' used 96 bytes with alignment overhead (requested 96 bytes for 3 tensors)
                    'Persistent buffer data' used 309 bytes with alignment overhead (requested 248 bytes for 9 allocations)
                    'NodeAndRegistration struct' used 224 bytes with alignment overhead (requested 224 bytes for 7 NodeAndRegistration structs)
                    """),
                new Case("WHILE inside IF's then branch", ControlFlowArenaModels.whileInsideIf(), """
                    Arena allocation total 1216 bytes
                    Arena allocation head 144 bytes
                    Arena allocation tail 1072 bytes
                    'TfLiteEvalTensor data' used 216 bytes with alignment overhead (requested 216 bytes for 18 allocations)
                    'Persistent TfLiteTensor data' used 96 bytes with alignment overhead (requested 96 bytes for 3 tensors)
                    'Persistent buffer data' used 279 bytes with alignment overhead (requested 216 bytes for 8 allocations)
                    'NodeAndRegistration struct' used 192 bytes with alignment overhead (requested 192 bytes for 6 NodeAndRegistration structs)
                    """),
                new Case("CALL_ONCE with a resource variable, init of 4 ops",
                        ControlFlowArenaModels.callOnceInit(7, 3), """
                    Arena allocation total 1120 bytes
                    Arena allocation head 96 bytes
                    Arena allocation tail 1024 bytes
                    'TfLiteEvalTensor data' used 96 bytes with alignment overhead (requested 96 bytes for 8 allocations)
                    'Persistent TfLiteTensor data' used 64 bytes with alignment overhead (requested 64 bytes for 2 tensors)
                    'Persistent buffer data' used 304 bytes with alignment overhead (requested 232 bytes for 9 allocations)
                    'NodeAndRegistration struct' used 288 bytes with alignment overhead (requested 288 bytes for 9 NodeAndRegistration structs)
                    """));
    }

    @Test
    void mainArenaEqualsTheBoardsForReferenceAndCmsisNnKernels() throws Exception {
        for (Case c : cases()) {
            Model m = ModelReader.read(c.model(), "control-flow");
            List<String> board = c.board().lines().map(l -> PREFIX + l).toList();
            for (KernelSet kernels : KernelSet.values()) {
                ArenaEstimate e = ArenaEstimator.estimate(m, Planners.plan(m, "tflm", Target.MCU32, kernels));
                assertThat(e.logLines()).as(c.name() + ", " + kernels).containsExactlyElementsOf(board);
                assertThat(e.isExact()).as(c.name() + " is exact, " + kernels).isTrue();
            }
        }
    }

    @Test
    void host64EqualsTflmRef(@TempDir Path dir) throws Exception {
        Path tflmRef = RefRun.shared() == null ? null : RefRun.shared().resolve("tools/tflm-ref/tflm_ref");
        Assumptions.assumeTrue(tflmRef != null && Files.isExecutable(tflmRef),
                "tflm_ref not found under tflm.shared/tools/tflm-ref: skipped");
        for (Case c : cases()) {
            Path file = Files.write(dir.resolve("control-flow.tflite"), c.model());
            List<String> truth = RefRun.tflmRefLines(tflmRef, file);
            assertThat(truth).as(c.name() + ": TFLM runs it").contains("exit_code: 0");
            Model m = ModelReader.open(file);
            assertThat(ArenaEstimator.estimate(m, Planners.plan(m, "tflm", Target.HOST64)).logLines())
                    .as(c.name()).containsExactlyElementsOf(truth.stream().filter(l -> l.startsWith(PREFIX)).toList());
        }
    }
}
