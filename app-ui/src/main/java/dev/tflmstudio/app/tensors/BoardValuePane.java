package dev.tflmstudio.app.tensors;

import dev.tflmstudio.app.workspace.BoardProbe;
import dev.tflmstudio.app.workspace.Formats;
import dev.tflmstudio.app.workspace.Workspace;
import dev.tflmstudio.runtime.interpreter.TensorSnapshot;
import dev.tflmstudio.runtime.interpreter.TensorState;
import dev.tflmstudio.runtime.model.Tensor;
import dev.tflmstudio.serial.probe.TensorComparison;
import java.util.Locale;
import java.util.Optional;
import javafx.beans.InvalidationListener;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;

/**
 * The selected tensor as the attached board computed it beside the local runtime's value for the same input: a
 * one-line verdict, both values per element with their difference, and a heat map of where they differ.
 */
final class BoardValuePane extends BorderPane {
    private static final int TABLE_LIMIT = 200_000;
    private final Workspace workspace;
    private final Label verdict = new Label();
    private final TableView<Integer> table = new TableView<>();
    private final DifferenceMap map = new DifferenceMap();
    private TensorSnapshot local;
    private TensorSnapshot board;

    BoardValuePane(Workspace workspace) {
        this.workspace = workspace;
        setId("tensorBoard");
        verdict.setId("boardValueSummary");
        verdict.setWrapText(true);
        verdict.setPadding(new Insets(4, 8, 4, 8));
        table.setId("boardValueTable");
        TableColumn<Integer, String> idx = column("Index", i -> Integer.toString(i));
        TableColumn<Integer, String> l = column("Local", i -> RawValues.text(local, i));
        TableColumn<Integer, String> b = column("Board", i -> RawValues.text(board, i));
        TableColumn<Integer, String> d = column("Board − local (real)", i -> {
            double diff = board.value(i) - local.value(i);
            return diff == 0 ? "0" : TensorExport.realText(diff);
        });
        table.getColumns().add(idx);
        table.getColumns().add(l);
        table.getColumns().add(b);
        table.getColumns().add(d);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(Integer i, boolean empty) {
                super.updateItem(i, empty);
                getStyleClass().remove("probe-differs");
                if (!empty && i != null && board != null && board.value(i) != local.value(i)) {
                    getStyleClass().add("probe-differs");
                }
            }
        });
        Label mapTitle = new Label("Where they differ: grey = equal, red = differs (largest over channels)");
        mapTitle.setWrapText(true);
        mapTitle.setPadding(new Insets(4, 8, 4, 8));
        BorderPane mapPane = new BorderPane(map, mapTitle, null, null, null);
        SplitPane split = new SplitPane(table, mapPane);
        split.setDividerPositions(0.55);
        setTop(verdict);
        setCenter(split);
        InvalidationListener refresh = o -> refresh();
        workspace.boardProbeProperty().addListener(refresh);
        workspace.selectionProperty().addListener(refresh);
        refresh();
    }

    private TableColumn<Integer, String> column(String title, java.util.function.IntFunction<String> f) {
        TableColumn<Integer, String> c = new TableColumn<>(title);
        c.setCellValueFactory(r -> new ReadOnlyStringWrapper(board == null ? "" : f.apply(r.getValue())));
        c.setSortable(false);
        return c;
    }

    private void refresh() {
        BoardProbe probe = workspace.boardProbeProperty().get();
        Optional<Tensor> tensor = workspace.selectedTensor().filter(t -> workspace.selection().subgraph() == 0);
        Optional<TensorComparison> compared = probe == null ? Optional.empty()
                : tensor.flatMap(t -> probe.ofTensor(t.index()));
        local = null;
        board = null;
        if (compared.isPresent()) {
            Tensor t = tensor.get();
            local = new TensorSnapshot(t, compared.get().local(), TensorState.VALID, null, -1);
            board = new TensorSnapshot(t, compared.get().board(), TensorState.VALID, null, -1);
        }
        verdict.setText(text(probe, tensor, compared));
        verdict.getStyleClass().removeAll("probe-proven", "probe-failed");
        compared.ifPresent(c -> verdict.getStyleClass().add(c.equal() ? "probe-proven" : "probe-failed"));
        int n = board == null ? 0 : Math.min(board.elementCount(), TABLE_LIMIT);
        Integer[] rows = new Integer[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        table.setItems(FXCollections.observableArrayList(rows));
        table.refresh();
        map.setValues(local, board);
    }

    private String text(BoardProbe probe, Optional<Tensor> tensor, Optional<TensorComparison> compared) {
        if (probe == null) {
            return "No board attached: attach one in the Board window's debug-probe mode to see its values here";
        }
        if (tensor.isEmpty()) {
            return "Select a tensor to compare the board's value with the local one";
        }
        String name = Formats.tensorLabel(tensor.get());
        if (compared.isEmpty()) {
            return name + ": the board has not written it in this invoke yet (step the board)";
        }
        TensorComparison c = compared.get();
        int n = board.elementCount();
        if (c.equal()) {
            return String.format(Locale.ROOT, "%s: board = local, all %,d values (FNV-1a %08x)", name, n,
                    c.boardFnv1a32());
        }
        int differ = 0;
        int first = -1;
        for (int i = 0; i < n; i++) {
            if (board.value(i) != local.value(i)) {
                differ++;
                first = first < 0 ? i : first;
            }
        }
        return String.format(Locale.ROOT, "%s: board ≠ local, %,d of %,d values differ, max |error| %s%s", name,
                differ, n, TensorExport.realText(c.maxAbsError()), first < 0 ? "" : ", first at index " + first);
    }

    /** The verdict line (what tests read). */
    String verdictText() {
        return verdict.getText();
    }
}
