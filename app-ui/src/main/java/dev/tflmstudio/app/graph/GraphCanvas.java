package dev.tflmstudio.app.graph;

import java.util.Set;
import java.util.function.IntConsumer;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

/**
 * Draws a laid-out graph on one Canvas with a minimap in the corner. Only what is inside the viewport is drawn,
 * and text is skipped when zoomed far out, so panning a thousand-node graph stays cheap with software rendering.
 * Drag to pan, wheel to zoom around the pointer, click a node to select it, click or drag in the minimap to jump.
 */
public final class GraphCanvas extends Region {
    private static final double MIN_SCALE = 0.02;
    private static final double MAX_SCALE = 4;
    private static final Font NODE_FONT = Font.font("System", FontWeight.BOLD, 12);
    private static final Font SMALL_FONT = Font.font("System", 10);

    /** Colours of the surroundings, so light and dark themes both read well. */
    public record Palette(Color background, Color edge, Color edgeText, Color ioFill, Color ioText, Color selection,
                          Color current, Color breakpoint, Color minimapBackground) {
        public static final Palette LIGHT = new Palette(Color.web("#FAFAFA"), Color.web("#8A8F98"),
                Color.web("#5A5F66"), Color.web("#E8EAED"), Color.web("#202124"), Color.web("#1A73E8"),
                Color.web("#00A86B"), Color.web("#D93025"), Color.rgb(255, 255, 255, 0.88));
        public static final Palette DARK = new Palette(Color.web("#1E1F22"), Color.web("#6F737A"),
                Color.web("#A9ADB3"), Color.web("#3C3F41"), Color.web("#DFE1E5"), Color.web("#4FA3FF"),
                Color.web("#3DDC97"), Color.web("#FF6B5E"), Color.rgb(43, 45, 48, 0.9));
    }

    private final Canvas canvas = new Canvas();
    private LaidOutGraph graph;
    private Color[] fills = new Color[0];
    private Palette palette = Palette.LIGHT;
    private double scale = 1;
    private double tx;
    private double ty;
    private int selectedNode = -1;
    private int currentNode = -1;
    private Set<Integer> breakpointNodes = Set.of();
    private BoardBadge.Marks boardMarks = BoardBadge.Marks.NONE;
    private IntConsumer onNodeClicked = n -> { };
    private java.util.function.BiConsumer<Integer, javafx.geometry.Point2D> onNodeMenu = (n, p) -> { };
    private double dragX;
    private double dragY;
    private boolean dragged;
    private boolean draggingMinimap;
    private long lastFrameNanos;
    private final ZoomBox zoomBox = new ZoomBox();

