package dev.tflmstudio.app.graph;

import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;

/**
 * The overview in the graph canvas's bottom-right corner, shown while the graph does not fit the window: every node
 * as a small box in its colour, the current op marked, and the part the window shows outlined. A click or drag in it
 * centres the window there.
 */
final class Minimap {
    /** The overview's longer side, in pixels. */
    private static final double MAX_SIDE = 180;
    /** Its distance from the canvas's right and bottom edges. */
    private static final double MARGIN = 12;

    /** The window onto the graph: the canvas size and the world-to-screen transform (screen = world * scale + t). */
    record View(double width, double height, double scale, double tx, double ty) {
    }

    private Minimap() {
    }

    /** Whether the overview is shown: some of the graph lies outside the window. */
    static boolean visible(LaidOutGraph g, View v) {
        return g.width() * v.scale() > v.width() || g.height() * v.scale() > v.height();
    }

    /** Whether screen point ({@code sx}, {@code sy}) falls in the shown overview. */
    static boolean contains(LaidOutGraph g, View v, double sx, double sy) {
        if (!visible(g, v)) {
            return false;
        }
        double[] b = box(g, v);
        return sx >= b[0] && sx <= b[0] + b[2] && sy >= b[1] && sy <= b[1] + b[3];
    }

    /** The translation {tx, ty} that centres the window on the graph point under ({@code sx}, {@code sy}). */
    static double[] translationCentring(LaidOutGraph g, View v, double sx, double sy) {
        double[] b = box(g, v);
        double ms = scale(g);
        double wx = (sx - b[0]) / ms;
        double wy = (sy - b[1]) / ms;
        return new double[] {v.width() / 2 - wx * v.scale(), v.height() / 2 - wy * v.scale()};
    }

    static void draw(GraphicsContext gc, LaidOutGraph g, View v, Color[] fills, GraphCanvas.Palette palette,
                     int currentNode) {
        if (!visible(g, v)) {
            return;
        }
        double[] b = box(g, v);
        double ms = scale(g);
        gc.setFill(palette.minimapBackground());
        gc.fillRect(b[0] - 4, b[1] - 4, b[2] + 8, b[3] + 8);
        gc.setStroke(palette.edge());
        gc.setLineWidth(1);
        gc.strokeRect(b[0] - 4, b[1] - 4, b[2] + 8, b[3] + 8);
        double[] x = g.x();
        double[] y = g.y();
        double[] w = g.w();
        double[] h = g.h();
        for (int i = 0; i < x.length; i++) {
            gc.setFill(i < fills.length && fills[i] != null ? fills[i] : palette.edge());
            gc.fillRect(b[0] + x[i] * ms, b[1] + y[i] * ms, Math.max(1, w[i] * ms), Math.max(1, h[i] * ms));
        }
        if (currentNode >= 0) {
            gc.setFill(palette.current());
            gc.fillRect(b[0] + x[currentNode] * ms - 2, b[1] + y[currentNode] * ms - 2, 6, 6);
        }
        double vx = Math.max(b[0], b[0] + (-v.tx() / v.scale()) * ms);
        double vy = Math.max(b[1], b[1] + (-v.ty() / v.scale()) * ms);
        double vx1 = Math.min(b[0] + b[2], b[0] + ((v.width() - v.tx()) / v.scale()) * ms);
        double vy1 = Math.min(b[1] + b[3], b[1] + ((v.height() - v.ty()) / v.scale()) * ms);
        gc.setStroke(palette.selection());
        gc.setLineWidth(1.5);
        gc.strokeRect(vx, vy, Math.max(2, vx1 - vx), Math.max(2, vy1 - vy));
    }

    /** Graph units to overview pixels. */
    private static double scale(LaidOutGraph g) {
        return Math.min(MAX_SIDE / g.width(), MAX_SIDE / g.height());
    }

    /** The overview's {x, y, width, height} on the canvas. */
    private static double[] box(LaidOutGraph g, View v) {
        double ms = scale(g);
        double mw = g.width() * ms;
        double mh = g.height() * ms;
        return new double[] {v.width() - mw - MARGIN, v.height() - mh - MARGIN, mw, mh};
    }
}
