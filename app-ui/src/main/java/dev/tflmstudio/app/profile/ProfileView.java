package dev.tflmstudio.app.profile;

import dev.tflmstudio.app.graph.NodeColors;
import dev.tflmstudio.app.workspace.OpTimings;
import dev.tflmstudio.app.workspace.Selection;
import dev.tflmstudio.app.workspace.Workspace;
import dev.tflmstudio.devices.DeviceProfile;
import dev.tflmstudio.profiler.cost.ModelCost;
import dev.tflmstudio.profiler.estimate.DeviceEstimator;
import dev.tflmstudio.profiler.estimate.OpEstimate;
import dev.tflmstudio.runtime.io.AtomicFile;
import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.serial.analysis.SessionSummary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.MapChangeListener;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * The profile window: per-op latency statistics of the local runs and of the attached board (count, first
 * invocation apart, then min / median / p95 / max of the steady state), share of the total, the device estimate
 * and MACs; a bar chart of medians and a timeline of the latest invoke. Sortable by any column.
 */
public final class ProfileView extends BorderPane {
    private final Workspace workspace;
    private final TableView<ProfileRow> table = new TableView<>();
    private final Label summary = new Label("Run the model (F5) to measure latencies");
    private final Chart chart = new Chart();
    private final javafx.scene.control.ComboBox<DeviceProfile> device = new javafx.scene.control.ComboBox<>();
    private final TableColumn<ProfileRow, Double> boardFirst = column("Board first", ProfileRow::boardFirst, true);
    private final TableColumn<ProfileRow, Double> boardMedian = column("Board median", ProfileRow::boardMedian, true);
    private final TableColumn<ProfileRow, Double> boardP95 = column("Board p95", ProfileRow::boardP95, true);
    private final TableColumn<ProfileRow, Double> deviceColumn = column("Device µs", ProfileRow::deviceUs, true);
    private List<ProfileRow> rows = List.of();
    private java.util.function.IntConsumer onRunInvokes = n -> { };

