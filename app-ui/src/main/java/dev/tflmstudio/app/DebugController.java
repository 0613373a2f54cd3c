package dev.tflmstudio.app;

import dev.tflmstudio.app.board.ProbeSessionModel;
import dev.tflmstudio.app.profile.InvokeRun;
import dev.tflmstudio.app.workspace.Coalescer;
import dev.tflmstudio.app.workspace.OpTimings;
import dev.tflmstudio.app.workspace.Selection;
import dev.tflmstudio.app.workspace.Workspace;
import dev.tflmstudio.runtime.input.PatternInput;
import dev.tflmstudio.runtime.interpreter.InvokeCancelledException;
import dev.tflmstudio.runtime.interpreter.Session;
import dev.tflmstudio.runtime.interpreter.TensorSnapshot;
import dev.tflmstudio.runtime.interpreter.TensorState;
import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.KernelRegistry;
import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.model.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashSet;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * Drives the runtime's stepping {@link Session} for the Run menu. The session is not thread-safe, so every call
 * to it runs on one dedicated thread; results (current op, tensor value, timings) are published to the workspace
 * on the FX thread. Long runs check a pause flag between ops, so the window never freezes. Timings are published
 * coalesced: however fast invokes complete, at most one update waits on the FX thread and it carries the latest.
 */
final class DebugController {
    /** Which values the model's inputs get. */
    enum Inputs { PATTERN, RANDOM, ZEROS }

