package dev.tflmstudio.app.tensors;

import dev.tflmstudio.app.workspace.Formats;
import dev.tflmstudio.app.workspace.Workspace;
import dev.tflmstudio.runtime.interpreter.TensorSnapshot;
import dev.tflmstudio.runtime.model.Tensor;
import dev.tflmstudio.runtime.io.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.BiConsumer;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The tensor viewer: the selected tensor's values at the current step, raw and dequantized, as a table, a
 * histogram and (for 2-D and 3-D data) a heat-map image, with export to {@code .npy} and CSV.
 */
public final class TensorView extends BorderPane {
    private static final int TABLE_LIMIT = 200_000;
    private final Workspace workspace;
    private final Label header = new Label("Select a tensor to see its values");
    private final Label stats = new Label();
    private final TableView<Integer> table = new TableView<>();
    private final HistogramCanvas histogram = new HistogramCanvas();
    private final TensorImage image = new TensorImage();
    private final Spinner<Integer> channel = new Spinner<>(0, 0, 0);
    private final BoardValuePane boardValue;
    private final StaleBanner staleBanner = new StaleBanner();
    private final TabPane tabs;
    private BiConsumer<String, String> exportRequest = (ext, name) -> { };

    public TensorView(Workspace workspace) {
        this.workspace = workspace;
        setId("tensors");
        getStyleClass().add("tool-window");
        header.setId("tensorHeader");
        header.getStyleClass().add("tool-title");
        stats.setId("tensorStats");
        Button npy = new Button(".npy", new FontIcon("mdi2c-content-save-outline"));
        npy.setId("exportNpy");
        npy.setOnAction(e -> exportRequest.accept("npy", fileStem()));
        Button csv = new Button("CSV", new FontIcon("mdi2c-content-save-outline"));
        csv.setId("exportCsv");
        csv.setOnAction(e -> exportRequest.accept("csv", fileStem()));
        // Not a ToolBar: a long tensor name would push the header into the overflow menu. The buttons keep their
        // words (a small window showed only their icons and "..."); the header wraps instead.
        Pane spacer = new Pane();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        header.setMinWidth(0);
        header.setWrapText(true);
        // a fused tensor name can run to hundreds of characters: three lines at most, ending in an ellipsis (the
        // tooltip and the Properties pane have the whole name), so the values keep the room
        header.maxHeightProperty().bind(Bindings.createDoubleBinding(
                () -> Math.ceil(header.getFont().getSize() * 1.35 * 3), header.fontProperty()));
        npy.setMinWidth(USE_PREF_SIZE);
        csv.setMinWidth(USE_PREF_SIZE);
        stats.setWrapText(true);
        HBox bar = new HBox(6, header, spacer, npy, csv);
        bar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        bar.getStyleClass().add("tensor-header-bar");
        setTop(new VBox(bar, staleBanner, stats));
        VBox.setMargin(stats, new Insets(2, 8, 4, 8));
        VBox.setMargin(staleBanner, new Insets(2, 8, 2, 8));

        table.setId("tensorTable");
        TableColumn<Integer, Integer> idx = new TableColumn<>("Index");
        idx.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        TableColumn<Integer, String> raw = new TableColumn<>("Raw");
        raw.setCellValueFactory(c -> new ReadOnlyStringWrapper(snap() == null ? ""
                : RawValues.text(snap(), c.getValue())));
        TableColumn<Integer, String> real = new TableColumn<>("Real");
        real.setCellValueFactory(c -> new ReadOnlyStringWrapper(snap() == null ? ""
                : TensorExport.realText(snap().value(c.getValue()))));
        table.getColumns().add(idx);
        table.getColumns().add(raw);
        table.getColumns().add(real);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);

        channel.setPrefWidth(90);
        channel.valueProperty().addListener((o, a, b) -> image.setChannel(b == null ? 0 : b));
        BorderPane imagePane = new BorderPane(image, new ToolBar(new Label("Channel"), channel), null, image.legend(),
                null);
        boardValue = new BoardValuePane(workspace);
        Tab boardTab = new Tab("Board", boardValue);
        boardTab.setId("tensorBoardTab");
        tabs = new TabPane(new Tab("Table", table), new Tab("Histogram", histogram),
                new Tab("Image", imagePane), boardTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setId("tensorTabs");
        setCenter(tabs);
        workspace.tensorValueProperty().addListener((o, a, b) -> show(b));
        show(workspace.tensorValueProperty().get());
    }

    /** The Board tab's verdict on the selected tensor: board = local, how it differs, or why there is none. */
    public String boardVerdict() {
        return boardValue.verdictText();
    }

