package dev.tflmstudio.app.graph;

import dev.tflmstudio.app.workspace.BackgroundWork;
import dev.tflmstudio.app.workspace.Selection;
import dev.tflmstudio.app.workspace.Workspace;
import dev.tflmstudio.runtime.io.AtomicFile;
import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.model.Operator;
import dev.tflmstudio.runtime.model.Subgraph;
import dev.tflmstudio.runtime.plan.MemoryPlan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.SetChangeListener;
import javafx.concurrent.Task;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The graph tool window: the model's dataflow laid out top to bottom, coloured by op type or a heat map, linked to
 * the shared selection, current step and breakpoints. Layout runs in the background.
 */
public final class GraphView extends BorderPane {
    private final Workspace workspace;
    private final BackgroundWork work;
    private final GraphCanvas canvas = new GraphCanvas();
    private final GraphLegend legend = new GraphLegend();
    private final TextField search = new TextField();
    private final ComboBox<ColorMode> colorMode = new ComboBox<>();
    private final ComboBox<String> subgraphPicker = new ComboBox<>();
    private final ToggleButton collapse = new ToggleButton("Collapse chains");
    private final Button fitWidth = iconButton("mdi2a-arrow-expand-horizontal", "Fit the graph's width (a tall"
            + " graph stays readable; scroll down for the rest)", () -> canvas.fitWidth());
    private final ToggleButton zoomBox = new ToggleButton(null, new FontIcon("mdi2m-magnify-scan"));
    private final VBox busy = new VBox(8);
    private final Label busyText = new Label();
    private final BooleanProperty laidOut = new SimpleBooleanProperty(this, "laidOut");
    private Task<LaidOutGraph> layoutTask;
    private Runnable onRunToSelected = () -> { };
    private int subgraph;
    private int searchCursor = -1;

    public GraphView(Workspace workspace, BackgroundWork work) {
        this.workspace = workspace;
        this.work = work;
        setId("graph");
        getStyleClass().add("tool-window");

        search.setId("graphSearch");
        search.setPromptText("Find op: name or #index (Enter = next)");
        search.setPrefColumnCount(12);
        search.setOnAction(e -> findNext());
        search.textProperty().addListener((o, a, b) -> searchCursor = -1);
        colorMode.setId("graphColorMode");
        colorMode.getItems().setAll(ColorMode.values());
        colorMode.setValue(ColorMode.OP_TYPE);
        colorMode.valueProperty().addListener((o, a, b) -> recolor());
        collapse.setId("graphCollapse");
        collapse.setTooltip(new Tooltip("Show each linear run of 2 or more elementwise or reshape-like ops"
                + " (activations, QUANTIZE, RESHAPE, SOFTMAX, ...) as one node; compute ops keep their own nodes"));
        collapse.selectedProperty().addListener((o, a, b) -> relayout());
        subgraphPicker.setId("graphSubgraph");
        subgraphPicker.managedProperty().bind(subgraphPicker.visibleProperty());
        subgraphPicker.getSelectionModel().selectedIndexProperty().addListener((o, a, b) -> {
            if (b.intValue() >= 0 && b.intValue() != subgraph) {
                subgraph = b.intValue();
                relayout();
            }
        });
        // A flow pane, not a tool bar: at 1024 px a tool bar hid Collapse chains and the zoom buttons behind ">>".
        javafx.scene.layout.FlowPane bar = new javafx.scene.layout.FlowPane(4, 4, search, subgraphPicker, colorMode,
                collapse,
                iconButton("mdi2m-magnify-plus-outline", "Zoom in", () -> canvas.zoomBy(1.5)),
                iconButton("mdi2m-magnify-minus-outline", "Zoom out", () -> canvas.zoomBy(1 / 1.5)),
                iconButton("mdi2f-fit-to-screen-outline", "Fit the whole graph", canvas::fit),
                fitWidth, zoomBox);
        fitWidth.setId("graphFitWidth");
        zoomBox.setId("graphZoomBoxButton");
        zoomBox.setTooltip(new Tooltip("Zoom box: drag a rectangle to zoom into it (Shift+drag does it any time)"));
        zoomBox.selectedProperty().addListener((o, a, on) -> canvas.armZoomBox(on, () -> zoomBox.setSelected(false)));
        bar.getStyleClass().add("tool-bar-small");
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setStyle("-fx-padding: 4 6 4 6;");
        setTop(bar);

        busy.setAlignment(Pos.CENTER);
        busy.setMaxSize(260, 140);
        busy.getStyleClass().add("busy-overlay");
        busy.setVisible(false);
        StackPane.setAlignment(legend, Pos.TOP_LEFT);
        StackPane.setMargin(legend, new Insets(8));
        StackPane stack = new StackPane(canvas, legend, busy);
        setCenter(stack);

        canvas.setOnNodeClicked(this::nodeClicked);
        canvas.setOnNodeMenu(this::nodeMenu);
        workspace.modelProperty().addListener((o, a, b) -> modelChanged());
        workspace.selectionProperty().addListener((o, a, b) -> {
            updateMarks();
            int node = selectedNode();
            if (node >= 0) {
                canvas.reveal(node);
            }
        });
        workspace.currentStepProperty().addListener((o, a, b) -> {
            updateMarks();
            GraphModel gm = graphModel();
            if (gm != null && b.intValue() >= 0 && subgraph == 0) {
                canvas.reveal(gm.nodeOfOp(b.intValue()));
            }
        });
        workspace.breakpoints().addListener((SetChangeListener<Integer>) c -> updateMarks());
        workspace.boardProbeProperty().addListener((o, a, b) -> updateMarks());
        workspace.planProperty().addListener((o, a, b) -> {
            if (colorMode.getValue() == ColorMode.LIVE_BYTES) {
                recolor();
            }
        });
        workspace.opMetrics().addListener((javafx.collections.MapChangeListener<String, double[]>) c -> {
            if (colorMode.getValue().isHeatMap()) {
                recolor();
            }
        });
        modelChanged();
    }

