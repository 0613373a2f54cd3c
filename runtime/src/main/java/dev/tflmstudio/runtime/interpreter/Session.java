package dev.tflmstudio.runtime.interpreter;

import dev.tflmstudio.runtime.check.GraphCheck;
import dev.tflmstudio.runtime.check.InvalidGraphException;
import dev.tflmstudio.runtime.kernels.Kernel;
import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.KernelRegistry;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;
import dev.tflmstudio.runtime.kernels.ScratchBuffer;
import dev.tflmstudio.runtime.kernels.TensorData;
import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.model.Operator;
import dev.tflmstudio.runtime.model.Subgraph;
import dev.tflmstudio.runtime.plan.PlannedBuffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stepping interpreter over subgraph 0 of a model, shared by the app and the CLI: allocate (registration, every
 * op's prepare, memory plan, one arena), set inputs, then {@link #step()}, {@link #runTo(int)}, {@link #run()},
 * {@link #resume()} (to the next breakpoint) and {@link #reset()}. Inputs are re-written at the start of every
 * invoke, as the reference driver does, because the plan may reuse input memory. Not thread-safe: drive it from one
 * thread, except {@link #cancel()}. Ops of the subgraphs IF, WHILE and CALL_ONCE call run within the calling op's
 * step ({@link CalledSubgraphs}); a WHILE stops with a {@link KernelException} after
 * {@link #maxWhileIterations()} iterations.
 */
public final class Session {
    /** How many iterations one WHILE may run in one eval unless {@link #setMaxWhileIterations} says otherwise. */
    public static final long DEFAULT_MAX_WHILE_ITERATIONS = 1_000_000;

    private final Model model;
    private final Subgraph main;
    private final TensorData[] tensors;
    private final PreparedOp[] ops;
    private final List<List<ScratchBuffer>> scratch;
    private final ArenaLayout layout;
    private final ByteBuffer arena;
    private final byte[][] inputs;
    private final long[] lastNanos;
    private final TensorWrites writes;
    private final CalledSubgraphs called;
    private final List<StepListener> listeners = new CopyOnWriteArrayList<>();
    private final List<Breakpoint> breakpoints = new CopyOnWriteArrayList<>();
    private int pc;
    private long invokes;
    private boolean opTiming = true;

    private Session(Model model, CalledSubgraphs called, PreparedOp[] ops, List<List<ScratchBuffer>> scratch,
                    ArenaLayout layout) {
        this.model = model;
        this.main = model.main();
        this.called = called;
        this.tensors = called.tensors(0);
        this.ops = ops;
        this.scratch = scratch;
        this.layout = layout;
        this.arena = ByteBuffer.wrap(new byte[layout.totalBytes()]).order(ByteOrder.LITTLE_ENDIAN);
        this.inputs = new byte[main.inputs().size()][];
        this.lastNanos = new long[ops.length];
        for (TensorData t : tensors) {
            if (!t.isConstant()) {
                t.bind(arena, layout.tensorOffset(t.index()));
            }
        }
        for (int op = 0; op < scratch.size(); op++) {
            for (ScratchBuffer s : scratch.get(op)) {
                s.bind(arena, layout.scratchOffset(op, s.index()));
            }
        }
        this.writes = new TensorWrites(main, tensors, layout);
        called.bind(arena, layout.plan());
        resetVariables();
    }

    /** Allocates with every kernel of this runtime and TFLM's greedy planner. */
    public static Session allocate(Model model) throws KernelException {
        return allocate(model, KernelRegistry.standard(), "tflm");
    }

    /**
     * Checks the graph ({@link GraphCheck}, throwing {@link InvalidGraphException}), looks up every op's kernel
     * (failing at {@link KernelException.Stage#REGISTRATION} for the first op with none, as TFLM does before any
     * prepare; then the ops of the other subgraphs), prepares the ops in order (subgraph 0, then the subgraphs
     * IF/WHILE/CALL_ONCE call), plans the arena (refusing one over {@link GraphCheck#MAX_ARENA_BYTES}) and binds
     * every tensor.
     */
    public static Session allocate(Model model, KernelRegistry registry, String planner) throws KernelException {
        GraphCheck.verify(model);
        Subgraph main = model.main();
        Kernel[] kernels = new Kernel[main.operators().size()];
        for (Operator op : main.operators()) {
            kernels[op.index()] = registry.find(op.code());
            if (kernels[op.index()] == null) {
                throw new KernelException(KernelException.Stage.REGISTRATION, op.index(), op.opName(),
                        "this runtime has no kernel for " + op.opName());
            }
        }
        CalledSubgraphs called = CalledSubgraphs.register(model, registry);
        TensorData[] tensors = called.tensors(0);
        PreparedOp[] prepared = new PreparedOp[kernels.length];
        List<List<ScratchBuffer>> scratch = new ArrayList<>();
        for (Operator op : main.operators()) {
            OpContext ctx = new OpContext(model, main, op, tensors, called);
            try {
                prepared[op.index()] = kernels[op.index()].prepare(ctx);
            } catch (RuntimeException e) {
                throw new KernelException(KernelException.Stage.PREPARE, op.index(), op.opName(),
                        "internal error in prepare: " + e);
            }
            DynamicTensors.check(main, op);
            scratch.add(ctx.scratchRequests());
        }
        called.prepare();
        return new Session(model, called, prepared, scratch, ArenaLayout.plan(model, planner, scratch));
    }

    public Model model() {
        return model;
    }

    public ArenaLayout layout() {
        return layout;
    }

    /** The arena's bytes (live view; do not write). */
    public byte[] arenaBytes() {
        return arena.array();
    }

    public int opCount() {
        return ops.length;
    }

    /** Index of the next op to run; {@link #opCount()} when the current invoke has finished. */
    public int position() {
        return pc;
    }

    public boolean atEnd() {
        return pc == ops.length;
    }

    /** Completed invokes since allocation. */
    public long invokeCount() {
        return invokes;
    }

    /** The kernel-side view of a tensor of subgraph 0. */
    public TensorData tensor(int index) {
        return tensors[index];
    }

    /** Sets model input {@code i} (position in the subgraph's input list) to raw little-endian bytes. */
    public void setInput(int i, byte[] raw) {
        TensorData t = tensors[main.inputs().get(i)];
        if (raw.length != t.byteLength()) {
            throw new IllegalArgumentException("input " + i + " (" + t.tensor() + ") needs " + t.byteLength()
                    + " bytes, got " + raw.length);
        }
        inputs[i] = raw.clone();
    }

    /**
     * Whether each op is timed ({@link #lastOpNanos()}, the listeners' nanos; on by default). Off, a run reads no
     * clock per op, which matters for small models; {@link #profile} times ops whatever this says.
     */
    public void setOpTiming(boolean on) {
        opTiming = on;
    }

    public boolean opTiming() {
        return opTiming;
    }

    public void addListener(StepListener l) {
        listeners.add(l);
    }

    public void removeListener(StepListener l) {
        listeners.remove(l);
    }

    public void addBreakpoint(Breakpoint b) {
        breakpoints.add(b);
    }

    public void clearBreakpoints() {
        breakpoints.clear();
    }

    public List<Breakpoint> breakpoints() {
        return List.copyOf(breakpoints);
    }

    /**
     * Runs the next op (starting a new invoke, with inputs re-written, when the last one finished) and returns its
     * index.
     */
    public int step() throws KernelException {
        if (ops.length == 0) {
            throw new IllegalStateException("the main graph has no ops to step through; run() invokes it");
        }
        long t0 = startOp();
        int i = pc;
        runOp(t0);
        return i;
    }

    /** Wraps to a new invoke (re-writing the inputs) when the last one finished; returns the time the op starts. */
    private long startOp() {
        if (pc == ops.length) {
            pc = 0;
        }
        if (pc == 0) {
            beginInvoke();
        }
        return System.nanoTime();
    }

    /**
     * Asks the op running now (or the next to run) to stop, from any thread: it throws
     * {@link InvokeCancelledException} at its next check, between ops or before any op of a called subgraph (each
     * WHILE iteration). The request is spent by that throw. Stopped between ops, the session stays before the op;
     * stopped inside one (an IF or WHILE), the op has not finished and the next step starts a new invoke.
     */
    public void cancel() {
        called.cancel();
    }

    /** The iteration limit of every WHILE of the model, per eval. */
    public long maxWhileIterations() {
        return called.maxWhileIterations();
    }

    /** Sets how many iterations one WHILE may run before failing with a {@link KernelException}; at least 1. */
    public void setMaxWhileIterations(long n) {
        if (n < 1) {
            throw new IllegalArgumentException("the WHILE iteration limit must be at least 1, got " + n);
        }
        called.setMaxWhileIterations(n);
    }

    /** Runs op {@link #pc}, timed from {@code t0}, tells the listeners, and returns the time the op ended. */
    private long runOp(long t0) throws KernelException {
        int i = pc;
        if (called.takeCancel()) {
            throw new InvokeCancelledException(i, main.operator(i).opName());
        }
        try {
            ops[i].eval();
        } catch (InvokeCancelledException e) {
            pc = 0; // the op stopped half-way: its outputs (and for IF its inputs) are not to be trusted
            throw new InvokeCancelledException(i, main.operator(i).opName());
        } catch (RuntimeException e) {
            Operator op = main.operator(i);
            throw new KernelException(KernelException.Stage.INVOKE, i, op.opName(), "internal error in eval: " + e);
        }
        long t1 = System.nanoTime();
        long dt = t1 - t0;
        lastNanos[i] = dt;
        writes.opRan(i);
        pc = i + 1;
        if (pc == ops.length) {
            invokes++;
        }
        if (!listeners.isEmpty()) {
            for (StepListener l : listeners) {
                l.afterOp(this, i, dt);
            }
        }
        return t1;
    }

    /** Runs ops until op {@code opIndex} has run (its outputs are then readable). */
    public void runTo(int opIndex) throws KernelException {
        if (opIndex < 0 || opIndex >= ops.length) {
            throw new IllegalArgumentException("op index " + opIndex + " out of range 0.." + (ops.length - 1));
        }
        if (pc > opIndex) {
            pc = ops.length;
        }
        do {
            step();
        } while (pc <= opIndex);
    }

    /** Runs the rest of the current invoke (or one whole invoke when the last one finished), ignoring breakpoints. */
    public void run() throws KernelException {
        if (ops.length == 0) {
            // TFLM invokes a graph without ops fine: the inputs are written, nothing runs
            beginInvoke();
            invokes++;
            return;
        }
        if (!listeners.isEmpty()) {
            // listeners take time (and may rewind the session) between ops: time and start each op on its own
            do {
                step();
            } while (pc < ops.length);
            return;
        }
        if (!opTiming) {
            runUntimed();
            return;
        }
        // back to back, one op's end is the next one's start: one clock read per op instead of two
        long t = startOp();
        do {
            t = runOp(t);
        } while (pc < ops.length);
    }

    /** {@link #run()} without listeners or op timing: the ops back to back, bookkeeping as {@link #runOp}. */
    private void runUntimed() throws KernelException {
        if (pc == ops.length) {
            pc = 0;
        }
        if (pc == 0) {
            beginInvoke();
        }
        int i = pc;
        try {
            for (; i < ops.length; i++) {
                ops[i].eval();
                writes.opRan(i);
                lastNanos[i] = 0;
            }
        } catch (RuntimeException e) {
            throw new KernelException(KernelException.Stage.INVOKE, i, main.operator(i).opName(),
                    "internal error in eval: " + e);
        } finally {
            pc = i;
        }
        invokes++;
    }

    /**
     * Runs until the op about to run matches a breakpoint (at least one op runs first), or the invoke ends. Returns
     * the index of the op it stopped before, or -1 at the end.
     */
    public int resume() throws KernelException {
        do {
            step();
            if (pc < ops.length && hitsBreakpoint(main.operator(pc))) {
                return pc;
            }
        } while (pc < ops.length);
        return -1;
    }

    private boolean hitsBreakpoint(Operator op) {
        for (Breakpoint b : breakpoints) {
            if (b.matches(op)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Restores variable tensors to their initial values, clears the state ops keep between invokes, and rewinds to
     * op 0 (TFLM's {@code Reset}).
     */
    public void reset() {
        resetVariables();
        for (PreparedOp op : ops) {
            op.reset();
        }
        called.reset();
        pc = 0;
    }

    private void resetVariables() {
        byte[] a = arena.array();
        for (TensorData t : tensors) {
            if (t.isVariable() && !t.isConstant()) {
                // TFLM's ResetVariableTensors: int8 variables start at their zero point, everything else at 0
                byte fill = t.type() == dev.tflmstudio.runtime.model.TensorType.INT8 ? (byte) t.zeroPoint() : 0;
                Arrays.fill(a, t.base(), t.base() + t.byteLength(), fill);
                writes.wrote(t.index());
            }
        }
    }

    private void beginInvoke() {
        writes.invokeStarts();
        for (int i = 0; i < inputs.length; i++) {
            TensorData t = tensors[main.inputs().get(i)];
            if (inputs[i] != null) {
                System.arraycopy(inputs[i], 0, arena.array(), t.base(), inputs[i].length);
            }
            writes.wrote(t.index());
        }
    }

    /**
     * Times whole invokes: {@code warmups} untimed (to let the JIT compile the kernels), then {@code repetitions}
     * timed. Returns each op's median wall time in nanoseconds (index = op); the last element is the median of the
     * whole invokes. Listeners are told about every op, as for any other run.
     */
    public long[] profile(int warmups, int repetitions) throws KernelException {
        if (repetitions < 1) {
            throw new IllegalArgumentException("repetitions must be at least 1");
        }
        boolean timing = opTiming;
        opTiming = true;
        try {
            return profileTimed(warmups, repetitions);
        } finally {
            opTiming = timing;
        }
    }

    private long[] profileTimed(int warmups, int repetitions) throws KernelException {
        for (int i = 0; i < warmups; i++) {
            run();
        }
        long[][] perOp = new long[ops.length + 1][repetitions];
        for (int r = 0; r < repetitions; r++) {
            if (pc != ops.length) {
                run();
            }
            long t0 = System.nanoTime();
            run();
            perOp[ops.length][r] = System.nanoTime() - t0;
            for (int op = 0; op < ops.length; op++) {
                perOp[op][r] = lastNanos[op];
            }
        }
        long[] medians = new long[ops.length + 1];
        for (int op = 0; op <= ops.length; op++) {
            Arrays.sort(perOp[op]);
            medians[op] = perOp[op][repetitions / 2];
        }
        return medians;
    }

    /** Wall time of each op's last run, in nanoseconds (index = op). */
    public long[] lastOpNanos() {
        return lastNanos.clone();
    }

    /** Whether tensor {@code index}'s bytes hold its value of the current invoke. */
    public TensorState state(int index) {
        return writes.state(index);
    }

    /** The tensor or scratch buffer that overwrote {@code index}, e.g. {@code tensor 7 'conv1'}, or null. */
    public String overwrittenBy(int index) {
        return writes.overwrittenBy(index);
    }

    /** A copy of a tensor's bytes and what they mean now. */
    public TensorSnapshot read(int index) {
        TensorData t = tensors[index];
        byte[] raw = t.copyBytes();
        return new TensorSnapshot(t.tensor(), raw, state(index), overwrittenBy(index),
                t.isConstant() ? -1 : t.base());
    }

    /** FNV-1a 32-bit over a tensor's bytes, as the reference driver prints it. */
    public int fnv1a32(int index) {
        TensorData t = tensors[index];
        int h = 0x811c9dc5;
        ByteBuffer b = t.buffer();
        int end = t.base() + t.byteLength();
        for (int i = t.base(); i < end; i++) {
            h ^= b.get(i) & 0xFF;
            h *= 16777619;
        }
        return h;
    }

    /** Planned buffers live at the current time step (t = ops run so far in this invoke). */
    public List<PlannedBuffer> liveBuffers() {
        int time = pc;
        List<PlannedBuffer> live = new ArrayList<>();
        for (PlannedBuffer b : layout.plan().buffers()) {
            if (b.subgraph() == 0 && b.liveAt(time)) {
                live.add(b);
            }
        }
        return live;
    }
}
