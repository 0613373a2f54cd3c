package dev.tflmstudio.app.outline;

import dev.tflmstudio.app.workspace.Formats;
import dev.tflmstudio.app.workspace.Selection;
import dev.tflmstudio.app.workspace.Workspace;
import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.model.Operator;
import dev.tflmstudio.runtime.model.Subgraph;
import dev.tflmstudio.runtime.model.Tensor;
import dev.tflmstudio.runtime.model.TensorKind;
import java.util.HashMap;
import java.util.Map;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/** The model outline: subgraphs, operators in execution order and tensors, with a filter. */
public final class OutlineView extends BorderPane {
    private final Workspace workspace;
    private final TreeView<OutlineItem> tree = new TreeView<>();
    private final TextField filter = new TextField();
    private final Map<Selection, TreeItem<OutlineItem>> itemsBySelection = new HashMap<>();
    private boolean syncing;

    public OutlineView(Workspace workspace) {
        this.workspace = workspace;
        setId("outline");
        filter.setId("outlineFilter");
        filter.setPromptText("Filter: name, op type, #index, [shape");
        tree.setId("outlineTree");
        tree.setShowRoot(false);
        tree.setCellFactory(t -> new OutlineCell(workspace));
        VBox.setVgrow(tree, Priority.ALWAYS);
        setTop(filter);
        setCenter(tree);
        getStyleClass().add("tool-window");

        filter.textProperty().addListener((o, a, b) -> rebuild());
        workspace.modelProperty().addListener((o, a, b) -> rebuild());
        tree.getSelectionModel().selectedItemProperty().addListener((o, a, item) -> {
            if (!syncing && item != null && item.getValue().selection() != null) {
                syncing = true;
                workspace.select(item.getValue().selection());
                syncing = false;
            }
        });
        workspace.selectionProperty().addListener((o, a, s) -> reveal(s));
        workspace.breakpoints().addListener((javafx.collections.SetChangeListener<Integer>) c -> tree.refresh());
        rebuild();
    }

    private void rebuild() {
        itemsBySelection.clear();
        TreeItem<OutlineItem> root = new TreeItem<>(OutlineItem.heading("model"));
        Model model = workspace.model();
        if (model != null) {
            OutlineFilter f = new OutlineFilter(filter.getText());
            for (Subgraph g : model.subgraphs()) {
                root.getChildren().add(subgraphItem(g, f, model.subgraphs().size() == 1 || g.index() == 0));
            }
        }
        syncing = true;
        tree.setRoot(root);
        syncing = false;
        reveal(workspace.selection());
    }

    private TreeItem<OutlineItem> subgraphItem(Subgraph g, OutlineFilter f, boolean expand) {
        String name = g.name() == null || g.name().isEmpty() ? "subgraph " + g.index() : g.name();
        TreeItem<OutlineItem> sg = new TreeItem<>(new OutlineItem(name,
                g.operators().size() + " ops, " + g.tensors().size() + " tensors", null, OutlineItem.Role.HEADING,
                name));
        TreeItem<OutlineItem> ops = new TreeItem<>(OutlineItem.heading("Operators"));
        for (Operator op : g.operators()) {
            if (f.matches(op)) {
                Tensor out = op.outputs().isEmpty() ? null : g.tensor(op.output(0));
                OutlineItem item = new OutlineItem("#" + op.index() + " " + op.opName(),
                        out == null ? "" : Formats.typeAndShape(out), Selection.ofOp(g.index(), op.index()),
                        OutlineItem.Role.OP, "#" + op.index() + " " + op.opName());
                ops.getChildren().add(track(item));
            }
        }
        TreeItem<OutlineItem> tensors = new TreeItem<>(OutlineItem.heading("Tensors"));
        String[] tails = NameTails.of(g.tensors().stream().map(Tensor::name).toList());
        for (Tensor t : g.tensors()) {
            if (f.matches(t)) {
                OutlineItem.Role role = g.inputs().contains(t.index()) ? OutlineItem.Role.INPUT
                        : g.outputs().contains(t.index()) ? OutlineItem.Role.OUTPUT
                        : t.kind() == TensorKind.CONSTANT ? OutlineItem.Role.CONSTANT : OutlineItem.Role.TENSOR;
                String label = t.name().isEmpty() ? Formats.tensorLabel(t) : "t" + t.index() + " " + tails[t.index()];
                tensors.getChildren().add(track(new OutlineItem(label, Formats.typeAndShape(t),
                        Selection.ofTensor(g.index(), t.index()), role, Formats.tensorLabel(t))));
            }
        }
        ops.setValue(OutlineItem.heading("Operators (" + ops.getChildren().size() + ")"));
        tensors.setValue(OutlineItem.heading("Tensors (" + tensors.getChildren().size() + ")"));
        ops.setExpanded(expand);
        tensors.setExpanded(expand && !f.isEmpty());
        sg.getChildren().add(ops);
        sg.getChildren().add(tensors);
        sg.setExpanded(expand);
        return sg;
    }