    private final Workspace workspace;
    private final Consumer<Exception> onError;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "tflm-studio-session");
        t.setDaemon(true);
        return t;
    });
    private final BooleanProperty running = new SimpleBooleanProperty(this, "running");
    private volatile boolean pauseRequested;
    /** The session while work runs on it, for {@link #pause()} to cancel an op that loops (a WHILE). */
    private volatile Session busy;
    private Session session;
    private Model sessionModel;
    private Inputs inputs = Inputs.PATTERN;
    private byte[][] fileInputs;
    private OpTimings timings;
    private String planner = "tflm";
    private final Coalescer<PublishedTimings> timingsOut = new Coalescer<>(Platform::runLater, this::show);
    /** The board attached through its debug probe, if any: while it is, the Run keys step it, not the session. */
    private java.util.function.Supplier<ProbeSessionModel> board = () -> null;

    /** What one timings update gives the workspace, computed on the session thread. */
    private record PublishedTimings(Model model, OpTimings timings) {
    }

    DebugController(Workspace workspace, Consumer<Exception> onError) {
        this.workspace = workspace;
        this.onError = onError;
        workspace.modelProperty().addListener((o, a, b) -> {
            // A long run of invokes on the model just closed would only delay the new model's session.
            pauseRequested = true;
            thread.submit(this::dropSession);
        });
        workspace.selectionProperty().addListener((o, a, b) -> refreshTensor());
    }

    /**
     * While the probe session {@code source} gives is attached, step, run, run-to and pause go to the board and
     * the local session stays where it is (the board session publishes the board's position and values).
     */
    void routeToBoard(java.util.function.Supplier<ProbeSessionModel> source) {
        board = source;
    }

    /** The attached board, or null. Any thread. */
    private ProbeSessionModel board() {
        ProbeSessionModel p = board.get();
        return p != null && p.attached() ? p : null;
    }

    BooleanProperty runningProperty() {
        return running;
    }

    void setPlanner(String name) {
        planner = name;
        thread.submit(this::dropSession);
    }

    void step() {
        if (board() != null) {
            board().step();
            return;
        }
        submit("Step", s -> s.step());
    }

    /**
     * Runs until op #target is next (stopped BEFORE it, as at a breakpoint, F8 / "Run to here"); an op at or
     * behind the current position is reached in the next invoke (steps past the end wrap). Op #0 is "next" at
     * the end of an invoke.
     */
    void runToSelected() {
        Selection sel = workspace.selection();
        if (!sel.hasOp() || sel.subgraph() != 0) {
            workspace.log().warn("Run to selected op: select an operator of the main graph first");
            return;
        }
        int target = sel.op();
        if (board() != null) {
            // Locally "run to the selected op" stops once it ran; the board's runTo stops before its index.
            board().runTo(target + 1);
            return;
        }
        submit("Run to op #" + target, s -> {
            do {
                s.step();
            } while (!pauseRequested && !(s.position() == target || target == 0 && s.position() == s.opCount()));
            if (!pauseRequested) {
                workspace.log().info("Reached op #" + target + ": " + StopText.of(s.model().main(), s.position()));
            }
        });
    }

    /** Runs until the next op is a breakpoint (stopped BEFORE it) or the invoke ends (F5). */
    void runToBreakpoint() {
        if (board() != null) {
            board().resume();
            return;
        }
        Set<Integer> breakpoints = new HashSet<>(workspace.breakpoints());
        submit("Run", s -> {
            do {
                s.step();
            } while (!pauseRequested && s.position() < s.opCount() && !breakpoints.contains(s.position()));
            if (!pauseRequested && s.position() < s.opCount()) {
                workspace.log().info("Breakpoint hit at op #" + s.position() + ": "
                        + StopText.of(s.model().main(), s.position()));
            } else if (!pauseRequested) {
                workspace.log().info("Run: " + StopText.of(s.model().main(), s.position()));
            }
        });
    }

    /**
     * Runs {@code n} whole invokes (finishing the current one first, not counted) to gather timing statistics of
     * those n alone, until done or paused; the returned run reports progress and its end on the FX thread.
     */
    InvokeRun runInvokes(int n) {
        InvokeRun run = new InvokeRun(n, this::pause);
        Coalescer<Integer> progress = new Coalescer<>(Platform::runLater, run::progressed);
        boolean started = submit("Run " + n + " invokes", s -> {
            if (s.position() > 0 && s.position() < s.opCount()) {
                s.run();
            }
            // The run's statistics are of its own n invokes, not of those stepped through before it.
            timings = null;
            for (int i = 0; i < n && !pauseRequested; i++) {
                s.run();
                progress.offer(i + 1);
            }
        }, run::end);
        if (!started) {
            run.end();
        }
        return run;
    }

    void pause() {
        if (board() != null) {
            board().cancel();
            return;
        }
        pauseRequested = true;
        Session s = busy;
        if (s != null) {
            s.cancel(); // stops a WHILE mid-loop; between ops the pause flag is enough
        }
    }

    void reset() {
        if (board() != null) {
            workspace.log().warn("Reset: the attached board cannot go back; after its last op it starts a new"
                    + " invoke (or detach to step the local session)");
            return;
        }
        thread.submit(() -> {
            if (session != null) {
                session.reset();
            }
            publish(-1);
            workspace.log().info("Session reset: stopped before op #0");
        });
    }

    void setInputs(Inputs kind) {
        inputs = kind;
        fileInputs = null;
        thread.submit(this::dropSession);
        workspace.log().info("Inputs: " + kind.name().toLowerCase(Locale.ROOT) + " (applied at the next invoke)");
    }

    /** Raw little-endian bytes for each input, as read from files; sizes checked against the model. */
    void setInputBytes(byte[][] raw) {
        inputs = null;
        fileInputs = raw;
        thread.submit(this::dropSession);
    }

    private interface SessionWork {
        void run(Session s) throws KernelException;
    }

    private void submit(String what, SessionWork work) {
        submit(what, work, () -> { });
    }

    /** Runs {@code work} on the session thread, then {@code onEnd} on the FX thread; false when no model is open. */
    private boolean submit(String what, SessionWork work, Runnable onEnd) {
        if (workspace.model() == null) {
            return false;
        }
        pauseRequested = false;
        running.set(true);
        thread.submit(() -> {
            Session s = null;
            try {
                s = session();
                busy = s;
                work.run(s);
                publish(s.position() == 0 ? -1 : s.position() - 1);
                if (pauseRequested) {
                    workspace.log().info(what + " paused: " + StopText.of(s.model().main(), s.position()));
                }
            } catch (InvokeCancelledException e) {
                publish(s.position() == 0 ? -1 : s.position() - 1);
                workspace.log().info(what + " stopped: " + e.getMessage()
                        + (s.position() == 0 ? " (the op did not finish; the next step starts a new invoke)" : ""));
            } catch (KernelException | RuntimeException e) {
                workspace.log().error(what + ": " + e.getMessage());
                Platform.runLater(() -> onError.accept(e));
            } finally {
                busy = null;
                // Queued after the last timings and progress updates, so whoever waits for the end sees them.
                Platform.runLater(() -> {
                    running.set(false);
                    onEnd.run();
                });
            }
        });
        return true;
    }

    private Session session() throws KernelException {
        Model model = workspace.model();
        if (session == null || sessionModel != model) {
            long start = System.nanoTime();
            session = Session.allocate(model, KernelRegistry.standard(), planner);
            sessionModel = model;
            timings = null;
            int last = session.opCount() - 1;
            session.addListener((sess, op, nanos) -> {
                if (op == last) {
                    recordTimings(sess);
                }
            });
            for (int i = 0; i < model.main().inputs().size(); i++) {
                Tensor t = model.main().tensor(model.main().inputs().get(i));
                if (t.type() != dev.tflmstudio.runtime.model.TensorType.RESOURCE) { // a handle takes no values
                    session.setInput(i, inputBytes(t, i));
                }
            }
            workspace.log().info(String.format(Locale.ROOT, "Session ready (%s planner, arena %,d B) in %d ms",
                    planner, session.layout().totalBytes(), (System.nanoTime() - start) / 1_000_000));
        }
        return session;
    }

    private byte[] inputBytes(Tensor t, int i) {
        if (fileInputs != null && i < fileInputs.length) {
            return fileInputs[i];
        }
        int n = (int) t.arenaBytes();
        return switch (inputs == null ? Inputs.PATTERN : inputs) {
            case PATTERN -> PatternInput.bytesFor(t);
            case ZEROS -> new byte[n];
            case RANDOM -> random(t, n);
        };
    }

    /** Uniform random values: any bit pattern for integers, [-1, 1) for floats (random bits could be NaN). */
    private static byte[] random(Tensor t, int n) {
        Random r = new Random();
        byte[] b = new byte[n];
        if (t.type().isFloat() && t.type().tflmByteSize() == 4) {
            ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
            while (bb.remaining() >= 4) {
                bb.putFloat(r.nextFloat() * 2 - 1);
            }
        } else {
            r.nextBytes(b);
        }
        return b;
    }

    private void dropSession() {
        session = null;
        sessionModel = null;
        timings = null;
        publish(-1);
    }

    private void recordTimings(Session s) {
        long[] nanos = s.lastOpNanos();
        timings = timings == null ? OpTimings.first(nanos) : timings.plus(nanos);
        timingsOut.offer(new PublishedTimings(s.model(), timings));
    }

    /** FX thread: the latest timings, unless the model changed meanwhile. */
    private void show(PublishedTimings p) {
        if (workspace.model() != p.model()) {
            return;
        }
        // The latency and share heat maps follow from the profile's statistics (ProfileView publishes them).
        workspace.timingsProperty().set(p.timings());
    }

    /** Publishes the op that just ran (or -1) and re-reads the selected tensor. Call on the session thread. */
    private void publish(int currentOp) {
        TensorSnapshot value = snapshotOfSelection();
        Model model = sessionModel;
        Platform.runLater(() -> {
            if (currentOp >= 0 && workspace.model() != model || board() != null) {
                return;
            }
            workspace.currentStepProperty().set(currentOp);
            workspace.tensorValueProperty().set(value);
        });
    }

    private void refreshTensor() {
        thread.submit(() -> {
            TensorSnapshot value = snapshotOfSelection();
            Platform.runLater(() -> {
                if (board() == null) {
                    workspace.tensorValueProperty().set(value);
                }
            });
        });
    }

    private TensorSnapshot snapshotOfSelection() {
        Selection sel = workspace.selection();
        Model model = workspace.model();
        if (model == null || !sel.hasTensor() || sel.subgraph() >= model.subgraphs().size()) {
            return null;
        }
        Tensor t = model.subgraphs().get(sel.subgraph()).tensor(sel.tensor());
        if (session != null && sessionModel == model && sel.subgraph() == 0) {
            return session.read(t.index());
        }
        if (t.hasData()) {
            ByteBuffer data = t.data();
            byte[] raw = new byte[data.remaining()];
            data.get(raw);
            return new TensorSnapshot(t, raw, TensorState.CONSTANT, null, -1);
        }
        return null;
    }
}
