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
        name.setPrefWidth(125);
        name.setMaxWidth(170);
        // The tree column: its text starts after the indent and the disclosure arrow, so it keeps one line (names
        // are short; a cut one has its tooltip) and the value column wraps.
        name.setCellFactory(col -> new javafx.scene.control.TreeTableCell<>() {
            @Override
            protected void updateItem(String v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty ? null : v);
                setTooltip(empty || v == null || v.isEmpty() ? null : new javafx.scene.control.Tooltip(v));
            }
        });
        TreeTableColumn<Row, String> value = new TreeTableColumn<>("Value");
        value.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().getValue().value()));
        value.setCellFactory(col -> new WrappingCell());
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

    /**
     * A cell that wraps its text over as many lines as it needs, so a narrow panel (a 1024 px window) still shows
     * every number of a value (op names, shapes, quantization formulas); converter names break after their
     * {@code /}, {@code ;} and {@code _}. A cell's own wrapText keeps the row one line high and cuts the text, so
     * the text is a Text node as wide as the column, coloured as the cell's text would be. The tooltip has the value
     * as it is.
     */
    private static final class WrappingCell extends javafx.scene.control.TreeTableCell<Row, String> {
        private final javafx.scene.text.Text text = new javafx.scene.text.Text();

        WrappingCell() {
            text.fillProperty().bind(textFillProperty());
            text.fontProperty().bind(fontProperty());
            tableColumnProperty().addListener((o, a, col) -> {
                text.wrappingWidthProperty().unbind();
                if (col != null) {
                    // Less the cell's padding (CSS is not applied yet here, so a fixed margin).
                    text.wrappingWidthProperty().bind(col.widthProperty().subtract(14));
                }
            });
            setPrefHeight(USE_COMPUTED_SIZE);
            setContentDisplay(javafx.scene.control.ContentDisplay.GRAPHIC_ONLY);
        }

        @Override
        protected void updateItem(String v, boolean empty) {
            super.updateItem(v, empty);
            boolean none = empty || v == null;
            text.setText(none ? "" : breakable(v));
            setGraphic(none ? null : text);
            setTooltip(none || v.isEmpty() ? null : new javafx.scene.control.Tooltip(v));
        }

        /** A zero-width space after each path separator, semicolon and underscore: where a long name may wrap. */
        private static String breakable(String v) {
            return v.replace("/", "/\u200B").replace(";", ";\u200B").replace("_", "_\u200B");
        }
    }
}
