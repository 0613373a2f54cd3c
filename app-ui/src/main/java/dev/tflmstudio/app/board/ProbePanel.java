package dev.tflmstudio.app.board;

import dev.tflmstudio.app.workspace.BoardProbe;
import dev.tflmstudio.serial.probe.OpComparison;
import dev.tflmstudio.serial.probe.ProbeTarget;
import dev.tflmstudio.serial.probe.TensorComparison;
import java.io.File;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ChangeListener;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The Board window's debug-probe mode: where the GDB server is, the firmware ELF, the GDB found on PATH and an
 * optional arena symbol; attach, detach and cancel; the session's state, its arena proof in one line, and each op
 * this invoke ran on the board compared with the local runtime (the first divergence stands out).
 */
final class ProbePanel extends BorderPane {
    private final BoardPreferences prefs;
    private final TextField server = new TextField();
    private final TextField elf = new TextField();
    private final TextField arenaSymbol = new TextField();
    private final Label gdb = new Label("GDB: looking on PATH…");
    final Button attach = new Button("Attach", new FontIcon("mdi2b-bug-outline"));
    final Button cancel = new Button("Cancel", new FontIcon("mdi2c-close"));
    private final Label status = new Label("Not attached. Attach, then F10 steps the board, F5 runs it to a"
            + " breakpoint, F8 to the selected op, F9 sets breakpoints on it.");
    private final Label arena = new Label();
    private final TableView<OpComparison> ops = new TableView<>();
    private final ChangeListener<BoardProbe> boardListener = (o, a, b) -> showBoard(b);
    private final ChangeListener<ProbeSessionModel.Phase> phaseListener = (o, a, p) -> showPhase(p);
    private ProbeSessionModel shown;
    private Path gdbPath;
    private int firstDivergence = -1;