    public GraphCanvas() {
        setId("graphCanvas");
        getChildren().addAll(canvas, zoomBox.node());
        setMinSize(100, 100);
        setFocusTraversable(true);
        addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::drag);
        addEventHandler(MouseEvent.MOUSE_RELEASED, this::released);
        addEventHandler(ScrollEvent.SCROLL, e -> {
            // About 15 % per wheel notch (40 units): 6 % made a tall graph's overview a long way from readable.
            double factor = Math.pow(1.0035, e.getDeltaY());
            zoomAt(factor, e.getX(), e.getY());
            e.consume();
        });
    }

    public void setGraph(LaidOutGraph g, Color[] nodeFills) {
        this.graph = g;
        this.fills = nodeFills;
        selectedNode = -1;
        currentNode = -1;
        breakpointNodes = Set.of();
        boardMarks = BoardBadge.Marks.NONE;
        showStart();
    }

    public LaidOutGraph graph() {
        return graph;
    }

    public void setFills(Color[] nodeFills) {
        this.fills = nodeFills;
        redraw();
    }

    public void setPalette(Palette p) {
        this.palette = p;
        redraw();
    }

    public void setMarks(int selected, int current, Set<Integer> breakpoints) {
        this.selectedNode = selected;
        this.currentNode = current;
        this.breakpointNodes = breakpoints;
        redraw();
    }

    /** Takes effect with the next redraw (setMarks follows at once). */
    void setBoardMarks(BoardBadge.Marks marks) {
        boardMarks = marks;
    }

    /** The attached board's mark on {@code node}: true (board = local), false (board ≠ local) or null (not run). */
    public Boolean boardMark(int node) {
        return boardMarks.equal().get(node);
    }

    /** Called with the node and the screen point when a node is right-clicked. */
    public void setOnNodeMenu(java.util.function.BiConsumer<Integer, javafx.geometry.Point2D> c) {
        this.onNodeMenu = c;
    }

    public void setOnNodeClicked(IntConsumer c) {
        this.onNodeClicked = c;
    }

    /** The node drawn as selected, or -1. */
    public int selectedNode() {
        return selectedNode;
    }

    /** The node drawn as the current op while stepping, or -1. */
    public int currentNode() {
        return currentNode;
    }

    public double scale() {
        return scale;
    }

    /** Nanoseconds the last redraw took: what the frame-time benchmark reads. */
    public long lastFrameNanos() {
        return lastFrameNanos;
    }

    /** Zooms so the whole graph fits (never above 100 %) and centres it. */
    public void fit() {
        if (graph == null || getWidth() <= 0) {
            redraw();
            return;
        }
        double s = Math.min(getWidth() / graph.width(), getHeight() / graph.height());
        scale = clamp(Math.min(1, s * 0.95));
        tx = (getWidth() - graph.width() * scale) / 2;
        ty = Math.max(0, (getHeight() - graph.height() * scale) / 2);
        redraw();
    }

    /**
     * Zooms so the graph's width fills the view (at most 100 %), keeping the part at the middle of the view there:
     * a tall chain fitted whole is unreadably small, fitted to its width it reads and scrolls down.
     */
    public void fitWidth() {
        if (graph == null || getWidth() <= 0) {
            redraw();
            return;
        }
        double midY = (getHeight() / 2 - ty) / scale;
        scale = clamp(Math.min(1, getWidth() * 0.95 / graph.width()));
        tx = (getWidth() - graph.width() * scale) / 2;
        ty = getHeight() / 2 - midY * scale;
        redraw();
    }

    /** Zooms so the screen rectangle (x, y, w, h) fills the view, centred. */
    public void zoomTo(double x, double y, double w, double h) {
        if (graph == null || w <= 0 || h <= 0) {
            return;
        }
        double cx = (x + w / 2 - tx) / scale;
        double cy = (y + h / 2 - ty) / scale;
        scale = clamp(scale * Math.min(getWidth() / w, getHeight() / h));
        tx = getWidth() / 2 - cx * scale;
        ty = getHeight() / 2 - cy * scale;
        redraw();
    }

    /** The next drag draws a zoom box (Shift+drag always does); {@code onDone} runs once it zoomed. */
    public void armZoomBox(boolean armed, Runnable onDone) {
        zoomBox.setArmed(armed);
        zoomBox.setOnDone(onDone);
    }

    /** The graph-space point at the centre of the view (what tests check after zooming). */
    public javafx.geometry.Point2D viewCentre() {
        return new javafx.geometry.Point2D((getWidth() / 2 - tx) / scale, (getHeight() / 2 - ty) / scale);
    }

    /**
     * The first view of a graph: all of it when that is still readable, else the top at a readable zoom (the
     * minimap shows the rest), as a long network squeezed into the window would be unreadable.
     */
    public void showStart() {
        if (graph == null || getWidth() <= 0) {
            redraw();
            return;
        }
        double s = Math.min(getWidth() / graph.width(), getHeight() / graph.height()) * 0.95;
        if (s >= 0.6) {
            fit();
            return;
        }
        scale = Math.min(0.9, Math.max(s, getWidth() * 0.95 / graph.width()));
        tx = (getWidth() - graph.width() * scale) / 2;
        ty = 0;
        redraw();
    }

    /** Draws the whole graph at scale {@code s} from the origin and returns the pixels (for PNG export). */
    javafx.scene.image.WritableImage snapshotWhole(double s) {
        scale = s;
        tx = 0;
        ty = 0;
        redraw();
        return canvas.snapshot(null, null);
    }

    /** Readable zoom (100 %) centred on a node: what search and "select in graph" use. */
    public void centerOn(int node) {
        if (graph == null || node < 0) {
            return;
        }
        scale = Math.max(scale, 0.8);
        tx = getWidth() / 2 - graph.centerX(node) * scale;
        ty = getHeight() / 2 - graph.centerY(node) * scale;
        redraw();
    }

    /** Scrolls just enough to bring a node into view, keeping the zoom. */
    public void reveal(int node) {
        if (graph == null || node < 0) {
            return;
        }
        double sx = graph.x()[node] * scale + tx;
        double sy = graph.y()[node] * scale + ty;
        double sw = graph.w()[node] * scale;
        double sh = graph.h()[node] * scale;
        if (sx < 0 || sy < 0 || sx + sw > getWidth() || sy + sh > getHeight()) {
            tx = getWidth() / 2 - graph.centerX(node) * scale;
            ty = getHeight() / 2 - graph.centerY(node) * scale;
            redraw();
        }
    }

    public void zoomBy(double factor) {
        zoomAt(factor, getWidth() / 2, getHeight() / 2);
    }

    /** Moves the view by a screen distance (the pan benchmark drives this). */
    public void panBy(double dx, double dy) {
        tx += dx;
        ty += dy;
        redraw();
    }

    private void zoomAt(double factor, double sx, double sy) {
        double s = clamp(scale * factor);
        double wx = (sx - tx) / scale;
        double wy = (sy - ty) / scale;
        scale = s;
        tx = sx - wx * s;
        ty = sy - wy * s;
        redraw();
    }

    private static double clamp(double s) {
        return Math.max(MIN_SCALE, Math.min(MAX_SCALE, s));
    }

    @Override
    protected void layoutChildren() {
        boolean first = canvas.getWidth() == 0;
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
        if (first && graph != null) {
            showStart();
        } else {
            redraw();
        }
    }

    private void pressed(MouseEvent e) {
        requestFocus();
        dragX = e.getX();
        dragY = e.getY();
        dragged = false;
        draggingMinimap = graph != null && Minimap.contains(graph, view(), e.getX(), e.getY());
        if (!draggingMinimap && e.getButton() == MouseButton.PRIMARY && zoomBox.press(e)) {
            return;
        }
        if (draggingMinimap) {
            jumpToMinimap(e.getX(), e.getY());
        }
    }

    private void jumpToMinimap(double sx, double sy) {
        double[] t = Minimap.translationCentring(graph, view(), sx, sy);
        tx = t[0];
        ty = t[1];
        redraw();
    }

    private void drag(MouseEvent e) {
        if (zoomBox.drag(e)) {
            dragged = true;
            return;
        }
        if (draggingMinimap) {
            jumpToMinimap(e.getX(), e.getY());
            return;
        }
        double dx = e.getX() - dragX;
        double dy = e.getY() - dragY;
        if (Math.abs(dx) + Math.abs(dy) > 2) {
            dragged = true;
        }
        dragX = e.getX();
        dragY = e.getY();
        panBy(dx, dy);
    }

    private void released(MouseEvent e) {
        if (zoomBox.release(e, this::zoomTo)) {
            return;
        }
        if (dragged || draggingMinimap || graph == null) {
            return;
        }
        int n = graph.nodeAt((e.getX() - tx) / scale, (e.getY() - ty) / scale);
        if (n >= 0 && e.getButton() == MouseButton.PRIMARY) {
            onNodeClicked.accept(n);
        } else if (n >= 0 && e.getButton() == MouseButton.SECONDARY) {
            onNodeClicked.accept(n);
            onNodeMenu.accept(n, new javafx.geometry.Point2D(e.getScreenX(), e.getScreenY()));
        }
    }

    // ---- drawing ----

    public void redraw() {
        long start = System.nanoTime();
        GraphicsContext gc = canvas.getGraphicsContext2D();
        double cw = canvas.getWidth();
        double ch = canvas.getHeight();
        // clearRect over the whole canvas also empties its command buffer; without it every frame adds to the last.
        gc.clearRect(0, 0, cw, ch);
        gc.setFill(palette.background());
        gc.fillRect(0, 0, cw, ch);
        if (graph == null) {
            lastFrameNanos = System.nanoTime() - start;
            return;
        }
        double wx0 = -tx / scale;
        double wy0 = -ty / scale;
        double wx1 = (cw - tx) / scale;
        double wy1 = (ch - ty) / scale;
        gc.save();
        gc.translate(tx, ty);
        gc.scale(scale, scale);
        drawEdges(gc, wx0, wy0, wx1, wy1);
        drawNodes(gc, wx0, wy0, wx1, wy1);
        gc.restore();
        Minimap.draw(gc, graph, view(), fills, palette, currentNode);
        lastFrameNanos = System.nanoTime() - start;
    }

    private void drawEdges(GraphicsContext gc, double wx0, double wy0, double wx1, double wy1) {
        gc.setStroke(palette.edge());
        gc.setLineWidth(1.2);
        gc.setFill(palette.edge());
        boolean labels = scale >= 0.7;
        for (int i = 0; i < graph.routes().size(); i++) {
            double[] p = graph.routes().get(i);
            double minX = Double.MAX_VALUE;
            double minY = Double.MAX_VALUE;
            double maxX = -Double.MAX_VALUE;
            double maxY = -Double.MAX_VALUE;
            for (int k = 0; k < p.length; k += 2) {
                minX = Math.min(minX, p[k]);
                maxX = Math.max(maxX, p[k]);
                minY = Math.min(minY, p[k + 1]);
                maxY = Math.max(maxY, p[k + 1]);
            }
            if (maxX < wx0 || minX > wx1 || maxY < wy0 || minY > wy1) {
                continue;
            }
            gc.beginPath();
            gc.moveTo(p[0], p[1]);
            for (int k = 2; k < p.length; k += 2) {
                gc.lineTo(p[k], p[k + 1]);
            }
            gc.stroke();
            arrowHead(gc, p);
            double[] at = labels ? graph.labelAt(i) : null;
            if (at != null) {
                gc.setFont(SMALL_FONT);
                gc.setFill(palette.edgeText());
                gc.setTextAlign(TextAlignment.LEFT);
                gc.setTextBaseline(VPos.CENTER);
                gc.fillText(graph.graph().edges().get(i).label(), at[0], at[1]);
                gc.setFill(palette.edge());
            }
        }
    }

    private static void arrowHead(GraphicsContext gc, double[] p) {
        int n = p.length;
        double x1 = p[n - 2];
        double y1 = p[n - 1];
        double ang = Math.atan2(y1 - p[n - 3], x1 - p[n - 4]);
        double len = 7;
        gc.fillPolygon(new double[] {x1, x1 - len * Math.cos(ang - 0.4), x1 - len * Math.cos(ang + 0.4)},
                new double[] {y1, y1 - len * Math.sin(ang - 0.4), y1 - len * Math.sin(ang + 0.4)}, 3);
    }

    private void drawNodes(GraphicsContext gc, double wx0, double wy0, double wx1, double wy1) {
        boolean text = scale >= 0.35;
        double[] x = graph.x();
        double[] y = graph.y();
        double[] w = graph.w();
        double[] h = graph.h();
        for (int i = 0; i < x.length; i++) {
            if (x[i] + w[i] < wx0 || x[i] > wx1 || y[i] + h[i] < wy0 || y[i] > wy1) {
                continue;
            }
            GraphModel.Node node = graph.graph().nodes().get(i);
            boolean io = node.kind() == GraphModel.Kind.INPUT || node.kind() == GraphModel.Kind.OUTPUT;
            Color fill = io ? palette.ioFill() : i < fills.length && fills[i] != null ? fills[i] : Color.GRAY;
            double arc = io ? h[i] : 8;
            gc.setFill(fill);
            gc.fillRoundRect(x[i], y[i], w[i], h[i], arc, arc);
            if (node.kind() == GraphModel.Kind.CHAIN) {
                // A stacked look says "several ops in here".
                gc.setStroke(fill.darker());
                gc.setLineWidth(1);
                gc.strokeRoundRect(x[i] + 3, y[i] + 3, w[i], h[i], arc, arc);
            }
            if (i == currentNode) {
                gc.setStroke(palette.current());
                gc.setLineWidth(4);
                gc.strokeRoundRect(x[i] - 4, y[i] - 4, w[i] + 8, h[i] + 8, arc + 6, arc + 6);
            }
            if (i == selectedNode) {
                gc.setStroke(palette.selection());
                gc.setLineWidth(3);
                gc.strokeRoundRect(x[i] - 1.5, y[i] - 1.5, w[i] + 3, h[i] + 3, arc, arc);
            }
            if (breakpointNodes.contains(i)) {
                gc.setFill(palette.breakpoint());
                gc.fillOval(x[i] - 6, y[i] - 6, 12, 12);
            }
            BoardBadge.draw(gc, boardMarks, i, x[i], y[i], w[i], h[i]);
            if (text) {
                Color ink = io ? palette.ioText() : NodeColors.textOn(fill);
                gc.setFill(ink);
                gc.setTextAlign(TextAlignment.CENTER);
                gc.setTextBaseline(VPos.CENTER);
                gc.setFont(NODE_FONT);
                double cx = x[i] + w[i] / 2;
                if (io) {
                    gc.fillText(node.label(), cx, y[i] + h[i] / 2, w[i] - 10);
                } else {
                    gc.fillText(node.label(), cx, y[i] + h[i] / 2 - 6, w[i] - 10);
                    gc.setFont(SMALL_FONT);
                    gc.fillText(node.number(), cx, y[i] + h[i] / 2 + 9, w[i] - 10);
                }
            }
        }
    }

    /** The viewport the minimap outlines: the canvas size and the world-to-screen transform. */
    private Minimap.View view() {
        return new Minimap.View(canvas.getWidth(), canvas.getHeight(), scale, tx, ty);
    }
}
