package dev.tflmstudio.app.board;

import dev.tflmstudio.app.workspace.BackgroundWork;
import dev.tflmstudio.app.workspace.BoardProbe;
import dev.tflmstudio.app.workspace.Selection;
import dev.tflmstudio.app.workspace.Workspace;
import dev.tflmstudio.runtime.interpreter.TensorSnapshot;
import dev.tflmstudio.runtime.interpreter.TensorState;
import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.model.Tensor;
import dev.tflmstudio.serial.probe.BoardDebugger;
import dev.tflmstudio.serial.probe.OpComparison;
import dev.tflmstudio.serial.probe.ProbeException;
import dev.tflmstudio.serial.probe.ProbeTarget;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.SetChangeListener;
import javafx.concurrent.Task;

/**
 * One debug-probe session of the Board window, from attach to detach: the board's position, its comparisons with
 * the local runtime, the arena proof, and what it is doing now. Every {@link BoardDebugger} call blocks, so all of
 * them run, in order, on this session's own thread; each shows in the status bar with the bytes read so far and can
 * be cancelled (the thread is interrupted; the board stops at a clean point). While attached the session publishes
 * the board's position, comparisons and the selected tensor's value to the workspace, and keeps the board's
 * breakpoints equal to the workspace's. Properties change on the FX thread only.
 */
public final class ProbeSessionModel {
    /** Where a session is in its life. */
    public enum Phase { ATTACHING, ATTACHED, BUSY, FAILED, CLOSED }

