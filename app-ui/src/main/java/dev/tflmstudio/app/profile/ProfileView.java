package dev.tflmstudio.app.profile;

import dev.tflmstudio.app.workspace.Coalescer;
import dev.tflmstudio.app.workspace.OpTimings;
import dev.tflmstudio.app.workspace.Selection;
import dev.tflmstudio.app.workspace.Workspace;
import dev.tflmstudio.devices.DeviceProfile;
import dev.tflmstudio.runtime.cost.ModelCost;
import dev.tflmstudio.runtime.io.AtomicFile;
import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.serial.analysis.SessionSummary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.IntFunction;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.MapChangeListener;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;

/**
 * The profile window: per-op latency statistics of the local runs and of the attached board (count, first
 * invocation apart, then min / median / p95 / max of the steady state), share of the total, the device estimate
 * and MACs; a bar chart of medians and a timeline of the latest invoke. Sortable by any column.
 *
 * <p>The statistics need every sample (medians, p95), so with thousands of invokes they are computed on a worker
 * thread: each change asks for new rows, requests arriving while one is computed collapse into the newest, and
 * stale rows are dropped: rows are shown when they are the newest request's, or, during a run, when they differ
 * from it only by having fewer invokes. (Dropping those too would freeze the table while a fast model runs: new
 * timings arrive faster than the rows are computed, so nearly every result would already be superseded.)
 */
