package dev.tflmstudio.app.workspace;

import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;

/**
 * A chart drawn on a canvas that fills the region: the canvas follows the region's size, and every layout or change
 * of data clears it and paints the chart again.
 */
public abstract class CanvasChart extends Region {
    private final Canvas canvas = new Canvas();

    protected CanvasChart() {
        getChildren().add(canvas);
    }

    @Override
    protected final void layoutChildren() {
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
        redraw();
    }

    /** Clears the canvas and paints the chart at the region's current size. */
    protected final void redraw() {
        GraphicsContext gc = canvas.getGraphicsContext2D();
        double w = getWidth();
        double h = getHeight();
        // clearRect over the whole canvas also empties its command buffer; without it every frame adds to the last.
        gc.clearRect(0, 0, w, h);
        paint(gc, w, h);
    }

    /** Paints the chart on a cleared canvas of {@code w} by {@code h}. */
    protected abstract void paint(GraphicsContext gc, double w, double h);
}
