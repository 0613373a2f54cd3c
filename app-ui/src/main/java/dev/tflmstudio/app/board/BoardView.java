package dev.tflmstudio.app.board;

import dev.tflmstudio.app.workspace.BackgroundWork;
import dev.tflmstudio.app.workspace.Dialogs;
import dev.tflmstudio.app.workspace.Workspace;
import dev.tflmstudio.devices.DeviceProfile;
import dev.tflmstudio.serial.probe.ProbeTarget;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.concurrent.Task;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.stage.FileChooser;

/**
 * The board window, in two modes. Serial: pick a port, a baud rate and a device profile, connect, and watch the raw
 * console, the latency of each invocation and the per-op ticks of the latest one; record and replay sessions.
 * Debug probe: attach through a GDB server and step the board op by op against the local runtime. Each connection,
 * replay or attach is one session with its own state; a new one, or a new model, starts clean.
 */
public final class BoardView extends BorderPane {
    private final Workspace workspace;
    private final BackgroundWork work;
    private final ConnectionBar bar;
    private final SerialConsolePane console = new SerialConsolePane();
    private final InvocationPane invocations = new InvocationPane();
    private final ProbePanel probePanel;
    private final TabPane modes = new TabPane();
    private final Tab serialTab = new Tab("Serial");
    private final Tab probeTab = new Tab("Debug probe");
    private final ReadOnlyObjectWrapper<SerialSession> serial = new ReadOnlyObjectWrapper<>(this, "serial");
    private final ReadOnlyObjectWrapper<ProbeSessionModel> probe = new ReadOnlyObjectWrapper<>(this, "probe");

    public BoardView(Workspace workspace, BackgroundWork work, BoardPreferences prefs) {
        this.workspace = workspace;
        this.work = work;
        setId("board");
        getStyleClass().add("tool-window");
        bar = new ConnectionBar(workspace, prefs);
        probePanel = new ProbePanel(prefs);
        bar.connect.setOnAction(e -> toggleConnection());
        bar.record.setOnAction(e -> toggleRecording());
        bar.replay.setOnAction(e -> replay());
        bar.virtual.setOnAction(e -> startVirtualBoard());
        probePanel.attach.setOnAction(e -> toggleProbe());
        probePanel.cancel.setOnAction(e -> {
            if (probe.get() != null) {
                probe.get().cancel();
            }
        });

        SplitPane split = new SplitPane(console, invocations);
        split.setDividerPositions(0.5);
        serialTab.setContent(new BorderPane(split, bar, null, null, null));
        serialTab.setId("boardSerialTab");
        probeTab.setContent(probePanel);
        probeTab.setId("boardProbeTab");
        modes.getTabs().addAll(serialTab, probeTab);
        modes.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        modes.setId("boardModes");
        modes.getStyleClass().add("tool-tabs");
        setCenter(modes);
        showSerial(new SerialSession(workspace, null));
        probePanel.show(null);
        // The sessions measured or stepped the previous model: nothing of them may be shown beside this one.
        workspace.modelProperty().addListener((o, a, b) -> {
            if (a != null) {
                startClean("a new model was opened");
            }
        });
    }

    /** The serial session shown now (never null: an idle one before the first connection). */
    public ReadOnlyObjectProperty<SerialSession> serialSessionProperty() {
        return serial.getReadOnlyProperty();
    }

    /** The debug-probe session, or null while none was started since the last model or detach. */
    public ReadOnlyObjectProperty<ProbeSessionModel> probeSessionProperty() {
        return probe.getReadOnlyProperty();
    }

    /** Shows the serial or the debug-probe mode. */
    public void showProbeMode(boolean on) {
        modes.getSelectionModel().select(on ? probeTab : serialTab);
    }

    private void showSerial(SerialSession s) {
        SerialSession old = serial.get();
        if (old != null) {
            old.close();
            // What the last session measured must not stay beside the next one in the arena and profile windows.
            workspace.boardArenaProperty().set(null);
            workspace.boardSummaryProperty().set(null);
            workspace.opMetrics().remove("BOARD_US");
        }
        serial.set(s);
        bar.show(s);
        console.show(s);
        invocations.show(s);
    }

    private void startClean(String why) {
        SerialSession s = serial.get();
        if (s.isOpen()) {
            workspace.log().info("Board: disconnected: " + why + "; connect again to measure it");
        }
        showSerial(new SerialSession(workspace, bar.device()));
        closeProbe();
    }

    private void toggleConnection() {
        if (serial.get().isOpen()) {
            showSerial(new SerialSession(workspace, bar.device()));
            return;
        }
        connect(bar.portPath());
    }

    private CompletableFuture<Boolean> connect(String path) {
        if (path.isEmpty()) {
            workspace.log().warn("Board: type or pick a port first");
            return CompletableFuture.completedFuture(false);
        }
        int rate = bar.baudRate();
        SerialSession s = new SerialSession(workspace, bar.device());
        showSerial(s);
        return s.connect(path, rate).thenApply(ok -> {
            if (ok) {
                bar.remember(path, rate);
            }
            return ok;
        });
    }