    private final Workspace workspace;
    private final BackgroundWork work;
    private final ProbeTarget target;
    private final Model model;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "tflm-studio-probe");
        t.setDaemon(true);
        return t;
    });
    private final ReadOnlyObjectWrapper<Phase> phase = new ReadOnlyObjectWrapper<>(this, "phase", Phase.ATTACHING);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyObjectWrapper<BoardProbe> board = new ReadOnlyObjectWrapper<>(this, "board");
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final InvalidationListener selectionListener = o -> publishTensor();
    private final SetChangeListener<Integer> breakpointListener;
    /** Session thread only. */
    private BoardDebugger debugger;
    /** The probe call running now (FX thread), and the one reporting bytes read (session thread). */
    private ProbeCall running;
    private volatile ProbeCall reporting;
    /** Read by the local debugger from its own thread: whether the keys go to this board. */
    private volatile boolean attached;

    /** A probe call: it reports the bytes read as its message, with no known total. */
    private abstract static class ProbeCall extends Task<BoardProbe> {
        private final String what;
        /** Set on the session thread once call() runs: a call cancelled before it ran never reaches its end. */
        private volatile boolean started;

        ProbeCall(String what) {
            this.what = what;
            updateMessage("Board: " + what + "…");
        }

        void read(long bytes) {
            updateMessage(String.format(Locale.ROOT, "Board: %s… %,d B read", what, bytes));
        }
    }

    private interface Work {
        void run(BoardDebugger d) throws ProbeException;
    }

    private ProbeSessionModel(Workspace workspace, BackgroundWork work, ProbeTarget target) {
        this.workspace = workspace;
        this.work = work;
        this.target = target;
        this.model = workspace.model();
        this.breakpointListener = c -> {
            if (c.wasAdded()) {
                setBreakpoint(c.getElementAdded(), true);
            } else if (c.wasRemoved()) {
                setBreakpoint(c.getElementRemoved(), false);
            }
        };
    }

    /**
     * Starts attaching to the board described by {@code target}, for the open model; the session's phase says
     * when it is attached or why it is not. FX thread.
     */
    public static ProbeSessionModel attach(Workspace workspace, BackgroundWork work, ProbeTarget target) {
        ProbeSessionModel s = new ProbeSessionModel(workspace, work, target);
        s.start();
        return s;
    }

    public ReadOnlyObjectProperty<Phase> phaseProperty() {
        return phase.getReadOnlyProperty();
    }

    /** One line: what the session is doing, what it last did, or why it failed. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The board's latest picture, or null before the attach completed. */
    public ReadOnlyObjectProperty<BoardProbe> boardProperty() {
        return board.getReadOnlyProperty();
    }

    public ProbeTarget target() {
        return target;
    }

    /** True while attached (also while a call runs): the Run keys then step this board. Any thread. */
    public boolean attached() {
        return attached;
    }

    /** Completes once the board is resumed and GDB detached (or nothing was ever attached). */
    public CompletableFuture<Void> closedFuture() {
        return closed;
    }

    private void start() {
        if (model == null) {
            fail("Attach: open the model the board runs first");
            return;
        }
        status.set("Attaching to " + target.gdbServer() + "…");
        Set<Integer> breakpoints = Set.copyOf(workspace.breakpoints());
        call("attaching to " + target.gdbServer(), d -> { }, () -> {
            debugger = BoardDebugger.attach(target, model, bytes -> {
                ProbeCall c = reporting;
                if (c != null) {
                    c.read(bytes);
                }
            });
            for (int op : breakpoints) {
                debugger.breakpoint(op, true);
            }
        });
    }

    /** Runs the board's next op (F10). */
    public void step() {
        command("step", BoardDebugger::step);
    }

    /** Runs the board until it is before op {@code index} (F8 asks for the op after the selected one). */
    public void runTo(int index) {
        command("run to op #" + index, d -> d.runTo(index));
    }

    /** Runs the board to the next breakpoint or the end of the invoke (F5). */
    public void resume() {
        command("run", BoardDebugger::resume);
    }

    /** Stops the call under way (F6, or the status bar's cancel): the board halts at a clean point. */
    public void cancel() {
        ProbeCall c = running;
        if (c != null) {
            c.cancel(true);
        }
    }

    /**
     * Ends the session: cancels what runs, removes breakpoints, resumes the board and detaches GDB on the session
     * thread; the workspace forgets the board at once. FX thread; see {@link #closedFuture()}.
     */
    public CompletableFuture<Void> close() {
        if (phase.get() == Phase.CLOSED) {
            return closed;
        }
        if (phase.get() == Phase.FAILED) {
            // Nothing attached: the board was left running by the failed attach (or the dropped link).
            phase.set(Phase.CLOSED);
            return closed;
        }
        boolean was = attached;
        attached = false;
        unpublish();
        cancel();
        phase.set(Phase.CLOSED);
        status.set(was ? "Detached: the board runs on" : "Closed");
        thread.submit(() -> {
            try {
                if (debugger != null) {
                    debugger.close();
                    debugger = null;
                }
            } finally {
                closed.complete(null);
            }
        });
        thread.shutdown();
        if (was) {
            workspace.log().info("Board: detached from " + target.gdbServer() + "; the board runs on");
        }
        return closed;
    }

    private void command(String what, Work work) {
        Phase p = phase.get();
        if (p == Phase.BUSY || p == Phase.ATTACHING) {
            workspace.log().warn("Board: still " + (running == null ? "busy" : "working") + "; wait or cancel (F6)");
            return;
        }
        if (p != Phase.ATTACHED) {
            workspace.log().warn("Board: not attached");
            return;
        }
        call(what, work, () -> { });
    }

    private interface Setup {
        void run() throws ProbeException;
    }

    /** Runs {@code setup} then {@code job} on the session thread as one cancellable call shown in the status bar. */
    private void call(String what, Work job, Setup setup) {
        boolean attaching = phase.get() == Phase.ATTACHING;
        phase.set(attaching ? Phase.ATTACHING : Phase.BUSY);
        ProbeCall c = new ProbeCall(what) {
            @Override
            protected BoardProbe call() {
                super.started = true;
                reporting = this;
                try {
                    setup.run();
                    if (attaching && isCancelled()) {
                        // Cancelled while GDB connected (its commands are never cut short): nothing stays attached.
                        debugger.close();
                        debugger = null;
                        Platform.runLater(() -> ended(what, null, null, true));
                        return null;
                    }
                    job.run(debugger);
                    BoardProbe now = picture();
                    Platform.runLater(() -> ended(what, now, null, false));
                } catch (ProbeException | RuntimeException e) {
                    boolean cancelled = isCancelled() || Thread.currentThread().isInterrupted();
                    boolean lost = !cancelled && e instanceof ProbeException p && p.kind() == ProbeException.Kind.LINK;
                    if (lost && debugger != null) {
                        debugger.close();
                        debugger = null;
                    }
                    BoardProbe now = debugger == null ? null : picture();
                    Platform.runLater(() -> ended(what, now, cancelled ? null : e, cancelled));
                } finally {
                    reporting = null;
                    Thread.interrupted(); // a cancel must not reach the next call
                }
                return null;
            }
        };
        running = c;
        work.follow(c);
        thread.submit(() -> {
            c.run();
            if (!c.started) {
                BoardProbe now = debugger == null ? null : picture();
                Platform.runLater(() -> ended(what, now, null, true));
            }
        });
    }

    private BoardProbe picture() {
        BoardDebugger d = debugger;
        return new BoardProbe(model, target.gdbServer(), d.arena(), d.position(), d.invokeCount(), d.comparisons(),
                d.firstDivergence().orElse(null));
    }

    /**
     * FX thread: a call ended; {@code now} is the board after it (null when there is no board: never attached, or the
     * link dropped), {@code error} why it failed.
     */
    private void ended(String what, BoardProbe now, Exception error, boolean cancelled) {
        running = null;
        if (phase.get() == Phase.CLOSED) {
            return;
        }
        if (now == null) {
            if (attached) {
                attached = false;
                unpublish();
            }
            fail(cancelled ? "Attach cancelled" : oneLine(error));
            return;
        }
        boolean firstAttach = !attached;
        attached = true;
        phase.set(Phase.ATTACHED);
        board.set(now);
        publish(now);
        if (firstAttach) {
            workspace.selectionProperty().addListener(selectionListener);
            workspace.breakpoints().addListener(breakpointListener);
            workspace.log().info("Board: attached to " + target.gdbServer() + "; " + now.arenaLine());
        }
        String where = now.position() == 0 ? "before op #0" : "after op #" + (now.position() - 1);
        if (error != null) {
            status.set("Board: " + what + " failed: " + oneLine(error) + " (" + where + ")");
            workspace.log().error("Board: " + what + ": " + oneLine(error));
        } else if (firstAttach) {
            status.set("Attached to " + target.gdbServer() + ", " + where + " of invoke " + now.invoke());
        } else {
            status.set(String.format(Locale.ROOT, "Board %s of invoke %d%s%s", where, now.invoke(),
                    now.firstDivergence() == null ? "" : " · first divergence at op #" + now.firstDivergence().index(),
                    cancelled ? " (" + what + " cancelled)" : ""));
        }
    }

    private void fail(String message) {
        phase.set(Phase.FAILED);
        status.set(message);
        workspace.log().error("Board probe " + target.gdbServer() + ": " + message);
        thread.submit(() -> closed.complete(null));
        thread.shutdown();
    }

    private static String oneLine(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private void setBreakpoint(int op, boolean on) {
        if (attached) {
            thread.submit(() -> {
                if (debugger != null) {
                    debugger.breakpoint(op, on);
                }
            });
        }
    }

    /** FX thread: the workspace follows the board: its position is the current step, its values the tensors'. */
    private void publish(BoardProbe now) {
        if (workspace.model() != model) {
            return;
        }
        workspace.boardProbeProperty().set(now);
        workspace.currentStepProperty().set(now.position() - 1);
        publishTensor();
    }

    private void unpublish() {
        workspace.selectionProperty().removeListener(selectionListener);
        workspace.breakpoints().removeListener(breakpointListener);
        if (board.get() != null && workspace.boardProbeProperty().get() == board.get()) {
            workspace.boardProbeProperty().set(null);
            workspace.currentStepProperty().set(-1);
            workspace.tensorValueProperty().set(null);
        }
    }

    /**
     * The selected tensor's local value as the board session knows it: the local runtime's bytes for the board's
     * input when the op that writes it ran in this invoke, a constant's data, else none yet.
     */
    private void publishTensor() {
        BoardProbe now = board.get();
        Selection sel = workspace.selection();
        if (now == null || !attached || workspace.model() != model) {
            return;
        }
        TensorSnapshot value = null;
        if (sel.hasTensor() && sel.subgraph() == 0 && sel.tensor() < model.main().tensors().size()) {
            Tensor t = model.main().tensor(sel.tensor());
            var compared = now.ofTensor(t.index());
            if (compared.isPresent()) {
                value = new TensorSnapshot(t, compared.get().local(), TensorState.VALID, null, -1);
            } else if (t.hasData()) {
                ByteBuffer data = t.data();
                byte[] raw = new byte[data.remaining()];
                data.get(raw);
                value = new TensorSnapshot(t, raw, TensorState.CONSTANT, null, -1);
            }
        }
        workspace.tensorValueProperty().set(value);
    }

    /** This invoke's comparisons so far (what the probe panel lists). */
    public List<OpComparison> comparisons() {
        BoardProbe b = board.get();
        return b == null ? List.of() : b.comparisons();
    }
}
