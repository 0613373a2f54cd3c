package dev.tflmstudio.app;

import dev.tflmstudio.profiler.overlay.OverlayFormat;
import dev.tflmstudio.profiler.overlay.OverlayMetric;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import org.kordamp.ikonli.javafx.FontIcon;

/** The menu bar and the toolbar: every command with its shortcut shown, wired to the main window. */
final class MainMenus {
    private final MainWindow window;
    private final Menu recentMenu = new Menu("Open _Recent");
    private final MenuBar menuBar = new MenuBar();
    private final ToolBar toolBar = new ToolBar();

    MainMenus(MainWindow window) {
        this.window = window;
        menuBar.setId("menuBar");
        menuBar.getMenus().addAll(fileMenu(), viewMenu(), runMenu(), helpMenu());
        buildToolBar();
    }

    MenuBar menuBar() {
        return menuBar;
    }

    ToolBar toolBar() {
        return toolBar;
    }

    private Menu fileMenu() {
        Menu file = new Menu("_File");
        MenuItem sample = item("Open _Sample Model", null, null, window::openSample);
        Menu export = new Menu("_Export");
        export.getItems().addAll(
                item("Graph as _SVG…", null, "mdi2v-vector-polyline", () -> window.exportGraph("svg")),
                item("Graph as _PNG…", null, "mdi2i-image-outline", () -> window.exportGraph("png")),
                item("_Memory Plan Report…", shortcut(KeyCode.E), "mdi2m-memory", window::exportPlan),
                item("Profile as _CSV…", null, "mdi2c-chart-bar", window::exportProfile),
                overlayMenu(),
                item("Overlay for _Netron…", null, null,
                        () -> window.exportOverlay(OverlayFormat.NETRON, OverlayMetric.LOCAL_US)));
        file.getItems().addAll(
                item("_Open…", shortcut(KeyCode.O), "mdi2f-folder-open", window::openDialog),
                recentMenu, sample, new javafx.scene.control.SeparatorMenuItem(), export,
                new javafx.scene.control.SeparatorMenuItem(),
                item("E_xit", shortcut(KeyCode.Q), null, window::exit));
        return file;
    }

    /** Model Explorer shows one value per node per file: one item per metric. */
    private Menu overlayMenu() {
        Menu me = new Menu("Overlay for Model E_xplorer");
        for (OverlayMetric m : OverlayMetric.values()) {
            MenuItem i = new MenuItem(m.title() + "…");
            i.setMnemonicParsing(false);
            i.setOnAction(e -> window.exportOverlay(OverlayFormat.MODEL_EXPLORER, m));
            me.getItems().add(i);
        }
        return me;
    }

    private Menu viewMenu() {
        Menu view = new Menu("_View");
        ToggleGroup theme = new ToggleGroup();
        RadioMenuItem light = new RadioMenuItem("_Light Theme");
        RadioMenuItem dark = new RadioMenuItem("_Dark Theme");
        light.setToggleGroup(theme);
        dark.setToggleGroup(theme);
        dark.setSelected(window.isDark());
        light.setSelected(!window.isDark());
        light.setOnAction(e -> window.setDark(false));
        dark.setOnAction(e -> window.setDark(true));
        view.getItems().addAll(light, dark, new javafx.scene.control.SeparatorMenuItem());
        String[] views = {"graph", "arena", "tensors", "profile", "board"};
        for (int i = 0; i < views.length; i++) {
            String v = views[i];
            view.getItems().add(item(Character.toUpperCase(v.charAt(0)) + v.substring(1),
                    new KeyCodeCombination(KeyCode.getKeyCode(Integer.toString(i + 1)), KeyCombination.SHORTCUT_DOWN),
                    null, () -> window.showView(v)));
        }
        return view;
    }