    private TreeItem<OutlineItem> track(OutlineItem item) {
        TreeItem<OutlineItem> ti = new TreeItem<>(item);
        itemsBySelection.put(item.selection(), ti);
        return ti;
    }

    /** Follows a selection made elsewhere (graph, properties) so the outline always agrees. */
    private void reveal(Selection s) {
        if (syncing) {
            return;
        }
        TreeItem<OutlineItem> ti = itemsBySelection.get(s);
        syncing = true;
        if (ti == null) {
            tree.getSelectionModel().clearSelection();
        } else {
            for (TreeItem<OutlineItem> p = ti.getParent(); p != null; p = p.getParent()) {
                p.setExpanded(true);
            }
            tree.getSelectionModel().select(ti);
            int row = tree.getRow(ti);
            if (row >= 0) {
                tree.scrollTo(Math.max(0, row - 3));
            }
        }
        syncing = false;
    }

    private static final class OutlineCell extends TreeCell<OutlineItem> {
        private final Label text = new Label();
        private final Label detail = new Label();
        private final HBox box = new HBox(6, text, detail);
        private final javafx.scene.control.Tooltip tip = new javafx.scene.control.Tooltip();
        private final Workspace workspace;

        OutlineCell(Workspace workspace) {
            this.workspace = workspace;
            detail.getStyleClass().add("detail");
            // The name keeps its width; the grey detail is what gets cut when the panel is narrow.
            text.setMinWidth(USE_PREF_SIZE);
        }

        @Override
        protected void updateItem(OutlineItem item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setGraphic(null);
                setText(null);
                setTooltip(null);
                return;
            }
            text.setText(item.text());
            detail.setText(item.detail());
            tip.setText(item.detail().isEmpty() ? item.fullName() : item.fullName() + "\n" + item.detail());
            setTooltip(tip);
            Selection s = item.selection();
            boolean breakpoint = s != null && s.hasOp() && s.subgraph() == 0 && workspace.breakpoints().contains(s.op());
            text.setGraphic(breakpoint ? breakpointIcon() : icon(item.role()));
            setText(null);
            setGraphic(box);
        }

        private static FontIcon breakpointIcon() {
            FontIcon i = new FontIcon("mdi2c-circle");
            i.getStyleClass().add("outline-icon-breakpoint");
            return i;
        }

        private static FontIcon icon(OutlineItem.Role role) {
            String code = switch (role) {
                case HEADING -> "mdi2f-folder-outline";
                case OP -> "mdi2c-cog-outline";
                case TENSOR -> "mdi2c-cube-outline";
                case INPUT -> "mdi2a-arrow-right-bold-box-outline";
                case OUTPUT -> "mdi2a-arrow-left-bold-box-outline";
                case CONSTANT -> "mdi2w-weight";
            };
            FontIcon i = new FontIcon(code);
            i.getStyleClass().add("outline-icon-" + role.name().toLowerCase(java.util.Locale.ROOT));
            return i;
        }
    }
}
