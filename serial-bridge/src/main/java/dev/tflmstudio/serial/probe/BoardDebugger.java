package dev.tflmstudio.serial.probe;

import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.model.Operator;
import dev.tflmstudio.runtime.model.Subgraph;
import dev.tflmstudio.runtime.plan.ArenaEstimator;
import dev.tflmstudio.runtime.plan.MemoryPlan;
import dev.tflmstudio.runtime.plan.KernelSet;
import dev.tflmstudio.runtime.plan.Planners;
import dev.tflmstudio.runtime.plan.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
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
 *
 * <p>How: hardware breakpoints (two at a time) on {@code tflite::MicroProfiler::BeginEvent} and {@code EndEvent},
 * which TFLM's interpreter calls around every op when the firmware has a profiler; {@code MicroInterpreter::Invoke}
 * once at attach to find op 0. Firmware without a profiler: {@code MicroInterpreter::Invoke} (before op 0) and
 * {@code MicroAllocator::ResetTempAllocations}, which the interpreter calls right after every op's invoke.
 */
public final class BoardDebugger implements AutoCloseable {
    static final String BEGIN = "tflite::MicroProfiler::BeginEvent";
    static final String END = "tflite::MicroProfiler::EndEvent";
    static final String INVOKE = "tflite::MicroInterpreter::Invoke";
    /** Called by the interpreter right after every op's invoke: the op boundary of firmware without a profiler. */
    static final String AFTER_OP = "tflite::MicroAllocator::ResetTempAllocations";

    private final ProbeLink link;
    private final Model model;
    private final ArenaProof proof;
    private final long arenaStart;
    private final int[] offsets;
    private final LocalReference local;
    /** The breakpoint hit before each op runs (BeginEvent), or -1 without a profiler. */
    private final int beginBreakpoint;
    /** The breakpoint hit after each op ran (EndEvent, or ResetTempAllocations without a profiler). */
    private final int endBreakpoint;
    /** The breakpoint on Invoke's entry, kept without a profiler (the stop before op 0), else -1. */
    private final int invokeBreakpoint;
    private final Set<Integer> breakpoints = new TreeSet<>();
    /** This invoke's comparisons, replaced (never changed) so that readers on other threads never wait. */
    private volatile List<OpComparison> comparisons = List.of();
    private final Thread shutdownHook;
    private volatile List<byte[]> boardInputs = List.of();
    private volatile int position;
    private volatile long invokes;
    private volatile boolean closed;

    private BoardDebugger(ProbeLink link, Model model, ArenaProof proof, long arenaStart, int[] offsets,
                          LocalReference local, int beginBreakpoint, int endBreakpoint, int invokeBreakpoint,
                          Thread shutdownHook) {
        this.link = link;
        this.model = model;
        this.proof = proof;
        this.arenaStart = arenaStart;
        this.offsets = offsets;
        this.local = local;
        this.beginBreakpoint = beginBreakpoint;
        this.endBreakpoint = endBreakpoint;
        this.invokeBreakpoint = invokeBreakpoint;
        this.shutdownHook = shutdownHook;
    }

    /**
     * Connects to the board and proves the arena.
     *
     * @param target    where the probe is, the firmware and the GDB
     * @param model     the model the user opened (expected to be the one flashed)
     * @param bytesRead progress: called with the number of bytes read from the target so far, from the calling thread
     */
    public static BoardDebugger attach(ProbeTarget target, Model model, LongConsumer bytesRead) throws ProbeException {
        return attach(target, model, bytesRead, true);
    }

