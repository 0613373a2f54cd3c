package dev.tflmstudio.app.arena;

import dev.tflmstudio.app.workspace.Formats;
import dev.tflmstudio.app.workspace.Selection;
import dev.tflmstudio.app.workspace.Workspace;
import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.model.Tensor;
import dev.tflmstudio.runtime.plan.ArenaEstimate;
import dev.tflmstudio.runtime.plan.ArenaEstimator;
import dev.tflmstudio.runtime.plan.BufferKind;
import dev.tflmstudio.devices.DeviceProfile;
import dev.tflmstudio.runtime.plan.KernelSet;
import dev.tflmstudio.runtime.plan.MemoryPlan;
import dev.tflmstudio.runtime.plan.PlannedBuffer;
import dev.tflmstudio.runtime.plan.Planners;
import dev.tflmstudio.runtime.plan.Target;
import dev.tflmstudio.serial.analysis.MeasuredArena;
import java.util.Locale;
import javafx.beans.property.ObjectProperty;
import javafx.collections.MapChangeListener;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;

/**
 * The arena tool window: the chosen planner's plan as a time × address chart, with totals and the bound, and the
 * attached board's measured arena beside the prediction when a board reported one.
 */
public final class ArenaView extends BorderPane {
    private final Workspace workspace;
    private final ArenaChart chart = new ArenaChart();
    private final Label summary = new Label();
    private final Label cursorInfo = new Label();
    private final Label boardLine = new Label();
    private final Label probeLine = new Label();
    /** The legend's "board head" entry, shown only while the chart draws a board's head. */
    private final HBox boardSwatch = swatch(ArenaChart.BOARD_COLOR, "board head");

    public ArenaView(Workspace workspace, ObjectProperty<String> planner, ObjectProperty<KernelSet> kernels) {
        this.workspace = workspace;
        setId("arena");
        getStyleClass().add("tool-window");
        ComboBox<String> picker = new ComboBox<>();
        picker.setId("arenaPlanner");
        picker.getItems().addAll(Planners.NAMES);
        picker.valueProperty().bindBidirectional(planner);
        summary.setId("arenaSummary");
        cursorInfo.setId("arenaCursor");
        // On a line of its own under the pickers, wrapped: beside them a small window cut off "best saves ...".
        summary.setWrapText(true);
        summary.setStyle("-fx-padding: 0 8 4 8;");
        Label plannerLabel = new Label("Planner");
        plannerLabel.setMinWidth(USE_PREF_SIZE);
        picker.setMinWidth(USE_PREF_SIZE);
        ComboBox<KernelSet> kernelPicker = new ComboBox<>();
        kernelPicker.setId("arenaKernels");
        kernelPicker.getItems().addAll(KernelSet.values());
        kernelPicker.valueProperty().bindBidirectional(kernels);
        kernelPicker.setMinWidth(USE_PREF_SIZE);
        kernelPicker.setTooltip(new javafx.scene.control.Tooltip("The kernels the firmware links: reference, or "
                + "cmsis-nn (Arm's CMSIS-NN, planned for a 32-bit Cortex-M): they change scratch buffers, not "
                + "results"));
        Label kernelLabel = new Label("Kernels");
        kernelLabel.setMinWidth(USE_PREF_SIZE);
        HBox bar = new HBox(8, plannerLabel, picker, kernelLabel, kernelPicker);
        bar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        bar.getStyleClass().add("tensor-header-bar");
        bar.setStyle("-fx-padding: 4 8 4 8;");
        boardLine.setId("arenaBoard");
        boardLine.setStyle("-fx-padding: 0 8 4 8;");
        boardLine.setWrapText(true);
        boardLine.managedProperty().bind(boardLine.visibleProperty());
        boardLine.setVisible(false);
        probeLine.setId("arenaProbe");
        probeLine.setStyle("-fx-padding: 0 8 4 8;");
        probeLine.setWrapText(true);
        probeLine.managedProperty().bind(probeLine.visibleProperty());
        probeLine.setVisible(false);
        setTop(new javafx.scene.layout.VBox(bar, summary, boardLine, probeLine));
        setCenter(chart);
        cursorInfo.setMinWidth(0);
        boardSwatch.managedProperty().bind(boardSwatch.visibleProperty());
        boardSwatch.setVisible(false);
        // Wraps on a narrow window: a row of fixed-width entries made the whole view wider than its tab, cutting
        // the chart's right edge off.
        javafx.scene.layout.FlowPane legend = new javafx.scene.layout.FlowPane(10, 4, swatch("#4C78A8", "tensor"),
                swatch("#F58518", "scratch"),
                swatch("#B279A2", "offline-pinned"), swatch("#D93025", "lower bound (dashed)"), boardSwatch,
                cursorInfo);
        legend.getStyleClass().add("arena-legend");
        setBottom(legend);

        chart.setDescriber(this::describe);
        chart.setOnBufferClicked(b -> workspace.select(b.kind() == BufferKind.SCRATCH
                ? Selection.ofOp(b.subgraph(), b.op()) : Selection.ofTensor(b.subgraph(), b.tensor())));
        workspace.planProperty().addListener((o, a, p) -> refresh());
        workspace.plans().addListener((MapChangeListener<String, MemoryPlan>) c -> refresh());
        workspace.currentStepProperty().addListener((o, a, b) -> moveCursor());
        workspace.boardArenaProperty().addListener((o, a, b) -> showBoard());
        workspace.boardProbeProperty().addListener((o, a, b) -> showProbe());
        // the prediction is for the board's word size and kernels, which can arrive after its arena
        workspace.boardDeviceProperty().addListener((o, a, b) -> showBoard());
        workspace.selectionProperty().addListener((o, a, s) -> chart.setSelectedTensor(
                s.hasTensor() && s.subgraph() == 0 ? s.tensor() : -1));
        refresh();
    }

