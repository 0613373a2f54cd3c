package dev.tflmstudio.serial.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.tflite.ModelReader;
import dev.tflmstudio.serial.qemu.QemuBoard;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The board debugger against real stock-TFLM firmware on QEMU's Cortex-M4F, through QEMU's GDB stub and a real
 * gdb-multiarch: the arena proof, every op's output read from the board against TFLM's checksums and the local
 * runtime, a fault injected into the board's RAM, and the board left running afterwards.
 */
class BoardDebuggerTest {
    private Path shared;
    private Model personDetect;

    @BeforeEach
    void needs() throws Exception {
        shared = QemuBoard.assumeShared();
        QemuBoard.assumeQemu();
        QemuBoard.assumeGdb();
        personDetect = ModelReader.open(shared.resolve("models/tflm-person_detect_int8.tflite"));
    }

    @Test
    void referenceFirmwareMatchesTflmAndTheLocalRuntimeOpByOp() throws Exception {
        Map<Integer, String> tflm = RefChecksums.read(shared.resolve("ref-arm32/tflm-person_detect_int8.tflite.txt"));
        AtomicLong progress = new AtomicLong();
        try (QemuBoard board = QemuBoard.debuggable(QemuBoard.firmware("person_detect_reference.elf"))) {
            try (BoardDebugger d = BoardDebugger.attach(target(board, "person_detect_reference.elf"), personDetect,
                    progress::set)) {
                assertThat(d.arena().proven()).as(d.arena().reason()).isTrue();
                assertThat(d.arena().symbol()).isEqualTo("(anonymous namespace)::g_arena");
                assertThat(d.arena().address()).isEqualTo(0x20014be0L);
                assertThat(d.arena().tensorsChecked()).isPositive();
                assertThat(d.position()).isZero();
                assertThat(d.invokeCount()).isEqualTo(1);

                List<OpComparison> ops = d.runTo(d.opCount());
                assertThat(ops).hasSize(31);
                for (OpComparison op : ops) {
                    TensorComparison out = op.outputs().get(0);
                    assertThat(RefChecksums.hex(out.boardFnv1a32())).as("op %d %s on the board", op.index(),
                            op.opcode()).isEqualTo(tflm.get(op.index()));
                    assertThat(out.equal()).as("op %d equals the local runtime", op.index()).isTrue();
                    assertThat(out.maxAbsError()).isZero();
                }
                assertThat(d.firstDivergence()).isEmpty();
                assertThat(progress.get()).as("bytes read reported").isGreaterThan(100_000);

                // The next step starts the next invoke, whose input the board wrote again.
                OpComparison first = d.step();
                assertThat(first.index()).isZero();
                assertThat(d.invokeCount()).isEqualTo(2);
                assertThat(d.position()).isEqualTo(1);
            }
            assertThat(board.running()).as("the board runs on after the debugger closed").isTrue();
        }
    }

    @Test
    void aTensorCorruptedInTheBoardsRamIsTheFirstDivergence() throws Exception {
        try (QemuBoard board = QemuBoard.debuggable(QemuBoard.firmware("person_detect_reference.elf"));
             BoardDebugger d = BoardDebugger.attach(target(board, "person_detect_reference.elf"), personDetect,
                     n -> { })) {
            d.breakpoint(5, true);
            List<OpComparison> ran = d.resume();
            assertThat(ran).hasSize(5).allMatch(OpComparison::equal);
            assertThat(d.position()).as("a breakpoint on op 5 stops before op 5 runs").isEqualTo(5);
            // Op 5 reads op 4's output: overwrite part of it on the board.
            int input = personDetect.main().operator(5).inputs().get(0);
            d.writeArena(d.tensorOffset(input), new byte[] {99, -99, 99, -99, 99, -99, 99, -99});
            d.breakpoint(5, false);
            d.resume();
            assertThat(d.position()).isEqualTo(d.opCount());
            OpComparison bad = d.firstDivergence().orElseThrow();
            assertThat(bad.index()).isEqualTo(5);
            assertThat(bad.opcode()).isEqualTo("DEPTHWISE_CONV_2D");
            assertThat(bad.outputs().get(0).maxAbsError()).isPositive();
        }
    }

