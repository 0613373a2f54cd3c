package dev.tflmstudio.app.graph;

import dev.tflmstudio.app.workspace.BoardProbe;
import dev.tflmstudio.serial.probe.OpComparison;
import java.util.HashMap;
import java.util.Map;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

/**
 * The mark of an op the attached board ran: a green "=" badge when its outputs equal the local runtime's, a red
 * "≠" when they differ, and a thick red outline around the first op that differs, so the divergence stands out.
 */
final class BoardBadge {
    static final Color EQUAL = Color.web("#1E8E3E");
    static final Color DIFFERS = Color.web("#D93025");
    private static final Font FONT = Font.font("System", FontWeight.BOLD, 11);

    /** Which nodes the board ran (true: all their ops equal) and the node of the first divergence. */
    record Marks(Map<Integer, Boolean> equal, int firstDivergence) {
        static final Marks NONE = new Marks(Map.of(), -1);
    }

    private BoardBadge() {
    }

    /** The marks of {@code probe}'s comparisons on {@code graph} (a chain differs if any of its ops does). */
    static Marks of(BoardProbe probe, GraphModel graph) {
        if (probe == null || graph == null) {
            return Marks.NONE;
        }
        Map<Integer, Boolean> equal = new HashMap<>();
        for (OpComparison c : probe.comparisons()) {
            int node = graph.nodeOfOp(c.index());
            if (node >= 0) {
                equal.merge(node, c.equal(), Boolean::logicalAnd);
            }
        }
        int first = probe.firstDivergence() == null ? -1 : graph.nodeOfOp(probe.firstDivergence().index());
        return new Marks(Map.copyOf(equal), first);
    }

    /** Draws node {@code i}'s mark, if it has one, at the node's top right corner. */
    static void draw(GraphicsContext gc, Marks marks, int i, double x, double y, double w, double h) {
        Boolean eq = marks.equal().get(i);
        if (eq == null) {
            return;
        }
        Color c = eq ? EQUAL : DIFFERS;
        if (i == marks.firstDivergence()) {
            gc.setStroke(DIFFERS);
            gc.setLineWidth(5);
            gc.setLineDashes(6, 4);
            gc.strokeRoundRect(x - 7, y - 7, w + 14, h + 14, 16, 16);
            gc.setLineDashes();
        }
        double r = 9;
        double cx = x + w - 2;
        double cy = y + 2;
        gc.setFill(c);
        gc.fillOval(cx - r, cy - r, 2 * r, 2 * r);
        gc.setStroke(Color.WHITE);
        gc.setLineWidth(1.5);
        gc.strokeOval(cx - r, cy - r, 2 * r, 2 * r);
        gc.setFill(Color.WHITE);
        gc.setFont(FONT);
        gc.setTextAlign(TextAlignment.CENTER);
        gc.setTextBaseline(VPos.CENTER);
        gc.fillText(eq ? "=" : "≠", cx, cy);
    }
}