    /** What "Run to here" in a node's context menu does (the selection is that node's op by then). */
    public void setOnRunToSelected(Runnable r) {
        onRunToSelected = r;
    }

    private void nodeMenu(int node, javafx.geometry.Point2D at) {
        GraphModel.Node n = graphModel().nodes().get(node);
        if (n.firstOp() < 0 || subgraph != 0) {
            return;
        }
        int op = n.firstOp();
        javafx.scene.control.MenuItem bp = new javafx.scene.control.MenuItem(
                workspace.breakpoints().contains(op) ? "Remove Breakpoint" : "Add Breakpoint",
                new FontIcon("mdi2r-record-circle-outline"));
        bp.setOnAction(e -> workspace.toggleBreakpoint(op));
        javafx.scene.control.MenuItem run = new javafx.scene.control.MenuItem("Run to Here",
                new FontIcon("mdi2r-ray-start-arrow"));
        run.setOnAction(e -> onRunToSelected.run());
        new javafx.scene.control.ContextMenu(bp, run).show(canvas, at.getX(), at.getY());
    }

    /** True once a layout for the current model is shown (tests and the screenshot wait on it). */
    public BooleanProperty laidOutProperty() {
        return laidOut;
    }

    public GraphCanvas canvas() {
        return canvas;
    }

    public void setColorMode(ColorMode mode) {
        colorMode.setValue(mode);
    }