    /** The chart's cursor time step, or -1 (what tests check while stepping). */
    public int cursorTime() {
        return chart.cursorTime();
    }

    public void setDark(boolean dark) {
        chart.setDark(dark);
    }

    private static HBox swatch(String color, String text) {
        Label label = new Label(text);
        label.setMinWidth(USE_PREF_SIZE);
        HBox box = new HBox(5, new Rectangle(12, 12, Color.web(color)), label);
        box.setMinWidth(USE_PREF_SIZE);
        return box;
    }

    private void refresh() {
        MemoryPlan plan = workspace.planProperty().get();
        chart.setPlan(plan);
        if (plan == null) {
            summary.setText(workspace.model() == null ? "No model open" : "Planning…");
            return;
        }
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "Head %s · lower bound %s · %s over the bound · %d buffers", Formats.bytes(plan.headBytes()),
                Formats.bytes(plan.lowerBoundBytes()), Formats.bytes(plan.gapBytes()), plan.bufferCount()));
        MemoryPlan tflm = workspace.plans().get("tflm");
        MemoryPlan best = workspace.plans().get("best");
        if (tflm != null && best != null) {
            sb.append(String.format(Locale.ROOT, " · best saves %s vs tflm",
                    Formats.bytes(tflm.headBytes() - best.headBytes())));
        }
        summary.setText(sb.toString());
        moveCursor();
        showBoard();
    }

    /** The board's measured arena next to what TFLM's own planner predicts for this model (the board runs it). */
    private void showBoard() {
        MeasuredArena measured = workspace.boardArenaProperty().get();
        boolean shown = measured != null && measured.reported();
        chart.setMeasuredHead(shown ? measured.headBytes() : -1);
        boardLine.setVisible(shown);
        boardSwatch.setVisible(shown && measured.headBytes() >= 0);
        if (!shown) {
            boardLine.setText("");
            return;
        }
        String board = String.format(Locale.ROOT, "board: head %s, tail %s, total %s", known(measured.headBytes()),
                known(measured.tailBytes()), known(measured.totalBytes()));
        Model m = workspace.model();
        if (m == null) {
            boardLine.setText(board);
            return;
        }
        // The board's own word size decides struct sizes in the tail: a 32-bit MCU is mcu32, else assume host64.
        DeviceProfile device = workspace.boardDeviceProperty().get();
        Target target = workspace.boardTarget();
        // and its usual kernel set decides scratch buffers and OpData (CMSIS-NN exists for Cortex-M only)
        KernelSet kernels = target == Target.MCU32 ? KernelSet.fromId(device.kernels()) : KernelSet.REFERENCE;
        ArenaEstimate predicted = ArenaEstimator.estimate(m, Planners.plan(m, "tflm", target, kernels));
        String verdict = measured.headBytes() < 0 ? ""
                : measured.headBytes() == predicted.headBytes() ? " · head as predicted"
                : String.format(Locale.ROOT, " · head differs by %+,d B",
                        measured.headBytes() - predicted.headBytes());
        boardLine.setText(String.format(Locale.ROOT,
                "%s; predicted (tflm planner, %s%s) head %s, tail %s, total %s%s",
                board, predicted.target().id(), kernels == KernelSet.REFERENCE ? "" : ", " + kernels.id(),
                Formats.bytes(predicted.headBytes()),
                Formats.bytes(predicted.tailBytes()), Formats.bytes(predicted.totalBytes()), verdict));
    }

    /** The board attached through its probe: its arena's address, the proof, and the bytes that differ. */
    private void showProbe() {
        var probe = workspace.boardProbeProperty().get();
        BoardBytes bytes = BoardBytes.of(probe);
        chart.setBoardBytes(bytes);
        probeLine.setVisible(probe != null);
        probeLine.setText(probe == null ? "" : bytes.line(probe));
    }

    /** The probe line in the header, empty while no board is attached through its probe (what tests read). */
    public String probeText() {
        return probeLine.getText();
    }

    private static String known(long bytes) {
        return bytes < 0 ? "?" : Formats.bytes(bytes);
    }

    /** The board line in the header, empty while no board reported an arena (what tests read). */
    public String boardText() {
        return boardLine.getText();
    }

    /** The measured head the chart marks, or -1. */
    public long measuredHeadMarker() {
        return chart.measuredHead();
    }

    private void moveCursor() {
        int step = workspace.currentStepProperty().get();
        // The op that just ran, op i, ran at planner time i + 1.
        int time = step < 0 ? -1 : step + 1;
        chart.setCursor(time);
        MemoryPlan plan = workspace.planProperty().get();
        if (plan != null && time >= 0 && time < plan.liveBytes().size()) {
            cursorInfo.setText(String.format(Locale.ROOT, "step %d (after op #%d): %s live", time, step,
                    Formats.bytes(plan.liveBytes().get(time))));
        } else {
            cursorInfo.setText("");
        }
    }

    private String describe(PlannedBuffer b) {
        Model m = workspace.model();
        String what;
        if (b.kind() == BufferKind.SCRATCH) {
            String op = m == null ? "" : " " + m.subgraphs().get(b.subgraph()).operator(b.op()).opName();
            what = "scratch " + b.scratchIndex() + " of op #" + b.op() + op;
        } else {
            Tensor t = m == null ? null : m.subgraphs().get(b.subgraph()).tensor(b.tensor());
            what = t == null ? "tensor " + b.tensor() : Formats.tensorLabel(t) + "  " + Formats.typeAndShape(t);
        }
        return String.format(Locale.ROOT, "%s%noffset %,d (0x%x), %,d B (raw %,d B)%nlive steps %d to %d%s", what,
                b.offset(), b.offset(), b.size(), b.rawBytes(), b.firstUse(), b.lastUse(),
                b.isOffline() ? "\npinned by the offline plan" : "");
    }
}