    /** Brings the Image tab (the heat map) to the front. */
    public void showImage() {
        tabs.getSelectionModel().select(2);
    }

    /** Called with ("npy" or "csv", suggested file stem) when the user asks to export; the window picks a file. */
    public void setOnExportRequest(BiConsumer<String, String> r) {
        exportRequest = r;
    }

    private TensorSnapshot snap() {
        return workspace.tensorValueProperty().get();
    }

    private String fileStem() {
        TensorSnapshot s = snap();
        return s == null ? "tensor" : ("t" + s.tensor().index() + "_" + s.tensor().name()).replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    private void show(TensorSnapshot s) {
        if (s == null) {
            header.setText(workspace.selectedTensor().map(t -> headerText(t, "no value yet (step or run the model)"))
                    .orElse("Select a tensor to see its values"));
            header.setTooltip(null);
            stats.setText("");
            table.setItems(FXCollections.observableArrayList());
            histogram.setData(null, null);
            image.setSnapshot(null);
            staleBanner.show(null, null);
            markStale(false);
            return;
        }
        header.setText(headerText(s.tensor(), stateText(s)));
        header.setTooltip(new javafx.scene.control.Tooltip(header.getText()));
        markStale(staleBanner.show(s, workspace.model()));
        TensorSnapshot.Stats st = s.stats();
        stats.setText(String.format(Locale.ROOT, (tabs.getStyleClass().contains("stale") ? "leftover bytes, read as"
                + " values: " : "") + "%,d values · min %s · max %s · mean %.6g · std %.6g%s",
                st.count(), TensorExport.realText(st.min()), TensorExport.realText(st.max()), st.mean(), st.stdDev(),
                st.nanCount() > 0 ? " · " + st.nanCount() + " NaN" : ""));
        int n = Math.min(s.elementCount(), TABLE_LIMIT);
        Integer[] rows = new Integer[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        table.setItems(FXCollections.observableArrayList(rows));
        table.refresh();
        histogram.setData(s.histogram(40), st);
        image.setSnapshot(s);
        int channels = image.channelCount();
        channel.setValueFactory(new javafx.scene.control.SpinnerValueFactory.IntegerSpinnerValueFactory(0,
                Math.max(0, channels - 1), Math.min(channel.getValue() == null ? 0 : channel.getValue(),
                Math.max(0, channels - 1))));
        channel.setDisable(channels <= 1);
    }

    /** Greys the table, histogram and image while the banner says their bytes are not the tensor's value. */
    private void markStale(boolean stale) {
        tabs.getStyleClass().remove("stale");
        stats.getStyleClass().remove("stale");
        if (stale) {
            tabs.getStyleClass().add("stale");
            stats.getStyleClass().add("stale");
        }
    }

    /** Whether the viewer shows its values as not the tensor's (banner shown, values greyed). */
    public boolean showsStale() {
        return staleBanner.isVisible() && tabs.getStyleClass().contains("stale");
    }

    /**
     * {@code t22  int8[1,25,5,64]  —  valid at this step}, then the name on the lines below: what the tensor is and
     * whether its values hold come first, where a long name cannot push them out of sight.
     */
    private static String headerText(Tensor t, String state) {
        String first = "t" + t.index() + "  " + Formats.typeAndShape(t) + "  —  " + state;
        return t.name().isEmpty() ? first : first + "\n" + t.name();
    }

    private static String stateText(TensorSnapshot s) {
        return switch (s.state()) {
            case CONSTANT -> "constant";
            case VALID -> "valid at this step";
            case NOT_YET_WRITTEN -> "not written yet in this invoke (bytes are leftovers)";
            case OVERWRITTEN -> "overwritten by " + s.overwrittenBy() + " (value gone)";
        };
    }

    public void exportNpy(Path target) throws IOException {
        TensorSnapshot s = requireSnapshot();
        byte[] bytes = TensorExport.npy(s);
        AtomicFile.write(target, out -> out.write(bytes));
        workspace.log().info("Exported " + Formats.tensorLabel(s.tensor()) + " to " + target);
    }

    public void exportCsv(Path target) throws IOException {
        TensorSnapshot s = requireSnapshot();
        byte[] bytes = TensorExport.csv(s).getBytes(StandardCharsets.UTF_8);
        AtomicFile.write(target, out -> out.write(bytes));
        workspace.log().info("Exported " + Formats.tensorLabel(s.tensor()) + " to " + target);
    }

    private TensorSnapshot requireSnapshot() throws IOException {
        TensorSnapshot s = snap();
        if (s == null) {
            throw new IOException("no tensor value to export: select a tensor and step the model first");
        }
        return s;
    }
}
