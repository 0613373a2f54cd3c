package dev.tflmstudio.app.graph;

import javafx.scene.input.MouseEvent;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;

/**
 * The graph's zoom box: with the Zoom box button on (or Shift held), a drag draws a rectangle, and letting go
 * zooms so the rectangle fills the view. Wheel steps were too small to get from a tall chain's overview to a
 * readable part of it.
 */
final class ZoomBox {
    /** A smaller rectangle is taken for a click, not a box. */
    private static final double MIN_SIZE = 8;
    private final Rectangle rect = new Rectangle();
    private boolean armed;
    private boolean drawing;
    private double startX;
    private double startY;
    private Runnable onDone = () -> { };

    ZoomBox() {
        rect.setManaged(false);
        rect.setVisible(false);
        rect.setMouseTransparent(true);
        rect.setFill(Color.web("#1a73e8", 0.12));
        rect.setStroke(Color.web("#1a73e8"));
        rect.getStrokeDashArray().setAll(6.0, 4.0);
        rect.setId("graphZoomBox");
    }

    Rectangle node() {
        return rect;
    }

    /** With it armed, the next drag draws a box without Shift. */
    void setArmed(boolean a) {
        armed = a;
    }

    boolean armed() {
        return armed;
    }

    /** Called after a box zoomed (the toolbar's button turns itself off). */
    void setOnDone(Runnable r) {
        onDone = r;
    }

    /** A press: starts a box when armed or with Shift; returns whether it did. */
    boolean press(MouseEvent e) {
        drawing = armed || e.isShiftDown();
        startX = e.getX();
        startY = e.getY();
        if (drawing) {
            show(e.getX(), e.getY());
        }
        return drawing;
    }

    /** A drag: grows the box; returns whether the drag was the box's. */
    boolean drag(MouseEvent e) {
        if (drawing) {
            show(e.getX(), e.getY());
        }
        return drawing;
    }

    /**
     * A release: zooms to the box through {@code zoomTo} (screen x, y, width, height) when it is big enough;
     * returns whether the release was the box's.
     */
    boolean release(MouseEvent e, BoxConsumer zoomTo) {
        if (!drawing) {
            return false;
        }
        drawing = false;
        rect.setVisible(false);
        double w = Math.abs(e.getX() - startX);
        double h = Math.abs(e.getY() - startY);
        if (w >= MIN_SIZE && h >= MIN_SIZE) {
            zoomTo.accept(Math.min(startX, e.getX()), Math.min(startY, e.getY()), w, h);
            armed = false;
            onDone.run();
        }
        return true;
    }

    private void show(double x, double y) {
        rect.setX(Math.min(startX, x));
        rect.setY(Math.min(startY, y));
        rect.setWidth(Math.abs(x - startX));
        rect.setHeight(Math.abs(y - startY));
        rect.setVisible(true);
    }

    @FunctionalInterface
    interface BoxConsumer {
        void accept(double x, double y, double w, double h);
    }
}
