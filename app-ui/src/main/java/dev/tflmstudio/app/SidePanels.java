package dev.tflmstudio.app;

import javafx.scene.control.SplitPane;
import javafx.scene.layout.Region;

/**
 * Keeps the outline and properties panels from eating the centre of a small window. They keep their width while
 * the window grows (as in an IDE), but never take more than a share of it, so at 1024 px the tool windows in the
 * middle still get over half the width; and they never collapse to nothing.
 */
final class SidePanels {
    /** The most of the window's width the left and the right panel may take. */
    static final double LEFT_SHARE = 0.22;
    static final double RIGHT_SHARE = 0.26;
    static final double MIN_WIDTH = 150;

    private SidePanels() {
    }

    static void keepCentreUsable(SplitPane split, Region left, Region right) {
        left.setMinWidth(MIN_WIDTH);
        right.setMinWidth(MIN_WIDTH);
        left.maxWidthProperty().bind(split.widthProperty().multiply(LEFT_SHARE));
        right.maxWidthProperty().bind(split.widthProperty().multiply(RIGHT_SHARE));
    }
}