    public ProfileView(Workspace workspace) {
        this.workspace = workspace;
        setId("profile");
        getStyleClass().add("tool-window");
        summary.setId("profileSummary");
        javafx.scene.control.Button runMany = new javafx.scene.control.Button("Run 20 invokes",
                new org.kordamp.ikonli.javafx.FontIcon("mdi2p-play"));
        runMany.setId("profileRun");
        runMany.setOnAction(e -> onRunInvokes.accept(20));
        device.setId("profileDevice");
        device.setPromptText("Device estimate for…");
        device.setItems(workspace.devices());
        device.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(DeviceProfile p) {
                return p == null ? "" : p.name();
            }

            @Override
            public DeviceProfile fromString(String text) {
                return null;
            }
        });
        device.valueProperty().addListener((o, a, b) -> refresh());
        device.setPrefWidth(210);
        runMany.setMinWidth(USE_PREF_SIZE);
        device.setMinWidth(USE_PREF_SIZE);
        summary.setMinWidth(0);
        // Not a ToolBar: the summary is long and would be pushed into the overflow menu.
        javafx.scene.layout.HBox bar = new javafx.scene.layout.HBox(8, runMany, device, summary);
        bar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        bar.setStyle("-fx-padding: 4 8 4 8;");
        setTop(bar);
        table.setId("profileTable");
        TableColumn<ProfileRow, Double> index = column("#", r -> (double) r.op(), false);
        index.setPrefWidth(40);
        table.getColumns().add(index);
        TableColumn<ProfileRow, String> name = new TableColumn<>("Op");
        name.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().name()));
        name.setPrefWidth(140);
        table.getColumns().add(name);
        TableColumn<ProfileRow, Double> count = column("N", r -> (double) r.count(), false);
        count.setPrefWidth(40);
        table.getColumns().add(count);
        table.getColumns().add(column("First µs", ProfileRow::firstUs, true));
        table.getColumns().add(column("Min µs", ProfileRow::minUs, true));
        table.getColumns().add(column("Median µs", ProfileRow::medianUs, true));
        table.getColumns().add(column("p95 µs", ProfileRow::p95Us, true));
        table.getColumns().add(column("Max µs", ProfileRow::maxUs, true));
        table.getColumns().add(column("Share %", ProfileRow::share, true));
        table.getColumns().add(boardFirst);
        table.getColumns().add(boardMedian);
        table.getColumns().add(boardP95);
        table.getColumns().add(deviceColumn);
        table.getColumns().add(column("MACs", ProfileRow::macs, false));
        table.getSelectionModel().selectedItemProperty().addListener((o, a, r) -> {
            if (r != null && !(workspace.selection().hasOp() && workspace.selection().op() == r.op())) {
                workspace.select(Selection.ofOp(0, r.op()));
            }
        });
        // Table above, chart below: the statistics need the full width.
        SplitPane split = new SplitPane(table, chart);
        split.setOrientation(javafx.geometry.Orientation.VERTICAL);
        split.setDividerPositions(0.62);
        setCenter(split);
        workspace.timingsProperty().addListener((o, a, b) -> refresh());
        workspace.modelProperty().addListener((o, a, b) -> refresh());
        workspace.costProperty().addListener((o, a, b) -> refresh());
        workspace.boardSummaryProperty().addListener((o, a, b) -> refresh());
        workspace.opMetrics().addListener((MapChangeListener<String, double[]>) c -> {
            if ("MACS".equals(c.getKey())) {
                refresh();
            }
        });
        refresh();
    }

    /** What "Run 20 invokes" does (the window has no access to the session itself). */
    public void setOnRunInvokes(java.util.function.IntConsumer r) {
        onRunInvokes = r;
    }

    private static TableColumn<ProfileRow, Double> column(String title, Function<ProfileRow, Double> value,
                                                          boolean decimals) {
        TableColumn<ProfileRow, Double> c = new TableColumn<>(title);
        c.setCellValueFactory(r -> new ReadOnlyObjectWrapper<>(value.apply(r.getValue())));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Double v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null || v.isNaN() ? ""
                        : decimals ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%,.0f", v));
            }
        });
        c.setStyle("-fx-alignment: CENTER-RIGHT;");
        c.setPrefWidth(decimals ? 74 : 84);
        return c;
    }

    private void refresh() {
        Model m = workspace.model();
        OpTimings t = workspace.timingsProperty().get();
        SessionSummary board = workspace.boardSummaryProperty().get();
        rows = m == null ? List.of() : ProfileRows.of(m.main(), t, workspace.opMetrics().get("MACS"), board,
                deviceMicros(m));
        table.setItems(FXCollections.observableArrayList(rows));
        // New rows arrive after every invoke; keep them in the order the user sorted by.
        table.sort();
        String unit = ProfileRows.boardUnit(board) == ProfileRows.BoardUnit.MICROS ? " µs" : " ticks";
        boardFirst.setText("Board first" + unit);
        boardMedian.setText("Board median" + unit);
        boardP95.setText("Board p95" + unit);
        // Columns without data would only push the statistics out of sight.
        boolean hasBoard = board != null && board.matchedInvocations() > 0;
        boardFirst.setVisible(hasBoard);
        boardMedian.setVisible(hasBoard);
        boardP95.setVisible(hasBoard);
        deviceColumn.setVisible(device.getValue() != null);
        StringBuilder text = new StringBuilder();
        if (t == null) {
            text.append(m == null ? "No model open" : "No run yet: Run (F5) runs one invoke and measures each op");
        } else {
            double first = rows.stream().mapToDouble(ProfileRow::firstUs).filter(v -> !Double.isNaN(v)).sum();
            double median = rows.stream().mapToDouble(ProfileRow::medianUs).filter(v -> !Double.isNaN(v)).sum();
            text.append(String.format(Locale.ROOT, "%d invoke(s) · first %.1f µs · steady median sum %.1f µs"
                    + " (local Java runtime)", t.invokes(), first, median));
        }
        if (board != null && board.matchedInvocations() > 0) {
            text.append(String.format(Locale.ROOT, " · board: %d matched invocation(s)%s",
                    board.matchedInvocations(), board.clock() == null ? ", ticks (no device clock)" : ""));
        }
        summary.setText(text.toString());
        chart.redraw();
    }

    /** The rows as shown, in the table's current order (what tests and the CSV export see). */
    public List<ProfileRow> shownRows() {
        return List.copyOf(table.getItems());
    }

    /** The profiler's per-op estimate for the chosen device, or null when none is chosen or costs are not ready. */
    private double[] deviceMicros(Model m) {
        ModelCost cost = workspace.costProperty().get();
        DeviceProfile d = device.getValue();
        if (cost == null || d == null) {
            return null;
        }
        double[] us = new double[m.main().operators().size()];
        java.util.Arrays.fill(us, Double.NaN);
        for (OpEstimate e : DeviceEstimator.estimate(cost, d).ops()) {
            if (e.opIndex() < us.length) {
                us[e.opIndex()] = e.micros();
            }
        }
        return us;
    }

    public void exportCsv(Path target) throws IOException {
        byte[] csv = ProfileRows.csv(rows, ProfileRows.boardUnit(workspace.boardSummaryProperty().get()))
                .getBytes(StandardCharsets.UTF_8);
        AtomicFile.write(target, out -> out.write(csv));
        workspace.log().info("Exported the profile to " + target);
    }

    /** Bars of mean latency per op, and the latest invoke as a timeline strip at the top. */
    private final class Chart extends Region {
        private final Canvas canvas = new Canvas();

        Chart() {
            getChildren().add(canvas);
        }

        @Override
        protected void layoutChildren() {
            canvas.setWidth(getWidth());
            canvas.setHeight(getHeight());
            redraw();
        }

        void redraw() {
            GraphicsContext gc = canvas.getGraphicsContext2D();
            double w = getWidth();
            double h = getHeight();
            gc.clearRect(0, 0, w, h);
            OpTimings t = workspace.timingsProperty().get();
            Model m = workspace.model();
            if (t == null || m == null || rows.isEmpty()) {
                return;
            }
            gc.setFont(Font.font(10));
            gc.setTextBaseline(VPos.CENTER);
            double total = 0;
            for (long n : t.last()) {
                total += n;
            }
            // timeline of the latest invoke
            double x = 10;
            double span = w - 20;
            gc.setFill(Color.GRAY);
            gc.setTextAlign(TextAlignment.LEFT);
            gc.fillText(String.format(Locale.ROOT, "Latest invoke: %.1f µs", total / 1000), 10, 10);
            for (int i = 0; i < Math.min(t.last().length, m.main().operators().size()); i++) {
                double seg = total == 0 ? 0 : span * t.last()[i] / total;
                var op = m.main().operator(i);
                gc.setFill(NodeColors.family(op.opName(), op.code().isCustom()).color());
                gc.fillRect(x, 20, Math.max(0.5, seg), 22);
                x += seg;
            }
            // one column per op in execution order: the steady median, a whisker up to p95 (clipped: on a busy
            // machine a p95 can be many medians, and scaling to it would flatten every bar)
            double max = 0;
            for (ProfileRow r : rows) {
                max = Math.max(max, Double.isNaN(r.medianUs()) ? 0 : r.medianUs() * 1.25);
            }
            double top = 62;
            double bottom = h - 16;
            double colW = (w - 20) / rows.size();
            gc.setFill(Color.GRAY);
            gc.fillText(String.format(Locale.ROOT, "Steady median per op (whisker: p95), scale to %.1f µs", max),
                    10, 52);
            for (ProfileRow r : rows) {
                if (max == 0 || Double.isNaN(r.medianUs())) {
                    continue;
                }
                double x0 = 10 + r.op() * colW;
                var op = m.main().operator(r.op());
                double y = bottom - (bottom - top) * r.medianUs() / max;
                gc.setFill(NodeColors.family(op.opName(), op.code().isCustom()).color());
                gc.fillRect(x0 + colW * 0.1, y, Math.max(1, colW * 0.8), bottom - y);
                double yp = Math.max(top, bottom - (bottom - top) * r.p95Us() / max);
                gc.setStroke(Color.GRAY);
                gc.setLineWidth(1);
                gc.strokeLine(x0 + colW / 2, y, x0 + colW / 2, yp);
                if (colW >= 16) {
                    gc.setFill(Color.GRAY);
                    gc.setTextAlign(TextAlignment.CENTER);
                    gc.fillText(Integer.toString(r.op()), x0 + colW / 2, bottom + 8);
                    gc.setTextAlign(TextAlignment.LEFT);
                }
            }
        }
    }
}