    private Menu runMenu() {
        Menu run = new Menu("_Run");
        var d = window.debugger();
        run.getItems().addAll(
                item("_Run", new KeyCodeCombination(KeyCode.F5), "mdi2p-play", d::runToBreakpoint),
                item("_Step", new KeyCodeCombination(KeyCode.F10), "mdi2d-debug-step-over", d::step),
                item("Run to _Selected Op", new KeyCodeCombination(KeyCode.F8), "mdi2r-ray-start-arrow",
                        d::runToSelected),
                item("_Pause", new KeyCodeCombination(KeyCode.F6), "mdi2p-pause", d::pause),
                item("R_eset", new KeyCodeCombination(KeyCode.F5, KeyCombination.SHIFT_DOWN), "mdi2r-restart",
                        d::reset),
                new javafx.scene.control.SeparatorMenuItem(),
                item("Toggle _Breakpoint", new KeyCodeCombination(KeyCode.F9), "mdi2r-record-circle-outline",
                        window::toggleBreakpoint),
                inputsMenu());
        return run;
    }

    private Menu inputsMenu() {
        Menu inputs = new Menu("Set _Inputs");
        var d = window.debugger();
        inputs.getItems().addAll(
                item("_Pattern (reference driver)", null, null, () -> d.setInputs(DebugController.Inputs.PATTERN)),
                item("_Random", null, null, () -> d.setInputs(DebugController.Inputs.RANDOM)),
                item("_Zeros", null, null, () -> d.setInputs(DebugController.Inputs.ZEROS)),
                item("From _File…", null, null, window::inputsFromFile));
        return inputs;
    }

    private Menu helpMenu() {
        Menu help = new Menu("_Help");
        help.getItems().addAll(
                item("_User Guide", new KeyCodeCombination(KeyCode.F1), "mdi2b-book-open-outline",
                        () -> HelpDialogs.showGuide(window.stage())),
                item("_Keyboard Shortcuts", shortcut(KeyCode.SLASH), "mdi2k-keyboard-outline",
                        () -> HelpDialogs.showShortcuts(window.stage(), menuBar)),
                new javafx.scene.control.SeparatorMenuItem(),
                item("_About TFLM Studio", null, "mdi2i-information-outline", window::about));
        return help;
    }

    void setRecent(List<Path> paths) {
        recentMenu.getItems().clear();
        for (Path p : paths) {
            MenuItem m = item(p.getFileName() + "  —  " + p.getParent(), null, null, () -> window.open(p));
            // File names are shown as they are: an underscore is not a mnemonic marker here.
            m.setMnemonicParsing(false);
            recentMenu.getItems().add(m);
        }
        recentMenu.setDisable(paths.isEmpty());
    }

    private void buildToolBar() {
        toolBar.setId("mainToolBar");
        var d = window.debugger();
        ComboBox<String> planner = new ComboBox<>();
        planner.setId("plannerPicker");
        planner.getItems().addAll(dev.tflmstudio.runtime.plan.Planners.NAMES);
        planner.valueProperty().bindBidirectional(window.opener().plannerProperty());
        planner.setTooltip(new Tooltip("Memory planner for the arena view"));
        toolBar.getItems().addAll(
                button("openButton", "mdi2f-folder-open", "Open a model (Ctrl+O)", window::openDialog),
                new Separator(),
                button("runButton", "mdi2p-play", "Run to the next breakpoint or the end (F5)", d::runToBreakpoint),
                button("stepButton", "mdi2d-debug-step-over", "Run one op (F10)", d::step),
                button("runToButton", "mdi2r-ray-start-arrow", "Run to the selected op (F8)", d::runToSelected),
                button("pauseButton", "mdi2p-pause", "Pause (F6)", d::pause),
                button("resetButton", "mdi2r-restart", "Reset to before the first op (Shift+F5)", d::reset),
                button("breakpointButton", "mdi2r-record-circle-outline", "Toggle a breakpoint on the selected op (F9)",
                        window::toggleBreakpoint),
                new Separator(), new Label("Planner"), planner);
    }

    private static Button button(String id, String icon, String tip, Runnable action) {
        Button b = new Button(null, new FontIcon(icon));
        b.setId(id);
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> action.run());
        b.setFocusTraversable(false);
        return b;
    }

    private static MenuItem item(String text, KeyCombination key, String icon, Runnable action) {
        MenuItem m = new MenuItem(text, icon == null ? null : new FontIcon(icon));
        if (key != null) {
            m.setAccelerator(key);
        }
        m.setOnAction(e -> action.run());
        return m;
    }

    private static KeyCombination shortcut(KeyCode code) {
        return new KeyCodeCombination(code, KeyCombination.SHORTCUT_DOWN);
    }
}
