package dev.tflmstudio.app;

import java.util.prefs.Preferences;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.SplitPane;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * Remembers the window's size, position and split positions across runs (java.util.prefs). The window always fits
 * the screen it opens on: a remembered size larger than that screen (or the default on a small one) is cut to
 * its visible area, and a remembered position off every screen is replaced by one centred on the main screen.
 */
final class WindowState {
    /** The size of a first start: fits 1366x768 and 1280x800 screens with room for a task bar. */
    static final double DEFAULT_WIDTH = 1280;
    static final double DEFAULT_HEIGHT = 760;
    private final Preferences prefs;

    WindowState(Preferences prefs) {
        this.prefs = prefs;
    }

    double width() {
        return Math.min(prefs.getDouble("window.w", DEFAULT_WIDTH), screen().getWidth());
    }

    double height() {
        return Math.min(prefs.getDouble("window.h", DEFAULT_HEIGHT), screen().getHeight());
    }

    /** The visible area (less task bars) of the screen the window opens on: the remembered one, else the main. */
    private Rectangle2D screen() {
        double x = prefs.getDouble("window.x", Double.NaN);
        double y = prefs.getDouble("window.y", Double.NaN);
        if (!Double.isNaN(x) && !Double.isNaN(y)) {
            var screens = Screen.getScreensForRectangle(x, y, 1, 1);
            if (!screens.isEmpty()) {
                return screens.get(0).getVisualBounds();
            }
        }
        return Screen.getPrimary().getVisualBounds();
    }

    /**
     * Puts the window and its dividers where they were. The scene must already have the remembered size: the side
     * panels do not resize with the window, so a scene first laid out at another size would squeeze the middle.
     */
    void restore(Stage stage, SplitPane... splits) {
        double x = prefs.getDouble("window.x", Double.NaN);
        double y = prefs.getDouble("window.y", Double.NaN);
        Rectangle2D area = screen();
        if (Double.isNaN(x) || Double.isNaN(y) || !area.contains(x, y)) {
            x = area.getMinX() + (area.getWidth() - width()) / 2;
            y = area.getMinY() + (area.getHeight() - height()) / 2;
        }
        // Whole window on that screen: a size cut to fit may still start too far right or down.
        stage.setX(Math.max(area.getMinX(), Math.min(x, area.getMaxX() - width())));
        stage.setY(Math.max(area.getMinY(), Math.min(y, area.getMaxY() - height())));
        stage.setMaximized(prefs.getBoolean("window.maximized", false));
        keepSizeOnceShown(stage);
        for (int i = 0; i < splits.length; i++) {
            double[] pos = splits[i].getDividerPositions();
            for (int d = 0; d < pos.length; d++) {
                pos[d] = prefs.getDouble("split." + i + "." + d, pos[d]);
            }
            splits[i].setDividerPositions(pos);
        }
    }

    /**
     * Openbox maps a JavaFX window (JavaFX 21, GTK 3) at its 200x200 fallback whatever size it asked for; the size
     * it asked for (its own, as --screenshot --size and tests set it, or else its scene's) is set again once it is
     * on screen, where it takes it (other window managers need nothing). Only on the first showing.
     */
    private static void keepSizeOnceShown(Stage stage) {
        double[] asked = new double[2];
        javafx.event.EventHandler<javafx.stage.WindowEvent> showing = e -> {
            asked[0] = Double.isNaN(stage.getWidth()) ? stage.getScene().getWidth() : stage.getWidth();
            asked[1] = Double.isNaN(stage.getHeight()) ? stage.getScene().getHeight() : stage.getHeight();
        };
        stage.addEventHandler(javafx.stage.WindowEvent.WINDOW_SHOWING, showing);
        stage.addEventHandler(javafx.stage.WindowEvent.WINDOW_SHOWN, new javafx.event.EventHandler<>() {
            @Override
            public void handle(javafx.stage.WindowEvent e) {
                stage.removeEventHandler(javafx.stage.WindowEvent.WINDOW_SHOWING, showing);
                stage.removeEventHandler(javafx.stage.WindowEvent.WINDOW_SHOWN, this);
                javafx.application.Platform.runLater(() -> {
                    // Whatever JavaFX reports: the window manager's 200x200 may not have reached it yet.
                    if (!stage.isMaximized()) {
                        stage.setWidth(asked[0]);
                        stage.setHeight(asked[1]);
                    }
                });
            }
        });
    }

    void save(Stage stage, SplitPane... splits) {
        prefs.putBoolean("window.maximized", stage.isMaximized());
        if (!stage.isMaximized()) {
            prefs.putDouble("window.w", stage.getWidth());
            prefs.putDouble("window.h", stage.getHeight());
            prefs.putDouble("window.x", stage.getX());
            prefs.putDouble("window.y", stage.getY());
        }
        for (int i = 0; i < splits.length; i++) {
            double[] pos = splits[i].getDividerPositions();
            for (int d = 0; d < pos.length; d++) {
                prefs.putDouble("split." + i + "." + d, pos[d]);
            }
        }
    }

    boolean dark() {
        return prefs.getBoolean("theme.dark", false);
    }

    void setDark(boolean dark) {
        prefs.putBoolean("theme.dark", dark);
    }

    String lastView() {
        return prefs.get("view", "graph");
    }

    void setLastView(String view) {
        prefs.put("view", view);
    }
}