    @Test
    void anotherModelThanTheFlashedOneFailsTheProofAndLeavesTheBoardRunning() throws Exception {
        Model other = ModelReader.open(shared.resolve("models/tflm-hello_world_int8.tflite"));
        try (QemuBoard board = QemuBoard.debuggable(QemuBoard.firmware("person_detect_reference.elf"))) {
            assertThatThrownBy(() -> BoardDebugger.attach(target(board, "person_detect_reference.elf"), other,
                    n -> { }))
                    .isInstanceOfSatisfying(ProbeException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ProbeException.Kind.INPUT);
                        assertThat(e.proof()).get().matches(p -> !p.proven());
                        assertThat(e.getMessage()).doesNotContain("\n").contains("does not hold this model");
                    });
            assertThat(board.running()).isTrue();
        }
    }

    @Test
    void cmsisNnFirmwareIsProvenByContentAndReportedOpByOp() throws Exception {
        // CMSIS-NN's kernels keep other persistent buffers, so the tail (27,124 B) is laid out differently; the
        // eval-tensor table is found by its content. Their scratch buffers differ too: the planner puts tensor 27
        // (AVERAGE_POOL_2D's output) at +0xd00 where the reference kernels' plan has +0x900, which is where the
        // CMSIS-NN plan puts it, so the arena is proven against that plan. The outputs equal the reference kernels'.
        Map<Integer, String> cmsis = RefChecksums.read(
                shared.resolve("ref-arm32-cmsis/tflm-person_detect_int8.tflite.txt"));
        try (QemuBoard board = QemuBoard.debuggable(QemuBoard.firmware("person_detect_cmsis_nn.elf"));
             BoardDebugger d = BoardDebugger.attach(target(board, "person_detect_cmsis_nn.elf"), personDetect,
                     n -> { })) {
            assertThat(d.arena().proven()).as(d.arena().reason()).isTrue();
            assertThat(d.arena().reason()).startsWith("all 32 planned tensors are at their planned offsets for"
                    + " CMSIS-NN kernels");
            assertThat(d.tensorOffset(27)).isEqualTo(0xd00);
            for (OpComparison op : d.runTo(d.opCount())) {
                assertThat(RefChecksums.hex(op.outputs().get(0).boardFnv1a32())).as("op %d", op.index())
                        .isEqualTo(cmsis.get(op.index()));
                assertThat(op.equal()).as("op %d %s: CMSIS-NN equals the reference kernels", op.index(),
                        op.opcode()).isTrue();
            }
        }
    }

    @Test
    void theBoardGoingAwayMidInvokeIsALinkFailureNotAHang() throws Exception {
        try (QemuBoard board = QemuBoard.debuggable(QemuBoard.firmware("person_detect_reference.elf"));
             BoardDebugger d = BoardDebugger.attach(target(board, "person_detect_reference.elf"), personDetect,
                     n -> { })) {
            d.step();
            board.unplug();
            assertThatThrownBy(d::step).isInstanceOfSatisfying(ProbeException.class, e -> {
                assertThat(e.kind()).isEqualTo(ProbeException.Kind.LINK);
                assertThat(e.getMessage()).doesNotContain("\n");
            });
        }
    }

    @Test
    void firmwareWithoutAProfilerIsSteppedOnInvokeAndResetTempAllocations() throws Exception {
        Map<Integer, String> tflm = RefChecksums.read(shared.resolve("ref-arm32/tflm-person_detect_int8.tflite.txt"));
        try (QemuBoard board = QemuBoard.debuggable(QemuBoard.firmware("person_detect_reference.elf"));
             BoardDebugger d = BoardDebugger.attach(target(board, "person_detect_reference.elf"), personDetect,
                     n -> { }, false)) {
            assertThat(d.arena().proven()).isTrue();
            d.breakpoint(7, true);
            assertThat(d.resume()).hasSize(7);
            assertThat(d.position()).isEqualTo(7);
            for (OpComparison op : d.runTo(d.opCount())) {
                assertThat(RefChecksums.hex(op.outputs().get(0).boardFnv1a32())).as("op %d", op.index())
                        .isEqualTo(tflm.get(op.index()));
            }
            assertThat(d.comparisons()).hasSize(31).allMatch(OpComparison::equal);
            assertThat(d.step().index()).isZero();
            assertThat(d.invokeCount()).isEqualTo(2);
            assertThat(d.comparisons().get(0).equal()).isTrue();
        }
    }

    @Test
    void anInterruptStopsTheRunBetweenOpsAndSteppingGoesOn() throws Exception {
        try (QemuBoard board = QemuBoard.debuggable(QemuBoard.firmware("person_detect_reference.elf"));
             BoardDebugger d = BoardDebugger.attach(target(board, "person_detect_reference.elf"), personDetect,
                     n -> { })) {
            java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
            Thread run = new Thread(() -> {
                try {
                    d.runTo(d.opCount());
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            run.start();
            Thread.sleep(100);
            run.interrupt();
            run.join(30_000);
            assertThat(run.isAlive()).isFalse();
            assertThat(failure.get()).isInstanceOf(ProbeException.class).hasMessage("stopped: interrupted");
            int at = d.position();
            assertThat(at).isBetween(1, d.opCount() - 1);
            assertThat(d.comparisons()).hasSize(at);
            // The board stopped at a clean point: the rest of the invoke runs and compares as before.
            assertThat(d.runTo(d.opCount())).hasSize(d.opCount() - at).allMatch(OpComparison::equal);
        }
    }

    @Test
    void endingTheDebuggersProcessResumesTheBoard() throws Exception {
        Path elf = QemuBoard.firmware("person_detect_reference.elf");
        try (QemuBoard board = QemuBoard.debuggable(elf)) {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                    System.getProperty("java.class.path"), AttachAndWait.class.getName(), board.gdbServer(),
                    elf.toString(), shared.resolve("models/tflm-person_detect_int8.tflite").toString())
                    .redirectErrorStream(true).start();
            try {
                String line = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream()))
                        .readLine();
                assertThat(line).isEqualTo("attached, before op 1");
                assertThat(board.running()).as("halted between ops while the debugger holds it").isFalse();
                p.destroy(); // SIGTERM, as Ctrl-C or closing the terminal
                assertThat(p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
                assertThat(board.running()).as("the shutdown hook resumed the board").isTrue();
            } finally {
                p.destroyForcibly();
            }
        }
    }

    private ProbeTarget target(QemuBoard board, String elf) {
        return new ProbeTarget(board.gdbServer(), QemuBoard.firmware(elf), null, null);
    }
}
