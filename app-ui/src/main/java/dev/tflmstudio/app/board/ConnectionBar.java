package dev.tflmstudio.app.board;

import dev.tflmstudio.app.workspace.Workspace;
import dev.tflmstudio.devices.DeviceCatalog;
import dev.tflmstudio.devices.DeviceProfile;
import dev.tflmstudio.serial.port.PortCatalog;
import dev.tflmstudio.serial.port.PortInfo;
import java.util.List;
import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.geometry.Pos;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The Board window's serial settings and actions: port (listed, or a typed path such as a pseudo-terminal), baud
 * rate and device profile, remembered across runs; connect, record, replay, virtual board; and the session's state
 * line, always visible.
 */
final class ConnectionBar extends VBox {
    private final Workspace workspace;
    private final BoardPreferences prefs;
    private final ComboBox<String> port = new ComboBox<>();
    private final ComboBox<Integer> baud = new ComboBox<>();
    private final ComboBox<DeviceProfile> device = new ComboBox<>();
    final Button connect = new Button("Connect", new FontIcon("mdi2l-lan-connect"));
    final ToggleButton record = new ToggleButton("Record", new FontIcon("mdi2r-record-circle-outline"));
    final Button replay = new Button("Replay…", new FontIcon("mdi2p-play-pause"));
    final Button virtual = new Button("Virtual board", new FontIcon("mdi2r-robot-outline"));
    private final Label state = new Label(LinkStatus.CLOSED.text());
    private final ChangeListener<LinkStatus> statusListener = (o, a, s) -> showStatus(s);
    private SerialSession shown;
    /** True while the remembered device is put back: its default baud must not replace the remembered one. */
    private boolean restoring;

    ConnectionBar(Workspace workspace, BoardPreferences prefs) {
        this.workspace = workspace;
        this.prefs = prefs;
        port.setId("boardPort");
        port.setEditable(true);
        port.setPromptText(examplePort() + " or a typed path");
        port.getEditor().setText(prefs.port());
        baud.setId("boardBaud");
        baud.setEditable(true);
        baud.getItems().addAll(9600, 57600, 115200, 230400, 460800, 921600);
        baud.setValue(prefs.baud());
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
            if (p != null && p.defaultBaud() > 0 && !restoring) {
                baud.setValue(p.defaultBaud());
            }
            if (!restoring) {
                prefs.setDeviceId(p == null ? "" : p.id());
            }
        });
        // Device profiles load in the background: put the remembered one back once it is there.
        workspace.devices().addListener((ListChangeListener<DeviceProfile>) c -> restoreDevice());
        restoreDevice();
        Button refresh = new Button(null, new FontIcon("mdi2r-restart"));
        refresh.setTooltip(new Tooltip("List the serial ports again"));
        refresh.setOnAction(e -> listPorts());
        connect.setId("boardConnect");
        record.setId("boardRecord");
        replay.setId("boardReplay");
        virtual.setId("boardVirtual");
        virtual.setTooltip(new Tooltip("Start a virtual board that runs the open model and prints what stock TFLM"
                + " prints, on a pseudo-terminal, and connect to it (needs socat; on Windows, run the app in WSL)"));
        state.setId("boardState");
        state.getStyleClass().addAll("board-state", "idle");
        state.setMinWidth(0);
        port.setPrefWidth(220);
        baud.setPrefWidth(100);
        device.setPrefWidth(250); // "Arduino Nano 33 BLE Sense" in full
        // Flow panes, not tool bars: at 1024 px a tool bar hid the device picker and cut the state to "Disco...";
        // these wrap onto another line instead.
        Label portLabel = new Label("Port");
        Label baudLabel = new Label("Baud");
        for (javafx.scene.layout.Region r : List.of(portLabel, baudLabel, port, baud, device, refresh, connect,
                record, replay, virtual)) {
            r.setMinWidth(USE_PREF_SIZE);
        }
        javafx.scene.layout.FlowPane settings = new javafx.scene.layout.FlowPane(6, 4, portLabel, port, refresh,
                baudLabel, baud, device);
        settings.setAlignment(Pos.CENTER_LEFT);
        settings.getStyleClass().add("tool-bar-small");
        settings.setStyle("-fx-padding: 4 6 4 6;");
        state.setWrapText(true);
        javafx.scene.layout.FlowPane row = new javafx.scene.layout.FlowPane(6, 4, connect, record, replay, virtual,
                state);
        row.setAlignment(Pos.CENTER_LEFT);
        row.getStyleClass().add("tool-bar-small");
        row.setStyle("-fx-padding: 4 6 4 6;");
        getChildren().addAll(settings, row);
        listPorts();
    }

    /** Follows {@code session}'s state from now on (and no other session's). */
    void show(SerialSession session) {
        if (shown != null) {
            shown.statusProperty().removeListener(statusListener);
        }
        shown = session;
        session.statusProperty().addListener(statusListener);
        showStatus(session.statusProperty().get());
        record.setSelected(false);
    }

    private void showStatus(LinkStatus s) {
        state.getStyleClass().removeAll("connected", "disconnected", "warning", "idle");
        state.getStyleClass().add(s.kind().styleClass());
        state.setText(s.text());
        state.setTooltip(s.kind() == LinkStatus.Kind.FAILED ? new Tooltip("Check the path, that no other program"
                + " holds the port, and your permission to open it.") : null);
        connect.setText(s.kind().open() ? "Disconnect" : "Connect");
        if (!s.kind().open()) {
            record.setSelected(false);
        }
    }

    /** The typed or picked port, stripped ("" when none). */
    String portPath() {
        String p = port.getEditor().getText();
        return p == null ? "" : p.strip();
    }

    void setPortPath(String path) {
        port.getEditor().setText(path);
    }

    int baudRate() {
        return baud.getValue() == null ? 115200 : baud.getValue();
    }

    DeviceProfile device() {
        return device.getValue();
    }

    /** Remembers what a successful connect used, for the next start. */
    void remember(String path, int rate) {
        prefs.setPort(path);
        prefs.setBaud(rate);
    }

    boolean selectDevice(String id) {
        for (DeviceProfile p : workspace.devices()) {
            if (p.id().equals(id)) {
                device.setValue(p);
                return true;
            }
        }
        return false;
    }

    private void restoreDevice() {
        String id = prefs.deviceId();
        if (device.getValue() != null || id.isEmpty()) {
            return;
        }
        restoring = true;
        try {
            selectDevice(id);
        } finally {
            restoring = false;
        }
    }

    /** Lists the ports in the background (it reads the system's device tree); the typed text stays. */
    private void listPorts() {
        List<DeviceProfile> profiles = List.copyOf(workspace.devices());
        Thread t = new Thread(() -> {
            List<String> paths = PortCatalog.list(DeviceCatalog.of(profiles)).stream().map(PortInfo::path).toList();
            Platform.runLater(() -> {
                String typed = port.getEditor().getText();
                port.getItems().setAll(paths);
                port.getEditor().setText(typed);
            });
        }, "tflm-studio-port-list");
        t.setDaemon(true);
        t.start();
    }

    /** What a board's port is called on this OS, for the port field's hint. */
    static String examplePort() {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        return os.startsWith("windows") ? "COM3" : os.contains("mac") ? "/dev/cu.usbmodem1101" : "/dev/ttyACM0";
    }
}
