package dev.tflmstudio.app;

import java.util.prefs.Preferences;
import javafx.scene.control.SplitPane;
import javafx.stage.Stage;

/** Remembers the window's size, position and split positions across runs (java.util.prefs). */
final class WindowState {
    private final Preferences prefs;

    WindowState(Preferences prefs) {
        this.prefs = prefs;
    }

    double width() {
        return prefs.getDouble("window.w", 1360);
    }

    double height() {
        return prefs.getDouble("window.h", 820);
    }

    /**
     * Puts the window and its dividers where they were. The scene must already have the remembered size: the side
     * panels do not resize with the window, so a scene first laid out at another size would squeeze the middle.
     */
    void restore(Stage stage, SplitPane... splits) {
        double x = prefs.getDouble("window.x", Double.NaN);
        double y = prefs.getDouble("window.y", Double.NaN);
        if (!Double.isNaN(x) && !Double.isNaN(y)) {
            stage.setX(x);
            stage.setY(y);
        }
        stage.setMaximized(prefs.getBoolean("window.maximized", false));
        for (int i = 0; i < splits.length; i++) {
            double[] pos = splits[i].getDividerPositions();
            for (int d = 0; d < pos.length; d++) {
                pos[d] = prefs.getDouble("split." + i + "." + d, pos[d]);
            }
            splits[i].setDividerPositions(pos);
        }
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