    /** Starts the virtual board on the open model (and the chosen device's clock) and connects to it. */
    private void startVirtualBoard() {
        var model = workspace.model();
        if (model == null) {
            workspace.log().warn("Board: open a model first; the virtual board runs it");
            return;
        }
        showSerial(new SerialSession(workspace, bar.device()));
        DeviceProfile profile = bar.device();
        Task<VirtualBoardProcess> start = new Task<>() {
            @Override
            protected VirtualBoardProcess call() throws IOException {
                return VirtualBoardProcess.start(model, profile, failure -> javafx.application.Platform.runLater(() -> {
                    if (failure != null) {
                        workspace.log().warn("Board: the virtual board stopped: " + failure.getMessage());
                    }
                }));
            }
        };
        start.setOnSucceeded(e -> {
            VirtualBoardProcess board = start.getValue();
            if (workspace.model() != model) {
                board.close();
                return;
            }
            String host = board.hostPort().toString();
            workspace.log().info("Board: virtual board running " + model.main().operators().size() + " ops, "
                    + (profile == null ? "no device clock" : "as " + profile.name()) + ", on " + host);
            bar.setPortPath(host);
            connect(host);
            serial.get().own(board);
        });
        start.setOnFailed(e -> Dialogs.error(getScene().getWindow(), "Starting the virtual board",
                "It needs socat for its serial cable, and a model the local runtime can run.", start.getException()));
        Thread t = new Thread(start, "tflm-studio-virtual-board-start");
        t.setDaemon(true);
        t.start();
    }

    private void toggleRecording() {
        SerialSession s = serial.get();
        if (!s.isOpen()) {
            bar.record.setSelected(false);
            workspace.log().warn("Board: connect before recording");
            return;
        }
        try {
            if (bar.record.isSelected()) {
                FileChooser fc = new FileChooser();
                fc.setTitle("Record the session to");
                fc.setInitialFileName("board-session.tflmrec");
                File f = fc.showSaveDialog(getScene().getWindow());
                if (f == null) {
                    bar.record.setSelected(false);
                    return;
                }
                s.startRecording(f.toPath());
                workspace.log().info("Board: recording to " + f);
            } else {
                s.stopRecording();
                workspace.log().info("Board: recording stopped");
            }
        } catch (IOException e) {
            bar.record.setSelected(false);
            Dialogs.error(getScene().getWindow(), "Recording", null, e);
        }
    }

    private void replay() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Replay a recorded session or a text capture");
        File f = fc.showOpenDialog(getScene().getWindow());
        if (f != null) {
            replay(f.toPath());
        }
    }

    /**
     * Replays a recording or a text capture in a new session, as if the board were printing it now; the result
     * completes on the FX thread once every line has been read (exceptionally if the file cannot be read).
     */
    public CompletableFuture<Void> replay(Path file) {
        SerialSession s = new SerialSession(workspace, bar.device());
        showSerial(s);
        return s.replay(file);
    }

    /** Chooses the board's device profile (its clock turns ticks into time); false if no profile has that id. */
    public boolean selectDevice(String id) {
        return bar.selectDevice(id);
    }

    /** Connects the serial mode to {@code path} as the Connect button does; completes with whether it connected. */
    public CompletableFuture<Boolean> connectTo(String path) {
        bar.setPortPath(path);
        return connect(path);
    }

    /** The port, baud rate and device profile id the connection bar shows (what tests read). */
    public String shownPort() {
        return bar.portPath();
    }

    public int shownBaud() {
        return bar.baudRate();
    }

    public String shownDeviceId() {
        return bar.device() == null ? "" : bar.device().id();
    }

    /** The axis labels of the invocation chart. */
    public java.util.List<String> chartAxisLabels() {
        return invocations.tickLabels();
    }

    /** The probe panel's status and arena lines (what tests read). */
    public String probeStatus() {
        return probePanel.statusText();
    }

    public String probeArena() {
        return probePanel.arenaText();
    }

    public int probeRows() {
        return probePanel.rowCount();
    }

    // ---- debug probe ----

    private void toggleProbe() {
        ProbeSessionModel p = probe.get();
        if (p != null && p.phaseProperty().get() != ProbeSessionModel.Phase.FAILED
                && p.phaseProperty().get() != ProbeSessionModel.Phase.CLOSED) {
            closeProbe();
            return;
        }
        ProbeTarget target = probePanel.target();
        if (target != null) {
            attach(target);
        }
    }

    /** Attaches the probe mode to {@code target} in a new session (the previous one is closed first). */
    public ProbeSessionModel attach(ProbeTarget target) {
        closeProbe();
        probePanel.setTarget(target.gdbServer(), target.elf(), target.arenaSymbol());
        ProbeSessionModel p = ProbeSessionModel.attach(workspace, work, target);
        probe.set(p);
        probePanel.show(p);
        return p;
    }

    /** Detaches the probe session, if any: the board is resumed and GDB detached in the background. */
    public CompletableFuture<Void> closeProbe() {
        ProbeSessionModel p = probe.get();
        if (p == null) {
            return CompletableFuture.completedFuture(null);
        }
        probe.set(null);
        probePanel.show(null);
        return p.close();
    }

    /**
     * The app is closing: ends the serial session and resumes and detaches the board, waiting a few seconds at most
     * for the board (a board must not be left halted; the debugger also does this when the JVM exits).
     */
    public void shutdown() {
        serial.get().close();
        try {
            closeProbe().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            workspace.log().warn("Board: the probe did not detach in time: " + e.getMessage());
        }
    }
}
