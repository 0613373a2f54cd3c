package dev.tflmstudio.app.properties;

import dev.tflmstudio.app.properties.PropertySection.Row;
import dev.tflmstudio.app.workspace.Selection;
import dev.tflmstudio.app.workspace.Workspace;
import dev.tflmstudio.runtime.model.Subgraph;
import java.util.List;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableRow;
import javafx.scene.control.TreeTableView;
import javafx.scene.layout.BorderPane;

/** Properties of the selected op or tensor. Double-click an input or output to select that tensor. */
public final class PropertiesView extends BorderPane {
    private final Workspace workspace;
    private final TreeTableView<Row> table = new TreeTableView<>();
    private final Label title = new Label("Nothing selected");

    public PropertiesView(Workspace workspace) {
        this.workspace = workspace;
        setId("properties");
        getStyleClass().add("tool-window");
        title.setId("propertiesTitle");
        title.getStyleClass().add("tool-title");
        title.setMaxWidth(Double.MAX_VALUE);
        table.setId("propertiesTable");
        table.setShowRoot(false);
        table.setPlaceholder(new Label("")); // the title says what to select
        table.setColumnResizePolicy(TreeTableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TreeTableColumn<Row, String> name = new TreeTableColumn<>("Property");
        name.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().getValue().name()));
        name.setPrefWidth(120);
        name.setMaxWidth(170);
        TreeTableColumn<Row, String> value = new TreeTableColumn<>("Value");
        value.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().getValue().value()));
        // A narrow panel cuts long values (quantization formulas, tensor names): the tooltip has the whole value.
        value.setCellFactory(col -> new javafx.scene.control.TreeTableCell<>() {
            @Override
            protected void updateItem(String v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty ? null : v);
                setTooltip(empty || v == null || v.isEmpty() ? null : new javafx.scene.control.Tooltip(v));
            }
        });
        table.getColumns().add(name);
        table.getColumns().add(value);
        table.setRowFactory(t -> {
            TreeTableRow<Row> row = new TreeTableRow<>();
            row.setOnMouseClicked(e -> {
                Row r = row.getItem();
                if (e.getClickCount() == 2 && r != null && r.tensor() >= 0) {
                    workspace.select(Selection.ofTensor(workspace.selection().subgraph(), r.tensor()));
                }
            });
            return row;
        });
        setTop(title);
        setCenter(table);
        workspace.selectionProperty().addListener((o, a, b) -> refresh());
        workspace.modelProperty().addListener((o, a, b) -> refresh());
        workspace.planProperty().addListener((o, a, b) -> refresh());
        refresh();
    }

    private void refresh() {
        Subgraph g = workspace.selectedSubgraph().orElse(null);
        var op = workspace.selectedOperator();
        var tensor = workspace.selectedTensor();
        List<PropertySection> sections;
        if (g != null && op.isPresent()) {
            title.setText("Operator #" + op.get().index() + " " + op.get().opName());
            sections = PropertyRows.forOperator(g, op.get(), workspace.planProperty().get());
        } else if (g != null && tensor.isPresent()) {
            title.setText("Tensor " + dev.tflmstudio.app.workspace.Formats.tensorLabel(tensor.get()));
            sections = PropertyRows.forTensor(g, tensor.get(), workspace.planProperty().get());
        } else {
            title.setText(g == null ? "No model open" : "Select an operator or tensor");
            sections = List.of();
        }
        TreeItem<Row> root = new TreeItem<>(Row.of("", ""));
        for (PropertySection s : sections) {
            TreeItem<Row> head = new TreeItem<>(Row.of(s.title(), ""));
            head.setExpanded(true);
            for (Row r : s.rows()) {
                head.getChildren().add(new TreeItem<>(r));
            }
            root.getChildren().add(head);
        }
        table.setRoot(root);
    }
}