public final class ProfileView extends BorderPane {
    private final Workspace workspace;
    private final TableView<ProfileRow> table = new TableView<>();
    private final Label summary = new Label("Run the model (F5) to measure latencies");
    private final Label estimateBasis = new Label();
    private final ProfileChart chart = new ProfileChart();
    private final ComboBox<DeviceProfile> device = new ComboBox<>();
    private final InvokeRunBar runBar = new InvokeRunBar();
    private final TableColumn<ProfileRow, Double> boardFirst = column("Board first", ProfileRow::boardFirst, true);
    private final TableColumn<ProfileRow, Double> boardMedian = column("Board median", ProfileRow::boardMedian, true);
    private final TableColumn<ProfileRow, Double> boardP95 = column("Board p95", ProfileRow::boardP95, true);
    private final TableColumn<ProfileRow, Double> deviceColumn = column("Device µs", ProfileRow::deviceUs, true);
    private final ExecutorService statistics = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "tflm-studio-profile");
        t.setDaemon(true);
        return t;
    });
    private final Coalescer<RowsRequest> requests = new Coalescer<>(statistics, this::computeRows);
    /** The newest request (FX thread). */
    private RowsRequest newest;
    private List<ProfileRow> rows = List.of();
    /** What the shown rows were computed from. */
    private RowsRequest shown;

    /** Everything the rows depend on, captured on the FX thread. */
    private record RowsRequest(long number, Model model, OpTimings timings, double[] macs, SessionSummary board,
                               ModelCost cost, DeviceProfile device, DeviceProfile boardDevice) {
        /** Whether these rows are an earlier stage of {@code newer}'s: the same inputs, fewer invokes so far. */
        boolean isProgressTowards(RowsRequest newer) {
            boolean earlierTimings = timings == null ? newer.timings == null
                    : newer.timings != null && timings.isEarlierStateOf(newer.timings);
            return number < newer.number && earlierTimings && model == newer.model && macs == newer.macs
                    && board == newer.board && cost == newer.cost && device == newer.device
                    && boardDevice == newer.boardDevice;
        }
    }

    public ProfileView(Workspace workspace) {
        this.workspace = workspace;
        setId("profile");
        getStyleClass().add("tool-window");
        summary.setId("profileSummary");
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
        device.setMinWidth(USE_PREF_SIZE);
        // On a line of its own, wrapped: beside the run bar a small window showed none of it.
        summary.setWrapText(true);
        summary.setStyle("-fx-padding: 0 8 4 8;");
        // Wraps the device picker under the run bar when the window is narrow, rather than cutting it off.
        javafx.scene.layout.FlowPane bar = new javafx.scene.layout.FlowPane(8, 4, runBar, device);
        bar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        bar.setStyle("-fx-padding: 4 8 4 8;");
        estimateBasis.setId("profileEstimateBasis");
        estimateBasis.setWrapText(true);
        estimateBasis.setMinWidth(0);
        estimateBasis.setStyle("-fx-padding: 0 8 4 8;");
        estimateBasis.managedProperty().bind(estimateBasis.visibleProperty());
        estimateBasis.setVisible(false);
        setTop(new javafx.scene.layout.VBox(bar, summary, estimateBasis));
        table.setId("profileTable");
        TableColumn<ProfileRow, Double> index = column("#", r -> (double) r.op(), false);
        index.setPrefWidth(40);
        table.getColumns().add(index);
        TableColumn<ProfileRow, String> name = new TableColumn<>("Op");
        name.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().name()));
        name.setPrefWidth(168); // DEPTHWISE_CONV_2D in full
        name.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty ? null : v);
                setTooltip(empty || v == null ? null : new javafx.scene.control.Tooltip(v));
            }
        });
        table.getColumns().add(name);
        TableColumn<ProfileRow, Double> count = column("N", r -> (double) r.count(), false);
        count.setPrefWidth(60); // 10,000 in full
        table.getColumns().add(count);
        // Local, board and device side by side first; the rest of the statistics after them.
        table.getColumns().add(column("Median µs", ProfileRow::medianUs, true));
        table.getColumns().add(boardMedian);
        table.getColumns().add(deviceColumn);
        boardMedian.setPrefWidth(118); // "Board median ticks" in full
        deviceColumn.setPrefWidth(84);
        table.getColumns().add(column("Share %", ProfileRow::share, true));
        table.getColumns().add(column("p95 µs", ProfileRow::p95Us, true));
        table.getColumns().add(column("First µs", ProfileRow::firstUs, true));
        table.getColumns().add(column("Min µs", ProfileRow::minUs, true));
        table.getColumns().add(column("Max µs", ProfileRow::maxUs, true));
        table.getColumns().add(boardFirst);
        table.getColumns().add(boardP95);
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
        workspace.boardDeviceProperty().addListener((o, a, b) -> {
            // The board's device is the estimate a user wants beside its numbers, unless they picked another.
            if (b != null && (device.getValue() == null || device.getValue() == a)) {
                device.setValue(b);
            }
            refresh();
        });
        workspace.opMetrics().addListener((MapChangeListener<String, double[]>) c -> {
            if ("MACS".equals(c.getKey())) {
                refresh();
            }
        });
        refresh();
    }

    /**
     * What "Run N invokes" does (the window has no access to the session itself): starts N invokes and returns the
     * run to follow, or null when nothing can run.
     */
    public void setOnRunInvokes(IntFunction<InvokeRun> r) {
        runBar.setOnRunInvokes(r);
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

    /** Asks for rows for the current state; they arrive later, on the FX thread. */
    private void refresh() {
        DeviceProfile d = device.getValue();
        newest = new RowsRequest(newest == null ? 1 : newest.number() + 1, workspace.model(),
                workspace.timingsProperty().get(), workspace.opMetrics().get("MACS"),
                workspace.boardSummaryProperty().get(), d == null ? null : workspace.costProperty().get(), d,
                workspace.boardDeviceProperty().get());
        requests.offer(newest);
    }

    /** Worker thread: the statistics, then back to the FX thread to be shown unless stale by then. */
    private void computeRows(RowsRequest r) {
        List<ProfileRow> computed;
        DeviceColumn estimate;
        try {
            estimate = r.model() == null ? null : DeviceColumn.of(r.model(), r.cost(), r.device(), r.board(),
                    r.boardDevice());
            computed = r.model() == null ? List.of() : ProfileRows.of(r.model().main(), r.timings(), r.macs(),
                    r.board(), estimate == null ? null : estimate.micros());
        } catch (RuntimeException e) {
            workspace.log().error("Profile statistics: " + e.getMessage());
            return;
        }
        Platform.runLater(() -> {
            boolean newerThanShown = shown == null || r.number() > shown.number();
            if (r == newest || newerThanShown && r.isProgressTowards(newest)) {
                show(r, computed);
                estimateBasis.setVisible(estimate != null);
                estimateBasis.setText(estimate == null ? "" : "Device µs: " + estimate.summary());
                estimateBasis.setTooltip(estimate == null ? null : new javafx.scene.control.Tooltip(estimate.basis()));
            }
        });
    }

    private void show(RowsRequest r, List<ProfileRow> computed) {
        Model m = r.model();
        OpTimings t = r.timings();
        SessionSummary board = r.board();
        rows = computed;
        shown = r;
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
        deviceColumn.setVisible(r.device() != null);
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
        chart.show(t, m, rows);
        publishMetrics(m, t);
    }

    /**
     * The graph's latency and share heat maps use the same steady-state medians as the table (computed here, off
     * the FX thread, instead of after every invoke).
     */
    private void publishMetrics(Model m, OpTimings t) {
        if (m == null || t == null || m != workspace.model()) {
            return;
        }
        double[] latency = new double[m.main().operators().size()];
        double[] share = new double[latency.length];
        java.util.Arrays.fill(latency, Double.NaN);
        java.util.Arrays.fill(share, Double.NaN);
        for (ProfileRow r : rows) {
            if (r.op() < latency.length) {
                latency[r.op()] = r.medianUs();
                share[r.op()] = r.share();
            }
        }
        workspace.opMetrics().put("LATENCY", latency);
        workspace.opMetrics().put("SHARE", share);
    }

    /** The rows as shown, in the table's current order (what tests and the CSV export see). */
    public List<ProfileRow> shownRows() {
        return List.copyOf(table.getItems());
    }

    /** The timings the shown rows were computed from (null when none): rows lag the workspace while computed. */
    public OpTimings shownTimings() {
        return shown == null ? null : shown.timings();
    }

    /** What the Device µs column says and what it rests on, e.g. "estimate for ...", once shown. */
    public String estimateBasisText() {
        return estimateBasis.isVisible() ? estimateBasis.getText() : "";
    }

    public void exportCsv(Path target) throws IOException {
        byte[] csv = ProfileRows.csv(rows, ProfileRows.boardUnit(shown == null ? null : shown.board()))
                .getBytes(StandardCharsets.UTF_8);
        AtomicFile.write(target, out -> out.write(csv));
        workspace.log().info("Exported the profile to " + target);
    }
}
