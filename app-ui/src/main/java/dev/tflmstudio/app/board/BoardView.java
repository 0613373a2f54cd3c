package dev.tflmstudio.app.board;

import dev.tflmstudio.app.workspace.Dialogs;
import dev.tflmstudio.app.workspace.Workspace;
import dev.tflmstudio.devices.DeviceCatalog;
import dev.tflmstudio.devices.DeviceProfile;
import dev.tflmstudio.serial.analysis.AnalysisListener;
import dev.tflmstudio.serial.analysis.Invocation;
import dev.tflmstudio.serial.analysis.MeasuredArena;
import dev.tflmstudio.serial.analysis.ProfiledOp;
import dev.tflmstudio.serial.analysis.SessionSummary;
import dev.tflmstudio.serial.analysis.TickClock;
import dev.tflmstudio.serial.parse.ParsedLine;
import dev.tflmstudio.serial.port.LinkState;
import dev.tflmstudio.serial.port.PortCatalog;
import dev.tflmstudio.serial.port.PortInfo;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The board window: pick a port (listed, or a typed path such as a pseudo-terminal), a baud rate and a device
 * profile, connect, and watch the raw console, the latency of each invocation as it arrives and the per-op
 * ticks of the latest one. Sessions can be recorded and replayed. The connection state is always visible.
 */
public final class BoardView extends BorderPane {
    private static final int MAX_LINES = 20_000;
    private static final int MAX_POINTS = 500;
    private final Workspace workspace;
    private final ComboBox<String> port = new ComboBox<>();
    private final ComboBox<Integer> baud = new ComboBox<>();
    private final ComboBox<DeviceProfile> device = new ComboBox<>();
    private final Button connect = new Button("Connect", new FontIcon("mdi2l-lan-connect"));
    /** The virtual board this window started and is connected to, or null. */
    private VirtualBoardProcess virtualBoard;
    private final ToggleButton record = new ToggleButton("Record", new FontIcon("mdi2r-record-circle-outline"));
    private final Label state = new Label("Disconnected");
    private final Label summary = new Label("No invocations yet");
    private final ObservableList<String> lines = FXCollections.observableArrayList();
    private final FilteredList<String> filtered = new FilteredList<>(lines);
    private final XYChart.Series<Number, Number> latency = new XYChart.Series<>();
    private final TableView<ProfiledOp> ops = new TableView<>();
    private BoardConnection connection;
    private TickClock clock;

    public BoardView(Workspace workspace) {
        this.workspace = workspace;
        setId("board");
        getStyleClass().add("tool-window");
        port.setId("boardPort");
        port.setEditable(true);
        port.setPromptText("/dev/ttyACM0 or a typed path");
        baud.setId("boardBaud");
        baud.setEditable(true);
        baud.getItems().addAll(9600, 57600, 115200, 230400, 460800, 921600);
        baud.setValue(115200);
        baud.setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer v) {
                return v == null ? "" : v.toString();
            }

