package dev.tflmstudio.app;

import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.scene.Parent;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Gives the dialogs of the main window (errors, About, the shortcut list, the user guide) the window's stylesheet
 * and theme: a dialog is a window of its own, so without this it stays light in the dark theme. Native file
 * choosers are the system's and are left alone.
 */
final class DialogTheme {
    private final Stage owner;
    private final String stylesheet;
    private boolean dark;

    DialogTheme(Stage owner, String stylesheet) {
        this.owner = owner;
        this.stylesheet = stylesheet;
        Window.getWindows().addListener((ListChangeListener<Window>) c -> {
            while (c.next()) {
                c.getAddedSubList().forEach(this::style);
            }
        });
    }

    /** Switches the theme of the dialogs open now and of those opened later. */
    void setDark(boolean d) {
        dark = d;
        List.copyOf(Window.getWindows()).forEach(this::style);
    }

    private void style(Window w) {
        if (!(w instanceof Stage s) || s == owner || s.getOwner() != owner || s.getScene() == null) {
            return;
        }
        if (!s.getScene().getStylesheets().contains(stylesheet)) {
            s.getScene().getStylesheets().add(stylesheet);
        }
        Parent root = s.getScene().getRoot();
        if (!root.getStyleClass().contains("studio-root")) {
            root.getStyleClass().add("studio-root");
        }
        root.getStyleClass().removeAll("light", "dark");
        root.getStyleClass().add(dark ? "dark" : "light");
    }
}
