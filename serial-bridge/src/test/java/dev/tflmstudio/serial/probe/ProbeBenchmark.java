package dev.tflmstudio.serial.probe;

import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.tflite.ModelReader;
import dev.tflmstudio.serial.qemu.QemuBoard;
import java.nio.file.Path;

/**
 * The board debugger's speed on QEMU's Cortex-M4F (person_detect, reference kernels): attach with the arena
 * proof, bytes per second read from the target, and seconds for a full step-through of one invoke (31 ops, two
 * breakpoint stops and every output read per op) beside the board's own invoke time, measured in the same run
 * with a breakpoint on MicroInterpreter::Invoke only. Run with {@code -Dtflm.shared=../shared}:
 * {@code java -cp <test-classes>:<classes>:<deps> dev.tflmstudio.serial.probe.ProbeBenchmark}.
 */
public final class ProbeBenchmark {
    private ProbeBenchmark() {
    }

    private static double step;

    public static void main(String[] args) throws Exception {
        Path shared = QemuBoard.assumeShared();
        Path elf = QemuBoard.firmware("person_detect_reference.elf");
        Model model = ModelReader.open(shared.resolve("models/tflm-person_detect_int8.tflite"));
        try (QemuBoard board = QemuBoard.debuggable(elf)) {
            long t0 = System.nanoTime();
            try (BoardDebugger d = BoardDebugger.attach(new ProbeTarget(board.gdbServer(), elf, null, null), model,
                    n -> { })) {
                double attach = (System.nanoTime() - t0) / 1e9;
                System.out.printf("attach (GDB start, connect, run to op 0, read tail, prove): %.2f s%n", attach);
                int bytes = 256 * 1024 - 16;
                double best = 0;
                for (int i = 0; i < 5; i++) {
                    long r0 = System.nanoTime();
                    d.readArena(0, bytes);
                    best = Math.max(best, bytes / ((System.nanoTime() - r0) / 1e9));
                }
                System.out.printf("read from the target: %.2f MB/s (best of 5 reads of %,d B)%n", best / 1e6, bytes);
                step = Double.MAX_VALUE;
                for (int i = 0; i < 3; i++) {
                    d.runTo(d.opCount());
                    long s0 = System.nanoTime();
                    d.runTo(0);
                    d.runTo(d.opCount());
                    step = Math.min(step, (System.nanoTime() - s0) / 1e9);
                }
                System.out.printf("full step-through of one invoke (31 ops compared): %.2f s (best of 3)%n", step);
            }
        }
        try (QemuBoard board = QemuBoard.debuggable(elf)) {
            // Baseline: the board's own invoke-to-invoke time under the same QEMU, one stop per invoke.
            double invoke = secondsPerInvoke(board, elf, 5);
            System.out.printf("board invoke to invoke without stepping: %.3f s; the step-through takes %.0fx that%n",
                    invoke, step / invoke);
        }
    }

    private static double secondsPerInvoke(QemuBoard board, Path elf, int invokes) throws ProbeException {
        try (ProbeLink link = ProbeLink.connect("gdb-multiarch", board.gdbServer(), elf, n -> { })) {
            link.hbreak(BoardDebugger.INVOKE);
            link.continueToBreakpoint();
            long t0 = System.nanoTime();
            for (int i = 0; i < invokes; i++) {
                link.continueToBreakpoint();
            }
            return (System.nanoTime() - t0) / 1e9 / invokes;
        }
    }
}
