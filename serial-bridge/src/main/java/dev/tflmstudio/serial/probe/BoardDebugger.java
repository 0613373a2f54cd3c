package dev.tflmstudio.serial.probe;

import dev.tflmstudio.runtime.model.Model;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * Steps the ops of subgraph 0 on a board running stock TFLM through its debug probe (GDB/MI), reads each op's
 * outputs from the board's RAM, runs the local runtime on the input the board used, and compares op by op.
 *
 * <p>Contract (the CLI's {@code debug} command and the app's Board window both use exactly this):
 * <ul>
 *   <li>{@link #attach} starts GDB, connects, loads symbols, finds and proves the arena, and leaves the board halted
 *       at the start of an invoke (before op 0, input already written), or throws a one-line {@link ProbeException}
 *       with the board resumed.</li>
 *   <li>{@link #position()} is the next op the board will run, 0..{@link #opCount()}, as in the local
 *       {@code Session}; {@link #step()} runs exactly that op on the board and returns its comparison.</li>
 *   <li>{@link #runTo(int)} stops before op {@code index} (the same rule as breakpoints: a breakpoint on op N stops
 *       before op N runs), {@link #resume()} runs to the next breakpoint or the end of the invoke.</li>
 *   <li>At the end of an invoke ({@code position() == opCount()}) the next step starts a new invoke (the board
 *       runs on, rewrites its input, and stops before op 0 again).</li>
 *   <li>Every method blocks the calling thread (never the FX thread), may be cancelled by interrupting it
 *       (it then throws {@link ProbeException} and the board is halted at a clean point), and reports bytes read
 *       to the progress consumer given at attach.</li>
 *   <li>{@link #close()} removes breakpoints, resumes the target and detaches GDB; it is also run when the JVM
 *       exits: a board is never left halted.</li>
 * </ul>
 */
public final class BoardDebugger implements AutoCloseable {
    private BoardDebugger() {
    }

    /**
     * Connects to the board and proves the arena.
     *
     * @param target    where the probe is, the firmware and the GDB
     * @param model     the model the user opened (expected to be the one flashed)
     * @param bytesRead progress: called with the number of bytes read from the target so far, from the calling thread
     */
    public static BoardDebugger attach(ProbeTarget target, Model model, LongConsumer bytesRead) throws ProbeException {
        throw new ProbeException(ProbeException.Kind.LINK, "the board debugger is not built yet");
    }

    /** The arena's address and proof. */
    public ArenaProof arena() {
        throw new UnsupportedOperationException();
    }

    /** Ops in subgraph 0. */
    public int opCount() {
        throw new UnsupportedOperationException();
    }

    /** The next op the board will run (0..opCount). */
    public int position() {
        throw new UnsupportedOperationException();
    }

    /** Invokes started on the board since attach (1 after attach). */
    public long invokeCount() {
        throw new UnsupportedOperationException();
    }

    /** Runs the next op on the board and compares its outputs. */
    public OpComparison step() throws ProbeException {
        throw new UnsupportedOperationException();
    }

    /** Runs ops until the board is before op {@code index}; returns the comparison of every op run. */
    public List<OpComparison> runTo(int index) throws ProbeException {
        throw new UnsupportedOperationException();
    }

    /** Runs to the next breakpoint or the end of this invoke; returns the comparison of every op run. */
    public List<OpComparison> resume() throws ProbeException {
        throw new UnsupportedOperationException();
    }

    /** Sets or clears a breakpoint before op {@code index}. */
    public void breakpoint(int index, boolean on) {
        throw new UnsupportedOperationException();
    }

    /** The comparisons of this invoke so far, in op order. */
    public List<OpComparison> comparisons() {
        throw new UnsupportedOperationException();
    }

    /** The first op of this invoke whose outputs differ from the local runtime's, if any yet. */
    public Optional<OpComparison> firstDivergence() {
        throw new UnsupportedOperationException();
    }

    /** The input tensors' bytes as the board used them in this invoke, in the model's input order. */
    public List<byte[]> boardInputs() {
        throw new UnsupportedOperationException();
    }

    /** Reads {@code length} bytes of the board's arena from {@code offset} (for the arena view's diff). */
    public byte[] readArena(long offset, int length) throws ProbeException {
        throw new UnsupportedOperationException();
    }

    /** Removes breakpoints, resumes the board and detaches GDB. Never throws. */
    @Override
    public void close() {
    }
}