    private Button iconButton(String icon, String tip, Runnable action) {
        Button b = new Button(null, new FontIcon(icon));
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> action.run());
        return b;
    }

    private void modelChanged() {
        Model m = workspace.model();
        subgraph = 0;
        subgraphPicker.getItems().clear();
        if (m != null) {
            for (Subgraph g : m.subgraphs()) {
                subgraphPicker.getItems().add(g.name() == null || g.name().isEmpty()
                        ? "subgraph " + g.index() : g.index() + ": " + g.name());
            }
            subgraphPicker.getSelectionModel().select(0);
        }
        subgraphPicker.setVisible(m != null && m.subgraphs().size() > 1);
        relayout();
    }

    private void cancelLayout() {
        if (layoutTask != null) {
            layoutTask.cancel(true);
        }
    }

    private void showBusy(String text) {
        if (busy.getChildren().isEmpty()) {
            // Built on first use: a spinner styled and laid out with the window would slow start-up.
            ProgressIndicator spinner = new ProgressIndicator();
            spinner.setMaxSize(48, 48);
            Button cancel = new Button("Cancel");
            cancel.setOnAction(e -> cancelLayout());
            busy.getChildren().addAll(spinner, busyText, cancel);
        }
        busyText.setText(text);
        busy.setVisible(true);
    }

    private void relayout() {
        cancelLayout();
        laidOut.set(false);
        // Drop the old picture at once: colours and marks computed from the new model must never meet it.
        canvas.setGraph(null, new Color[0]);
        legend.setVisible(false);
        Model m = workspace.model();
        if (m == null) {
            return;
        }
        Subgraph g = m.subgraphs().get(Math.min(subgraph, m.subgraphs().size() - 1));
        boolean chains = collapse.isSelected();
        showBusy("Laying out " + g.operators().size() + " operators…");
        long start = System.nanoTime();
        Task<LaidOutGraph> task = new Task<>() {
            @Override
            protected LaidOutGraph call() {
                updateMessage("Laying out the graph");
                return GraphLayout.layout(GraphModel.of(g, chains));
            }
        };
        layoutTask = task;
        task.setOnCancelled(e -> busy.setVisible(false));
        task.setOnFailed(e -> busy.setVisible(false));
        work.run("Graph layout", task, laid -> {
            if (task != layoutTask) {
                return;
            }
            busy.setVisible(false);
            canvas.setGraph(laid, fills(laid.graph()));
            legend.setVisible(true);
            recolor();
            workspace.log().info(String.format(Locale.ROOT, "Laid out %d nodes, %d edges in %d ms",
                    laid.graph().nodes().size(), laid.graph().edges().size(), (System.nanoTime() - start) / 1_000_000));
            laidOut.set(true);
        });
    }

    private GraphModel graphModel() {
        return canvas.graph() == null ? null : canvas.graph().graph();
    }

    private void recolor() {
        GraphModel gm = graphModel();
        if (gm == null) {
            return;
        }
        canvas.setFills(fills(gm));
        updateMarks();
    }

    private Color[] fills(GraphModel gm) {
        Subgraph g = workspace.model().subgraphs().get(Math.min(subgraph, workspace.model().subgraphs().size() - 1));
        Color[] out = new Color[gm.nodes().size()];
        ColorMode mode = colorMode.getValue();
        if (!mode.isHeatMap()) {
            Set<NodeColors.Family> present = new LinkedHashSet<>();
            for (GraphModel.Node n : gm.nodes()) {
                if (n.firstOp() >= 0) {
                    Operator op = g.operator(n.firstOp());
                    NodeColors.Family f = NodeColors.family(op.opName(), op.code().isCustom());
                    present.add(f);
                    out[n.id()] = f.color();
                }
            }
            List<NodeColors.Family> ordered = new ArrayList<>(NodeColors.ALL);
            ordered.retainAll(present);
            legend.showFamilies(ordered);
            return out;
        }
        double[] perOp = subgraph == 0 ? metric(mode, g.operators().size()) : null;
        double[] perNode = new double[out.length];
        double max = 0;
        double min = Double.MAX_VALUE;
        for (GraphModel.Node n : gm.nodes()) {
            double v = Double.NaN;
            if (perOp != null && n.firstOp() >= 0) {
                for (int k = n.firstOp(); k <= n.lastOp(); k++) {
                    double x = perOp[k];
                    if (!Double.isNaN(x)) {
                        // A chain is as hot as its ops together, except for live bytes: that is its peak.
                        v = Double.isNaN(v) ? x : mode == ColorMode.LIVE_BYTES ? Math.max(v, x) : v + x;
                    }
                }
            }
            perNode[n.id()] = v;
            if (!Double.isNaN(v)) {
                max = Math.max(max, v);
                min = Math.min(min, v);
            }
        }
        boolean available = min != Double.MAX_VALUE;
        for (GraphModel.Node n : gm.nodes()) {
            double v = perNode[n.id()];
            out[n.id()] = n.firstOp() < 0 ? null : Double.isNaN(v) ? Color.web("#BDBDBD")
                    : NodeColors.heat(max == min ? 1 : (v - min) / (max - min));
        }
        legend.showHeat(mode, available ? min : 0, max, available);
        return out;
    }

    /** Per-op values of a heat-map metric, or null when nobody has computed them yet. */
    private double[] metric(ColorMode mode, int opCount) {
        if (mode == ColorMode.LIVE_BYTES) {
            MemoryPlan plan = workspace.planProperty().get();
            if (plan == null) {
                return null;
            }
            double[] v = new double[opCount];
            for (int op = 0; op < opCount; op++) {
                // Op i runs at planner time i + 1.
                v[op] = op + 1 < plan.liveBytes().size() ? plan.liveBytes().get(op + 1) : Double.NaN;
            }
            return v;
        }
        return workspace.opMetrics().get(mode.name());
    }

    private int selectedNode() {
        GraphModel gm = graphModel();
        Selection s = workspace.selection();
        if (gm == null || s.subgraph() != subgraph) {
            return -1;
        }
        if (s.hasOp()) {
            return gm.nodeOfOp(s.op());
        }
        if (s.hasTensor()) {
            for (GraphModel.Node n : gm.nodes()) {
                if (n.tensor() == s.tensor() && n.kind() == GraphModel.Kind.INPUT) {
                    return n.id();
                }
            }
            for (GraphModel.Edge e : gm.edges()) {
                if (e.tensor() == s.tensor()) {
                    return e.from();
                }
            }
        }
        return -1;
    }

    private void updateMarks() {
        GraphModel gm = graphModel();
        if (gm == null) {
            return;
        }
        int step = workspace.currentStepProperty().get();
        int current = subgraph == 0 && step >= 0 ? gm.nodeOfOp(step) : -1;
        Set<Integer> bp = new HashSet<>();
        if (subgraph == 0) {
            for (int op : workspace.breakpoints()) {
                int n = gm.nodeOfOp(op);
                if (n >= 0) {
                    bp.add(n);
                }
            }
        }
        canvas.setBoardMarks(subgraph == 0 ? BoardBadge.of(workspace.boardProbeProperty().get(), gm)
                : BoardBadge.Marks.NONE);
        canvas.setMarks(selectedNode(), current, bp);
    }

    private void nodeClicked(int node) {
        GraphModel.Node n = graphModel().nodes().get(node);
        if (n.firstOp() >= 0) {
            workspace.select(Selection.ofOp(subgraph, n.firstOp()));
        } else {
            workspace.select(Selection.ofTensor(subgraph, n.tensor()));
        }
    }

    /** Selects and centres the next node matching the search text. */
    public void findNext() {
        GraphModel gm = graphModel();
        String q = search.getText().strip().toLowerCase(Locale.ROOT);
        if (gm == null || q.isEmpty()) {
            return;
        }
        String idx = q.startsWith("#") ? q.substring(1) : q;
        int count = gm.nodes().size();
        for (int k = 1; k <= count; k++) {
            GraphModel.Node n = gm.nodes().get((searchCursor + k) % count);
            boolean hit = n.label().toLowerCase(Locale.ROOT).contains(q)
                    || idx.chars().allMatch(Character::isDigit) && n.containsOp(Integer.parseInt(idx));
            if (hit) {
                searchCursor = n.id();
                nodeClicked(n.id());
                canvas.centerOn(n.id());
                return;
            }
        }
        workspace.log().warn("Graph search: no node matches '" + search.getText().strip() + "'");
    }

    // ---- export ----

    public void exportSvg(Path target) throws IOException {
        LaidOutGraph g = requireGraph();
        String svg = GraphSvg.write(g, fills(g.graph()), currentPalette());
        AtomicFile.write(target, out -> out.write(svg.getBytes(StandardCharsets.UTF_8)));
        workspace.log().info("Exported the graph as SVG to " + target);
    }

    /** Renders the whole graph at 100 % (smaller for huge graphs) and writes a PNG. Call on the FX thread. */
    public void exportPng(Path target) throws IOException {
        LaidOutGraph g = requireGraph();
        double s = Math.min(1, Math.sqrt(40e6 / Math.max(1, g.width() * g.height())));
        s = Math.min(s, 16000 / Math.max(g.width(), g.height()));
        GraphCanvas off = new GraphCanvas();
        off.resize(Math.ceil(g.width() * s), Math.ceil(g.height() * s));
        off.layout();
        off.setPalette(currentPalette());
        off.setGraph(g, fills(g.graph()));
        WritableImage img = off.snapshotWhole(s);
        var buffered = SwingFXUtils.fromFXImage(img, null);
        AtomicFile.write(target, out -> {
            if (!javax.imageio.ImageIO.write(buffered, "png", out)) {
                throw new IOException("no PNG writer available");
            }
        });
        workspace.log().info("Exported the graph as PNG to " + target);
    }

    private GraphCanvas.Palette currentPalette() {
        return getScene() != null && getScene().getRoot().getStyleClass().contains("dark")
                ? GraphCanvas.Palette.DARK : GraphCanvas.Palette.LIGHT;
    }

    private LaidOutGraph requireGraph() throws IOException {
        if (canvas.graph() == null) {
            throw new IOException("the graph is not laid out yet");
        }
        return canvas.graph();
    }
}
