package dev.tflmstudio.app.board;

import dev.tflmstudio.app.workspace.Workspace;
import dev.tflmstudio.devices.DeviceProfile;
import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.serial.analysis.AnalysisListener;
import dev.tflmstudio.serial.analysis.Invocation;
import dev.tflmstudio.serial.analysis.MeasuredArena;
import dev.tflmstudio.serial.analysis.ProfiledOp;
import dev.tflmstudio.serial.analysis.SessionSummary;
import dev.tflmstudio.serial.analysis.TickClock;
import dev.tflmstudio.serial.parse.ParsedLine;
import dev.tflmstudio.serial.port.LinkState;
import dev.tflmstudio.serial.record.RecordingReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One serial session of the Board window (a port connection or a replay), from its start to its close: the console
 * lines, the latency of each invocation, the ops of the latest one, its state. A new connection, replay or model
 * gets a new session, so nothing of an earlier one (its lines, its clock, its late updates) can reach the window.
 * Reading and connecting run on background threads; the properties change on the FX thread only.
 */
public final class SerialSession {
    private static final int MAX_LINES = 20_000;
    /** The latency chart's rolling window: the latest invocations, however long the session runs. */
    public static final int MAX_POINTS = 500;
    private static final long SUMMARY_NANOS = 100_000_000L;
    private final Workspace workspace;
    private final Model model;
    private final TickClock clock;
    private final BoardConnection connection;
    private final ObservableList<String> lines = FXCollections.observableArrayList();
    private final ObservableList<InvocationPoint> latency = FXCollections.observableArrayList();
    private final ObservableList<ProfiledOp> ops = FXCollections.observableArrayList();
    private final FxHandOff<String> lineHandOff = new FxHandOff<>(MAX_LINES, Platform::runLater, this::addLines);
    private final FxHandOff<Invocation> invocationHandOff = new FxHandOff<>(MAX_POINTS, Platform::runLater,
            this::show);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "No invocations yet");
    private final ReadOnlyObjectWrapper<LinkStatus> status = new ReadOnlyObjectWrapper<>(this, "status",
            LinkStatus.CLOSED);
    /** Closed sessions ignore what their reader thread still delivers. FX thread. */
    private boolean closed;
    private VirtualBoardProcess virtualBoard;
    /** Reader thread: unreadable lines in a row, and whether the window says so now. */
    private int unreadableRun;
    private boolean noisy;
    /** Reader thread: when the statistics were last published, and whether invocations arrived since. */
    private long lastSummaryNanos = System.nanoTime() - SUMMARY_NANOS;
    private boolean summaryBehind;
    private boolean saidApproximate;

    /** One invocation's total on the latency chart: ms with a device clock, else ticks. */
    public record InvocationPoint(long invocation, double total) {
    }

    /** A session on the open model with the device's clock (either may be null). */
    public SerialSession(Workspace workspace, DeviceProfile device) {
        this.workspace = workspace;
        this.model = workspace.model();
        this.clock = device == null || device.clockHz() <= 0 ? null
                : new TickClock(device.clockHz(), "core clock of " + device.name());
        this.connection = new BoardConnection(model, clock, new AnalysisListener() {
            @Override
            public void line(ParsedLine line) {
                received(line);
                if (summaryBehind && System.nanoTime() - lastSummaryNanos >= SUMMARY_NANOS) {
                    publishSummary();
                }
            }

            @Override
            public void invocation(Invocation inv) {
                // Summarise here, on the reader thread (no work for the FX thread), and at most ten times a second:
                // a board at 921600 baud prints hundreds of invocations a second and the profile table redraws on
                // each summary. The last one is published once the stream goes quiet, stops or ends.
                summaryBehind = true;
                if (System.nanoTime() - lastSummaryNanos >= SUMMARY_NANOS) {
                    publishSummary();
                }
                invocationHandOff.add(inv);
            }

            @Override
            public void arena(MeasuredArena arena) {
                onFx(() -> {
                    if (workspace.model() == model) {
                        workspace.boardArenaProperty().set(arena);
                    }
                });
            }

            @Override
            public void warning(String message) {
                onFx(() -> workspace.log().warn("Board: " + message));
            }
        });
    }

    public ObservableList<String> lines() {
        return lines;
    }

    public ObservableList<InvocationPoint> latency() {
        return latency;
    }

    public ObservableList<ProfiledOp> ops() {
        return ops;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<LinkStatus> statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The board's tick rate, or null when no device profile gives one. */
    public TickClock clock() {
        return clock;
    }

    /** True while a port is open or being opened. */
    public boolean isOpen() {
        return status.get().kind().open();
    }

    /** Closing this session also ends the virtual board it reads. */
    void own(VirtualBoardProcess board) {
        virtualBoard = board;
    }

    /**
     * Opens the port on a background thread (a slow or missing port must not freeze the window); completes on the
     * FX thread with true once connected, false when it could not (the state line and the console say why).
     */
    public CompletableFuture<Boolean> connect(String path, int baud) {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        status.set(new LinkStatus(LinkStatus.Kind.CONNECTING, "Connecting to " + path + "…"));
        Thread t = new Thread(() -> {
            try {
                connection.connect(path, baud, (s, d) -> {
                    if (s == LinkState.DISCONNECTED) {
                        publishSummary();
                    }
                    onFx(() -> linkChanged(s, d));
                });
                onFx(() -> done.complete(true));
            } catch (IOException | RuntimeException e) {
                Platform.runLater(() -> {
                    String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                    workspace.log().error("Board: cannot connect to " + path + " at " + baud + " baud: " + why);
                    if (!closed) {
                        status.set(new LinkStatus(LinkStatus.Kind.FAILED, "Cannot connect to " + path + ": " + why));
                    }
                    done.complete(false);
                });
            }
        }, "tflm-studio-board-connect");
        t.setDaemon(true);
        t.start();
        return done;
    }

    /**
     * Replays a recording or a text capture on a background thread, as if the board were printing it now; completes
     * on the FX thread once every line has been read (exceptionally if the file cannot be read).
     */
    public CompletableFuture<Void> replay(Path file) {
        String name = file.getFileName().toString();
        status.set(new LinkStatus(LinkStatus.Kind.REPLAYING, "Replaying " + name + "…"));
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                RecordingReader.Result r = connection.replay(file);
                publishSummary();
                Platform.runLater(() -> {
                    workspace.log().info(String.format(Locale.ROOT, "Board: replayed %,d bytes from %s",
                            r.dataBytes(), name));
                    if (!closed) {
                        status.set(new LinkStatus(LinkStatus.Kind.REPLAYED, "Replayed " + name));
                    }
                    done.complete(null);
                });
            } catch (IOException e) {
                Platform.runLater(() -> {
                    workspace.log().error("Board: cannot replay " + name + ": " + e.getMessage());
                    if (!closed) {
                        status.set(new LinkStatus(LinkStatus.Kind.FAILED, "Cannot replay " + name + ": "
                                + e.getMessage()));
                    }
                    done.completeExceptionally(e);
                });
            }
        }, "board-replay");
        t.setDaemon(true);
        t.start();
        return done;
    }

    void startRecording(Path file) throws IOException {
        connection.startRecording(file);
    }

    void stopRecording() throws IOException {
        connection.stopRecording();
    }

    /**
     * Ends the session: the window shows it closed at once, the port (and a virtual board) close in the background.
     * Updates still on their way from the reader are dropped.
     */
    public void close() {
        if (closed) {
            return;
        }
        boolean wasOpen = isOpen();
        closed = true;
        status.set(LinkStatus.CLOSED);
        VirtualBoardProcess board = virtualBoard;
        virtualBoard = null;
        Thread t = new Thread(() -> {
            try {
                connection.close();
            } catch (IOException e) {
                Platform.runLater(() -> workspace.log().warn("Board: closing: " + e.getMessage()));
            }
            if (board != null) {
                board.close();
            }
        }, "tflm-studio-board-close");
        t.setDaemon(true);
        t.start();
        if (wasOpen) {
            workspace.log().info("Board: disconnected");
        }
    }

    private void onFx(Runnable r) {
        Platform.runLater(() -> {
            if (!closed) {
                r.run();
            }
        });
    }

    /** Reader thread: shows the line and notices when the bytes stop (or start) being text. */
    private void received(ParsedLine line) {
        Boolean unreadable = UnreadableLines.unreadable(line);
        String shown = UnreadableLines.shown(line, Boolean.TRUE.equals(unreadable));
        lineHandOff.add(shown);
        if (unreadable == null) {
            return;
        }
        unreadableRun = unreadable ? unreadableRun + 1 : 0;
        boolean nowNoisy = unreadableRun >= UnreadableLines.RUN || noisy && unreadable;
        if (nowNoisy != noisy) {
            noisy = nowNoisy;
            onFx(() -> noiseChanged(nowNoisy));
        }
    }

    private void noiseChanged(boolean unreadable) {
        LinkStatus.Kind now = status.get().kind();
        if (unreadable && now == LinkStatus.Kind.CONNECTED) {
            status.set(LinkStatus.UNREADABLE);
            workspace.log().warn("Board: receiving unreadable bytes: wrong baud rate? (pick the board's rate, often"
                    + " 115200)");
        } else if (!unreadable && now == LinkStatus.Kind.UNREADABLE) {
            status.set(LinkStatus.CONNECTED);
            workspace.log().info("Board: readable text again");
        }
    }

    private void linkChanged(LinkState s, String detail) {
        status.set(switch (s) {
            case CONNECTED -> noisy ? LinkStatus.UNREADABLE : LinkStatus.CONNECTED;
            case DISCONNECTED -> LinkStatus.LOST;
            case CLOSED -> LinkStatus.CLOSED;
        });
        workspace.log().info("Board: " + detail);
    }

    private void addLines(List<String> batch) {
        if (closed) {
            return;
        }
        int excess = lines.size() + batch.size() - MAX_LINES;
        if (excess > 0) {
            lines.remove(0, Math.min(excess, lines.size()));
        }
        lines.addAll(batch);
    }

    /** Reader (or replay) thread: the statistics so far, to the profile's board column. */
    private void publishSummary() {
        lastSummaryNanos = System.nanoTime();
        summaryBehind = false;
        SessionSummary stats = connection.analysis().summary();
        if (!saidApproximate && (!stats.invocationTicks().exact()
                || stats.ops().stream().anyMatch(op -> !op.all().exact()))) {
            saidApproximate = true;
            onFx(() -> workspace.log().info("Board: an op's ticks took more than 1,024 different values: its board"
                    + " median and p95 now come from a histogram (within 0.1%), so the memory stays the same"));
        }
        onFx(() -> {
            if (workspace.model() == model) {
                workspace.boardSummaryProperty().set(stats);
            }
        });
    }

    /** The invocations that arrived since the last batch: on the chart, the latest in the table and summary. */
    private void show(List<Invocation> batch) {
        if (closed) {
            return;
        }
        List<InvocationPoint> points = new ArrayList<>(latency);
        Invocation lastMatched = null;
        for (Invocation inv : batch) {
            points.add(new InvocationPoint(inv.number(), total(inv)));
            lastMatched = inv.matched() ? inv : lastMatched;
        }
        latency.setAll(points.subList(Math.max(0, points.size() - MAX_POINTS), points.size()));
        Invocation inv = batch.get(batch.size() - 1);
        ops.setAll(inv.ops());
        summary.set(String.format(Locale.ROOT, "Invocation %d: %s%s", inv.number(),
                clock == null ? inv.totalTicks() + " ticks" : String.format(Locale.ROOT, "%.3f ms", total(inv)),
                inv.matched() ? "" : " (" + inv.mismatch() + ")"));
        if (workspace.model() == model && lastMatched != null) {
            publishBoardTimes(lastMatched);
        }
    }

    private double total(Invocation inv) {
        return clock == null ? inv.totalTicks() : clock.millis(inv.totalTicks());
    }

    /** Per-op µs of a matched invocation, for the profile's board column (needs a known tick rate). */
    private void publishBoardTimes(Invocation inv) {
        if (clock == null || !inv.matched() || model == null || inv.ops().size() != model.main().operators().size()) {
            return;
        }
        double[] us = new double[inv.ops().size()];
        for (ProfiledOp p : inv.ops()) {
            if (p.position() >= 0 && p.position() < us.length) {
                us[p.position()] = clock.micros(p.ticks());
            }
        }
        workspace.opMetrics().put("BOARD_US", us);
    }
}