            @Override
            public Integer fromString(String s) {
                try {
                    return Integer.parseInt(s.strip());
                } catch (NumberFormatException e) {
                    return 115200;
                }
            }
        });
        device.setId("boardDevice");
        device.setPromptText("Device profile");
        device.setItems(workspace.devices());
        device.setConverter(new StringConverter<>() {
            @Override
            public String toString(DeviceProfile p) {
                return p == null ? "" : p.name();
            }

            @Override
            public DeviceProfile fromString(String s) {
                return null;
            }
        });
        device.valueProperty().addListener((o, a, p) -> {
            workspace.boardDeviceProperty().set(p);
            if (p != null && p.defaultBaud() > 0) {
                baud.setValue(p.defaultBaud());
            }
        });
        Button refresh = new Button(null, new FontIcon("mdi2r-restart"));
        refresh.setOnAction(e -> listPorts());
        connect.setId("boardConnect");
        connect.setOnAction(e -> toggleConnection());
        record.setId("boardRecord");
        record.setOnAction(e -> toggleRecording());
        Button replay = new Button("Replay…", new FontIcon("mdi2p-play-pause"));
        replay.setId("boardReplay");
        replay.setOnAction(e -> replay());
        state.setId("boardState");
        state.getStyleClass().add("board-state");
        port.setPrefWidth(220);
        baud.setPrefWidth(100);
        device.setPrefWidth(200);
        ToolBar settings = new ToolBar(new Label("Port"), port, refresh, new Label("Baud"), baud, device);
        Button virtual = new Button("Virtual board", new FontIcon("mdi2r-robot-outline"));
        virtual.setId("boardVirtual");
        virtual.setTooltip(new javafx.scene.control.Tooltip("Start a virtual board that runs the open model and"
                + " prints what stock TFLM prints, on a pseudo-terminal (needs socat), and connect to it"));
        virtual.setOnAction(e -> startVirtualBoard());
        ToolBar actions = new ToolBar(connect, record, replay, virtual, state);
        settings.getStyleClass().add("tool-bar-small");
        actions.getStyleClass().add("tool-bar-small");
        setTop(new VBox(settings, actions));

        TextField filter = new TextField();
        filter.setId("boardFilter");
        filter.setPromptText("Filter lines");
        filter.textProperty().addListener((o, a, q) -> filtered.setPredicate(q == null || q.isBlank() ? null
                : s -> s.toLowerCase(Locale.ROOT).contains(q.strip().toLowerCase(Locale.ROOT))));
        ListView<String> console = new ListView<>(filtered);
        console.setId("boardConsole");
        console.getStyleClass().add("console-list");
        VBox.setVgrow(console, Priority.ALWAYS);
        VBox left = new VBox(filter, console);

        NumberAxis x = new NumberAxis();
        x.setLabel("invocation");
        x.setForceZeroInRange(false);
        NumberAxis y = new NumberAxis();
        y.setLabel("invoke time (ms, or ticks without a device clock)");
        LineChart<Number, Number> chart = new LineChart<>(x, y);
        chart.setId("boardChart");
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setLegendVisible(false);
        chart.getData().add(latency);
        ops.setId("boardOps");
        ops.getColumns().add(col("#", p -> (Object) p.position()));
        ops.getColumns().add(col("Tag", p -> p.tag()));
        ops.getColumns().add(col("Ticks", p -> p.ticks()));
        ops.getColumns().add(col("µs", p -> clock == null ? "" : String.format(Locale.ROOT, "%.1f",
                clock.micros(p.ticks()))));
        ops.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        summary.setId("boardSummary");
        VBox right = new VBox(summary, chart, ops);
        VBox.setVgrow(ops, Priority.ALWAYS);
        SplitPane split = new SplitPane(left, right);
        split.setDividerPositions(0.5);
        setCenter(split);
        listPorts();
    }

    private static <T> TableColumn<ProfiledOp, T> col(String title, java.util.function.Function<ProfiledOp, T> f) {
        TableColumn<ProfiledOp, T> c = new TableColumn<>(title);
        c.setCellValueFactory(r -> new ReadOnlyObjectWrapper<>(f.apply(r.getValue())));
        return c;
    }

    private void listPorts() {
        String typed = port.getEditor().getText();
        port.getItems().setAll(PortCatalog.list(DeviceCatalog.of(workspace.devices())).stream().map(PortInfo::path)
                .toList());
        port.getEditor().setText(typed);
    }

    private BoardConnection newConnection() {
        DeviceProfile p = device.getValue();
        clock = p == null || p.clockHz() <= 0 ? null : new TickClock(p.clockHz(), "core clock of " + p.name());
        lines.clear();
        latency.getData().clear();
        ops.getItems().clear();
        workspace.boardArenaProperty().set(null);
        workspace.boardSummaryProperty().set(null);
        var model = workspace.model();
        // The listener needs the connection's analysis for its statistics; calls only come once bytes flow.
        AtomicReference<BoardConnection> self = new AtomicReference<>();
        BoardConnection c = new BoardConnection(model, clock, new AnalysisListener() {
            @Override
            public void line(ParsedLine line) {
                Platform.runLater(() -> addLine(line.text()));
            }

            @Override
            public void invocation(Invocation inv) {
                // Summarise here, on the reader thread: sorting every op's samples is no work for the FX thread.
                SessionSummary stats = self.get().analysis().summary();
                Platform.runLater(() -> {
                    showInvocation(inv);
                    if (workspace.model() == model) {
                        workspace.boardSummaryProperty().set(stats);
                    }
                });
            }

            @Override
            public void arena(MeasuredArena arena) {
                Platform.runLater(() -> {
                    if (workspace.model() == model) {
                        workspace.boardArenaProperty().set(arena);
                    }
                });
            }

            @Override
            public void warning(String message) {
                Platform.runLater(() -> workspace.log().warn("Board: " + message));
            }
        });
        self.set(c);
        return c;
    }

    private void addLine(String text) {
        if (lines.size() >= MAX_LINES) {
            lines.remove(0, lines.size() - MAX_LINES + 1);
        }
        lines.add(text);
    }

    private void showInvocation(Invocation inv) {
        double total = clock == null ? inv.totalTicks() : clock.millis(inv.totalTicks());
        latency.getData().add(new XYChart.Data<>(inv.number(), total));
        if (latency.getData().size() > MAX_POINTS) {
            latency.getData().remove(0);
        }
        ops.getItems().setAll(inv.ops());
        publishBoardTimes(inv);
        summary.setText(String.format(Locale.ROOT, "Invocation %d: %s%s", inv.number(),
                clock == null ? inv.totalTicks() + " ticks" : String.format(Locale.ROOT, "%.3f ms", total),
                inv.matched() ? "" : " (" + inv.mismatch() + ")"));
    }

    /** Per-op µs of a matched invocation, for the profile's board column (needs a known tick rate). */
    private void publishBoardTimes(Invocation inv) {
        var model = workspace.model();
        if (clock == null || !inv.matched() || model == null
                || inv.ops().size() != model.main().operators().size()) {
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

    private void setState(LinkState s, String detail) {
        state.getStyleClass().removeAll("connected", "disconnected");
        state.getStyleClass().add(s == LinkState.CONNECTED ? "connected" : "disconnected");
        state.setText(switch (s) {
            case CONNECTED -> "● Connected";
            case DISCONNECTED -> "● Lost — waiting for the port";
            case CLOSED -> "Disconnected";
        });
        connect.setText(s == LinkState.CLOSED ? "Connect" : "Disconnect");
        workspace.log().info("Board: " + detail);
    }

    private void toggleConnection() {
        if (connection != null) {
            closeConnection();
            return;
        }
        String path = port.getEditor().getText() == null ? "" : port.getEditor().getText().strip();
        if (path.isEmpty()) {
            workspace.log().warn("Board: type or pick a port first");
            return;
        }
        int rate = baud.getValue() == null ? 115200 : baud.getValue();
        BoardConnection c = newConnection();
        try {
            c.connect(path, rate, (s, d) -> Platform.runLater(() -> setState(s, d)));
            connection = c;
        } catch (IOException | RuntimeException e) {
            Dialogs.error(getScene().getWindow(), "Connecting to " + path,
                    "Check the path, that no other program holds the port, and your permission to open it.", e);
        }
    }

    /** Starts the virtual board on the open model (and the chosen device's clock) and connects to it. */
    private void startVirtualBoard() {
        var model = workspace.model();
        if (model == null) {
            workspace.log().warn("Board: open a model first; the virtual board runs it");
            return;
        }
        if (connection != null) {
            closeConnection();
        }
        DeviceProfile profile = device.getValue();
        javafx.concurrent.Task<VirtualBoardProcess> start = new javafx.concurrent.Task<>() {
            @Override
            protected VirtualBoardProcess call() throws IOException {
                return VirtualBoardProcess.start(model, profile, failure -> Platform.runLater(() -> {
                    if (failure != null) {
                        workspace.log().warn("Board: the virtual board stopped: " + failure.getMessage());
                    }
                }));
            }
        };
        start.setOnSucceeded(e -> {
            virtualBoard = start.getValue();
            String host = virtualBoard.hostPort().toString();
            workspace.log().info("Board: virtual board running " + model.main().operators().size() + " ops, "
                    + (profile == null ? "no device clock" : "as " + profile.name()) + ", on " + host);
            port.getEditor().setText(host);
            toggleConnection();
        });
        start.setOnFailed(e -> Dialogs.error(getScene().getWindow(), "Starting the virtual board",
                "It needs socat for its serial cable, and a model the local runtime can run.", start.getException()));
        Thread t = new Thread(start, "tflm-studio-virtual-board-start");
        t.setDaemon(true);
        t.start();
    }

    private void closeConnection() {
        try {
            connection.close();
        } catch (IOException e) {
            workspace.log().warn("Board: closing: " + e.getMessage());
        }
        connection = null;
        if (virtualBoard != null) {
            virtualBoard.close();
            virtualBoard = null;
        }
        record.setSelected(false);
        setState(LinkState.CLOSED, "disconnected");
    }

    private void toggleRecording() {
        if (connection == null) {
            record.setSelected(false);
            workspace.log().warn("Board: connect before recording");
            return;
        }
        try {
            if (record.isSelected()) {
                FileChooser fc = new FileChooser();
                fc.setTitle("Record the session to");
                fc.setInitialFileName("board-session.tflmrec");
                File f = fc.showSaveDialog(getScene().getWindow());
                if (f == null) {
                    record.setSelected(false);
                    return;
                }
                connection.startRecording(f.toPath());
                workspace.log().info("Board: recording to " + f);
            } else {
                connection.stopRecording();
                workspace.log().info("Board: recording stopped");
            }
        } catch (IOException e) {
            record.setSelected(false);
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
     * Replays a recording or a text capture on a background thread, as if the board were printing it now; the
     * result completes on the FX thread once every line has been read (exceptionally if the file cannot be read).
     */
    public CompletableFuture<Void> replay(Path file) {
        String name = file.getFileName().toString();
        if (connection != null) {
            closeConnection();
        }
        BoardConnection c = newConnection();
        state.setText("Replaying " + name + "…");
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                var r = c.replay(file);
                Platform.runLater(() -> {
                    workspace.log().info(String.format(Locale.ROOT, "Board: replayed %,d bytes from %s",
                            r.dataBytes(), name));
                    state.setText("Replayed " + name);
                    done.complete(null);
                });
            } catch (IOException e) {
                Platform.runLater(() -> {
                    state.setText("Disconnected");
                    Dialogs.error(getScene().getWindow(), "Replaying " + name, null, e);
                    done.completeExceptionally(e);
                });
            }
        }, "board-replay");
        t.setDaemon(true);
        t.start();
        return done;
    }

    /** Chooses the board's device profile (its clock turns ticks into time); false if no profile has that id. */
    public boolean selectDevice(String id) {
        for (DeviceProfile p : workspace.devices()) {
            if (p.id().equals(id)) {
                device.setValue(p);
                return true;
            }
        }
        return false;
    }
}