    /**
     * As {@link #attach(ProbeTarget, Model, LongConsumer)}; {@code useProfiler} false stops on Invoke and
     * ResetTempAllocations even when the firmware has a profiler (what firmware without one gets; for tests).
     */
    static BoardDebugger attach(ProbeTarget target, Model model, LongConsumer bytesRead, boolean useProfiler)
            throws ProbeException {
        FirmwareSymbols symbols = FirmwareSymbols.read(target.elf());
        FirmwareSymbols.DataObject arena = symbols.arena(target.arenaSymbol());
        boolean profiler = useProfiler && symbols.hasFunction(BEGIN) && symbols.hasFunction(END);
        for (String f : profiler ? List.of(INVOKE) : List.of(INVOKE, AFTER_OP)) {
            if (!symbols.hasFunction(f)) {
                throw new ProbeException(ProbeException.Kind.INPUT, target.elf() + " has no " + f
                        + ": is it TFLM firmware (MicroInterpreter) with symbols?");
            }
        }
        // Most Cortex-M firmware links CMSIS-NN, whose scratch buffers move some tensors: the proof tries the
        // reference kernels' plan first, then CMSIS-NN's.
        MemoryPlan plan = Planners.plan(model, "tflm", Target.MCU32, KernelSet.REFERENCE);
        MemoryPlan cmsisPlan = Planners.plan(model, "tflm", Target.MCU32, KernelSet.CMSIS_NN);
        Subgraph main = model.main();
        int[] offsets = plannedOffsets(plan, main.tensors().size());
        int[] cmsisOffsets = plannedOffsets(cmsisPlan, offsets.length);
        boolean[] constant = new boolean[offsets.length];
        for (int t = 0; t < offsets.length; t++) {
            constant[t] = main.tensor(t).hasData();
        }
        long predictedTail = Math.max(ArenaEstimator.estimate(model, plan).tailBytes(),
                ArenaEstimator.estimate(model, cmsisPlan).tailBytes());
        LocalReference local = LocalReference.of(model);
        String gdb = target.gdb() != null ? target.gdb() : "gdb-multiarch";
        ProbeLink link = ProbeLink.connect(gdb, target.gdbServer(), target.elf(), bytesRead == null ? n -> { } : bytesRead);
        Thread hook = new Thread(link::close, "board-debugger-release");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            // TFLM aligns the arena start up and the tail's end down to 16 bytes.
            long start = (arena.address() + 15) & ~15L;
            long end = (arena.address() + arena.size()) & ~15L;
            // At most two hardware breakpoints at a time: Cortex-M cores have 4 to 8, debuggers keep some.
            int invoke = link.hbreak(INVOKE);
            link.continueToBreakpoint();
            int begin = -1;
            if (profiler) {
                link.delete(invoke);
                invoke = -1;
                begin = link.hbreak(BEGIN);
                link.continueToBreakpoint();
            }
            int scan = (int) Math.min(end - start, Math.max(2 * predictedTail, 32 * 1024));
            byte[] tail = link.read(end - scan, scan);
            EvalTensorTable.Found found = EvalTensorTable.find(arena.name(), start, end, tail, end - scan, offsets,
                    constant);
            if (found.addresses() != null && !found.proof().proven()) {
                EvalTensorTable.Found cmsis = EvalTensorTable.find(arena.name(), start, end, tail, end - scan,
                        cmsisOffsets, constant);
                if (cmsis.proof().proven()) {
                    ArenaProof p = cmsis.proof();
                    found = new EvalTensorTable.Found(cmsis.addresses(), new ArenaProof(p.symbol(), p.address(),
                            true, p.reason().replace("planned offsets", "planned offsets for CMSIS-NN kernels"),
                            p.tensorsChecked()));
                    offsets = cmsisOffsets;
                }
            }
            if (found.addresses() == null) {
                throw new ProbeException(found.proof());
            }
            int endBp = link.hbreak(profiler ? END : AFTER_OP);
            BoardDebugger d = new BoardDebugger(link, model, found.proof(), start, boardOffsets(found, start, offsets),
                    local, begin, endBp, invoke, hook);
            d.startInvoke();
            return d;
        } catch (ProbeException | RuntimeException e) {
            release(link, hook);
            throw e;
        }
    }

    /** Each tensor of subgraph 0's offset in {@code plan}, or -1 where the plan gives it none. */
    private static int[] plannedOffsets(MemoryPlan plan, int tensors) {
        int[] offsets = new int[tensors];
        for (int t = 0; t < tensors; t++) {
            offsets[t] = plan.forTensor(0, t).map(b -> b.offset()).orElse(-1);
        }
        return offsets;
    }

    /** Each tensor's offset as the board's own table gives it (the plan's where the table says nothing). */
    private static int[] boardOffsets(EvalTensorTable.Found found, long start, int[] planned) {
        int[] offsets = planned.clone();
        for (int t = 0; t < offsets.length; t++) {
            if (planned[t] >= 0) {
                offsets[t] = (int) (found.addresses()[t] - start);
            }
        }
        return offsets;
    }

    private static void release(ProbeLink link, Thread hook) {
        link.close();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook runs anyway.
        }
    }

    /** Halted before op 0: read the input the board wrote and run the local runtime on it. */
    private void startInvoke() throws ProbeException {
        List<byte[]> inputs = new ArrayList<>();
        for (int t : model.main().inputs()) {
            inputs.add(readTensor(t, (int) model.main().tensor(t).arenaBytes()));
        }
        boardInputs = inputs;
        local.invoke(inputs);
        comparisons = List.of();
        position = 0;
        invokes++;
    }

    private byte[] readTensor(int tensor, int bytes) throws ProbeException {
        if (offsets[tensor] < 0) {
            throw new ProbeException(ProbeException.Kind.INPUT, "tensor " + tensor + " has no place in the arena");
        }
        return link.read(arenaStart + offsets[tensor], bytes);
    }

    /**
     * The arena's address and proof. Not proven but attached means the board's table holds this model's tensors
     * with some at other offsets than planned (other kernels' scratch buffers): the board's own addresses are used.
     * A table that does not fit the model at all fails {@link #attach}.
     */
    public ArenaProof arena() {
        return proof;
    }

    /** Ops in subgraph 0. */
    public int opCount() {
        return model.main().operators().size();
    }

    /** The next op the board will run (0..opCount). The getters never wait for a running step. */
    public int position() {
        return position;
    }

    /** Invokes started on the board since attach (1 after attach). */
    public long invokeCount() {
        return invokes;
    }

    /** Bytes read from the board since attach. */
    public long bytesRead() {
        return link.bytesRead();
    }

    /** Runs the next op on the board and compares its outputs. */
    public synchronized OpComparison step() throws ProbeException {
        if (position == opCount()) {
            nextInvoke();
        }
        return runOp();
    }

    /** Runs ops until the board is before op {@code index}; returns the comparison of every op run. */
    public synchronized List<OpComparison> runTo(int index) throws ProbeException {
        if (index < 0 || index > opCount()) {
            throw new IllegalArgumentException("op index " + index + " out of range 0.." + opCount());
        }
        List<OpComparison> ran = new ArrayList<>();
        if (index == position) {
            return ran;
        }
        if (index < position || position == opCount()) {
            while (position < opCount()) {
                cancelPoint();
                ran.add(runOp());
            }
            cancelPoint();
            nextInvoke();
        }
        while (position < index) {
            cancelPoint();
            ran.add(runOp());
        }
        return ran;
    }

    /** Runs to the next breakpoint or the end of this invoke; returns the comparison of every op run. */
    public synchronized List<OpComparison> resume() throws ProbeException {
        List<OpComparison> ran = new ArrayList<>();
        do {
            cancelPoint();
            ran.add(step());
        } while (position < opCount() && !breakpoints.contains(position));
        return ran;
    }

    /** Sets or clears a breakpoint before op {@code index}. */
    public synchronized void breakpoint(int index, boolean on) {
        if (on) {
            breakpoints.add(index);
        } else {
            breakpoints.remove(index);
        }
    }

    /** The comparisons of this invoke so far, in op order. */
    public List<OpComparison> comparisons() {
        return comparisons;
    }

    /** The first op of this invoke whose outputs differ from the local runtime's, if any yet. */
    public Optional<OpComparison> firstDivergence() {
        return comparisons.stream().filter(c -> !c.equal()).findFirst();
    }

    /** The input tensors' bytes as the board used them in this invoke, in the model's input order. */
    public List<byte[]> boardInputs() {
        return boardInputs.stream().map(byte[]::clone).toList();
    }

    /** Reads {@code length} bytes of the board's arena from {@code offset} (for the arena view's diff). */
    public synchronized byte[] readArena(long offset, int length) throws ProbeException {
        return link.read(arenaStart + offset, length);
    }

    /**
     * Writes bytes into the board's arena at {@code offset}: fault injection, to see what the debugger reports
     * when a tensor is corrupted (tests, demonstrations). The local runtime is not told.
     */
    public synchronized void writeArena(long offset, byte[] bytes) throws ProbeException {
        link.write(arenaStart + offset, bytes);
    }

    /** Where tensor {@code tensor} of subgraph 0 is in the board's arena (its own table's offset), -1 for constants. */
    public int tensorOffset(int tensor) {
        return offsets[tensor];
    }

    /** Between ops the board is at a clean point: an interrupt of the calling thread stops the run here. */
    private static void cancelPoint() throws ProbeException {
        if (Thread.interrupted()) {
            throw new ProbeException(ProbeException.Kind.LINK, "stopped: interrupted");
        }
    }

    /** From the end of an invoke to the board halted before op 0 of the next one. */
    private void nextInvoke() throws ProbeException {
        expect(beginBreakpoint >= 0 ? beginBreakpoint : invokeBreakpoint, "the start of op 0");
        startInvoke();
    }

    /** Runs op {@link #position} (halted at its BeginEvent) and stops before the next one. */
    private OpComparison runOp() throws ProbeException {
        int index = position;
        expect(endBreakpoint, "the end of op " + index);
        Operator op = model.main().operator(index);
        List<TensorComparison> outputs = new ArrayList<>();
        for (int n = 0; n < op.outputs().size(); n++) {
            int t = op.outputs().get(n);
            byte[] mine = local.output(index, n);
            byte[] board = readTensor(t, mine.length);
            outputs.add(new TensorComparison(t, board, mine,
                    Dequantized.maxAbsError(model.main().tensor(t), board, mine)));
        }
        OpComparison c = new OpComparison(index, op.opName(), List.copyOf(outputs));
        List<OpComparison> more = new ArrayList<>(comparisons);
        more.add(c);
        comparisons = List.copyOf(more);
        if (index + 1 < opCount() && beginBreakpoint >= 0) {
            expect(beginBreakpoint, "the start of op " + (index + 1));
        }
        position = index + 1;
        return c;
    }

    private void expect(int breakpoint, String where) throws ProbeException {
        if (closed) {
            throw new ProbeException(ProbeException.Kind.LINK, "the board debugger is closed");
        }
        int hit = link.continueToBreakpoint();
        if (hit != breakpoint) {
            throw new ProbeException(ProbeException.Kind.INPUT, "the board stopped elsewhere than " + where
                    + ": the firmware does not run this model's ops one profiler event each");
        }
    }

    /** Removes breakpoints, resumes the board and detaches GDB. Never throws. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        release(link, shutdownHook);
    }
}