    ProbePanel(BoardPreferences prefs) {
        this.prefs = prefs;
        setId("boardProbe");
        server.setId("probeServer");
        server.setPromptText("host:port of the GDB server (OpenOCD :3333, J-Link :2331, QEMU -gdb)");
        server.setText(prefs.gdbServer().isEmpty() ? "localhost:3333" : prefs.gdbServer());
        server.setPrefColumnCount(16);
        elf.setId("probeElf");
        elf.setPromptText("firmware .elf with symbols");
        elf.setText(prefs.elf());
        elf.setPrefColumnCount(26);
        Button chooseElf = new Button(null, new FontIcon("mdi2f-folder-open"));
        chooseElf.setId("probeElfChoose");
        chooseElf.setTooltip(new Tooltip("Choose the firmware the board runs (an ELF with symbols)"));
        chooseElf.setOnAction(e -> chooseElf());
        arenaSymbol.setId("probeArenaSymbol");
        arenaSymbol.setPromptText("arena symbol (optional)");
        arenaSymbol.setText(prefs.arenaSymbol());
        arenaSymbol.setPrefColumnCount(12);
        gdb.setId("probeGdb");
        attach.setId("probeAttach");
        cancel.setId("probeCancel");
        cancel.setTooltip(new Tooltip("Stop the board's current call (F6); the board halts at a clean point"));
        cancel.setDisable(true);
        status.setId("probeStatus");
        status.setWrapText(true);
        arena.setId("probeArena");
        arena.setWrapText(true);
        // Wraps instead of a tool bar's overflow menu: the fields must stay reachable in a narrow window.
        javafx.scene.layout.FlowPane where = new javafx.scene.layout.FlowPane(12, 4,
                field("GDB server", server), field("ELF", elf, chooseElf), field("Arena", arenaSymbol));
        where.setPadding(new Insets(4, 8, 4, 8));
        ToolBar actions = new ToolBar(attach, cancel);
        actions.setMinWidth(USE_PREF_SIZE);
        gdb.setMinWidth(0);
        gdb.setPadding(new Insets(0, 8, 0, 8));
        javafx.scene.layout.HBox actionRow = new javafx.scene.layout.HBox(actions, gdb);
        actionRow.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        actions.getStyleClass().add("tool-bar-small");
        actionRow.getStyleClass().add("tool-bar-small");
        VBox lines = new VBox(4, status, arena);
        lines.setPadding(new Insets(4, 8, 4, 8));
        setTop(new VBox(where, actionRow, lines));

        ops.setId("probeOps");
        ops.setPlaceholder(new Label("No op run on the board in this invoke yet"));
        ops.getColumns().add(col("#", c -> (Object) c.index()));
        ops.getColumns().add(col("Op", OpComparison::opcode));
        ops.getColumns().add(col("Board", c -> c.equal() ? "= local" : "≠ local"));
        ops.getColumns().add(col("Max |error|", c -> {
            double e = c.outputs().stream().mapToDouble(TensorComparison::maxAbsError).max().orElse(0);
            return e == 0 ? "0" : String.format(Locale.ROOT, "%.6g", e);
        }));
        ops.getColumns().add(col("FNV-1a (board / local)", c -> c.outputs().stream()
                .map(t -> String.format(Locale.ROOT, "%08x / %08x", t.boardFnv1a32(), t.localFnv1a32()))
                .reduce((a, b) -> a + ", " + b).orElse("")));
        ops.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        ops.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(OpComparison c, boolean empty) {
                super.updateItem(c, empty);
                getStyleClass().removeAll("probe-equal", "probe-differs", "probe-first-divergence");
                if (!empty && c != null) {
                    getStyleClass().add(c.index() == firstDivergence ? "probe-first-divergence"
                            : c.equal() ? "probe-equal" : "probe-differs");
                }
            }
        });
        setCenter(ops);
        findGdb();
    }

    private static javafx.scene.layout.HBox field(String label, javafx.scene.Node... nodes) {
        javafx.scene.layout.HBox box = new javafx.scene.layout.HBox(4, new Label(label));
        box.getChildren().addAll(nodes);
        box.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        return box;
    }

    private static <T> TableColumn<OpComparison, T> col(String title, Function<OpComparison, T> f) {
        TableColumn<OpComparison, T> c = new TableColumn<>(title);
        c.setCellValueFactory(r -> new ReadOnlyObjectWrapper<>(f.apply(r.getValue())));
        c.setSortable(false);
        return c;
    }

    /** The target the fields describe, remembered for the next start; or null (the status line says what is missing). */
    ProbeTarget target() {
        String host = server.getText() == null ? "" : server.getText().strip();
        String file = elf.getText() == null ? "" : elf.getText().strip();
        if (host.isEmpty() || file.isEmpty()) {
            status.setText("Attach: give the GDB server (host:port) and the firmware's ELF first");
            return null;
        }
        String symbol = arenaSymbol.getText() == null || arenaSymbol.getText().isBlank() ? null
                : arenaSymbol.getText().strip();
        prefs.setGdbServer(host);
        prefs.setElf(file);
        prefs.setArenaSymbol(symbol);
        return new ProbeTarget(host, Path.of(file), symbol, gdbPath == null ? null : gdbPath.toString());
    }

    void setTarget(String host, Path firmware, String symbol) {
        server.setText(host);
        elf.setText(firmware.toString());
        arenaSymbol.setText(symbol == null ? "" : symbol);
    }

    /** Follows {@code session} (null: none) and no other. */
    void show(ProbeSessionModel session) {
        if (shown != null) {
            shown.boardProperty().removeListener(boardListener);
            shown.phaseProperty().removeListener(phaseListener);
            status.textProperty().unbind();
        }
        shown = session;
        if (session == null) {
            showBoard(null);
            showPhase(ProbeSessionModel.Phase.CLOSED);
            return;
        }
        session.boardProperty().addListener(boardListener);
        session.phaseProperty().addListener(phaseListener);
        status.textProperty().bind(session.statusProperty());
        showBoard(session.boardProperty().get());
        showPhase(session.phaseProperty().get());
    }

    private void showPhase(ProbeSessionModel.Phase p) {
        boolean live = p == ProbeSessionModel.Phase.ATTACHING || p == ProbeSessionModel.Phase.ATTACHED
                || p == ProbeSessionModel.Phase.BUSY;
        attach.setText(live ? "Detach" : "Attach");
        cancel.setDisable(p != ProbeSessionModel.Phase.ATTACHING && p != ProbeSessionModel.Phase.BUSY);
        status.getStyleClass().removeAll("probe-failed");
        if (p == ProbeSessionModel.Phase.FAILED) {
            status.getStyleClass().add("probe-failed");
        }
        server.setDisable(live);
        elf.setDisable(live);
        arenaSymbol.setDisable(live);
    }

    private void showBoard(BoardProbe b) {
        firstDivergence = b == null || b.firstDivergence() == null ? -1 : b.firstDivergence().index();
        arena.setText(b == null ? "" : b.arenaLine());
        arena.getStyleClass().removeAll("probe-proven", "probe-failed");
        if (b != null) {
            arena.getStyleClass().add(b.arena().proven() ? "probe-proven" : "probe-failed");
        }
        ops.setItems(FXCollections.observableArrayList(b == null ? java.util.List.of() : b.comparisons()));
        ops.refresh();
        if (!ops.getItems().isEmpty()) {
            ops.scrollTo(ops.getItems().size() - 1);
        }
    }

    private void chooseElf() {
        FileChooser fc = new FileChooser();
        fc.setTitle("The firmware the board runs (ELF with symbols)");
        fc.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("ELF files", "*.elf", "*.axf", "*.out"),
                new FileChooser.ExtensionFilter("All files", "*"));
        String now = elf.getText();
        if (now != null && !now.isBlank()) {
            File dir = Path.of(now.strip()).toAbsolutePath().getParent().toFile();
            if (dir.isDirectory()) {
                fc.setInitialDirectory(dir);
            }
        }
        File f = fc.showOpenDialog(getScene().getWindow());
        if (f != null) {
            elf.setText(f.getPath());
        }
    }

    /** Looks for GDB in the background (it walks PATH). */
    private void findGdb() {
        Thread t = new Thread(() -> {
            Path found = GdbOnPath.find().orElse(null);
            Platform.runLater(() -> {
                gdbPath = found;
                gdb.setText(found == null ? "GDB: none on PATH (install gdb-multiarch or arm-none-eabi-gdb)"
                        : "GDB: " + found);
            });
        }, "tflm-studio-find-gdb");
        t.setDaemon(true);
        t.start();
    }

    /** The status line (what tests read). */
    String statusText() {
        return status.getText();
    }

    /** The arena proof line (what tests read). */
    String arenaText() {
        return arena.getText();
    }

    /** Ops compared in this invoke so far, as the table lists them. */
    int rowCount() {
        return ops.getItems().size();
    }
}
