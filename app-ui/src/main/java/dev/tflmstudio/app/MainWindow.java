package dev.tflmstudio.app;

import dev.tflmstudio.app.arena.ArenaView;
import dev.tflmstudio.app.board.BoardView;
import dev.tflmstudio.app.console.ConsoleView;
import dev.tflmstudio.app.graph.GraphCanvas;
import dev.tflmstudio.app.graph.GraphView;
import dev.tflmstudio.app.outline.OutlineView;
import dev.tflmstudio.app.profile.ProfileView;
import dev.tflmstudio.app.properties.PropertiesView;
import dev.tflmstudio.app.tensors.TensorView;
import dev.tflmstudio.app.workspace.BackgroundWork;
import dev.tflmstudio.app.workspace.DeviceList;
import dev.tflmstudio.app.workspace.Dialogs;
import dev.tflmstudio.app.workspace.RecentFiles;
import dev.tflmstudio.app.workspace.Selection;
import dev.tflmstudio.app.workspace.Workspace;
import dev.tflmstudio.cli.Versions;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.prefs.Preferences;
import javafx.collections.ListChangeListener;
import javafx.concurrent.Task;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The IDE-like main window: menu and toolbar on top, the outline on the left, properties on the right, the big
 * tool windows (graph, arena, tensors, profile, board) in the middle and the console below, status bar at the
 * bottom. It wires the tool windows to one {@link Workspace}; the windows never talk to each other.
 */
public final class MainWindow {
    private final Stage stage;
    private final Workspace workspace = new Workspace();
    private final BackgroundWork work;
    private final RecentFiles recent;
    private final WindowState state;
    private final ModelOpener opener;
    private final DebugController debugger;
    private final BorderPane root = new BorderPane();
    private final TabPane centerTabs = new TabPane();
    private final Map<String, Tab> views = new LinkedHashMap<>();
    private final GraphView graphView;
    private final ArenaView arenaView;
    private final TensorView tensorView;
    private final ProfileView profileView;
    private final BoardView boardView;
    private final SplitPane horizontal = new SplitPane();
    private final SplitPane vertical = new SplitPane();
    private final MainMenus menus;
    private final Exports exports;
    private final MainStatusBar statusBar;
    private final DialogTheme dialogTheme;
    private boolean dark;

    public MainWindow(Stage stage, Preferences prefs) {
        this.stage = stage;
        this.state = new WindowState(prefs);
        this.recent = new RecentFiles(prefs.node("recent"));
        this.work = new BackgroundWork(workspace.log(),
                f -> Dialogs.error(stage, f.what(), adviceFor(f), f.cause()));
        this.opener = new ModelOpener(workspace, work, recent);
        this.debugger = new DebugController(workspace,
                e -> Dialogs.error(stage, "Running the model", "The op and the reason are in the message;"
                        + " the console has the full log.", e));
        opener.plannerProperty().addListener((o, a, b) -> debugger.setPlanner(b));

        graphView = new GraphView(workspace, work);
        arenaView = new ArenaView(workspace, opener.plannerProperty(), opener.kernelsProperty());
        tensorView = new TensorView(workspace);
        profileView = new ProfileView(workspace);
        boardView = new BoardView(workspace, work, new dev.tflmstudio.app.board.BoardPreferences(prefs.node("board")));
        debugger.routeToBoard(boardView.probeSessionProperty()::get);
        exports = new Exports(this);
        statusBar = new MainStatusBar(workspace, work);
        tensorView.setOnExportRequest(exports::tensor);
        graphView.setOnRunToSelected(debugger::runToSelected);
        profileView.setOnRunInvokes(n -> {
            var run = debugger.runInvokes(n);
            statusBar.follow(run);
            return run;
        });

        addView("graph", "Graph", "mdi2g-graph-outline", graphView);
        addView("arena", "Arena", "mdi2m-memory", arenaView);
        addView("tensors", "Tensors", "mdi2c-cube-outline", tensorView);
        addView("profile", "Profile", "mdi2c-chart-bar", profileView);
        addView("board", "Board", "mdi2c-chip", boardView);
        centerTabs.setId("centerTabs");
        centerTabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        centerTabs.getSelectionModel().selectedItemProperty().addListener((o, a, t) -> state.setLastView(
                views.entrySet().stream().filter(e -> e.getValue() == t).map(Map.Entry::getKey).findFirst()
                        .orElse("graph")));

        TabPane left = toolTabs(new Tab("Outline", new OutlineView(workspace)));
        TabPane right = toolTabs(new Tab("Properties", new PropertiesView(workspace)));
        TabPane bottom = toolTabs(new Tab("Console", new ConsoleView(workspace.log())));
        vertical.setOrientation(javafx.geometry.Orientation.VERTICAL);
        vertical.getItems().addAll(centerTabs, bottom);
        vertical.setDividerPositions(0.74);
        bottom.setMinHeight(90); // a few console lines even in a 640 px high window
        horizontal.getItems().addAll(left, vertical, right);
        // At least 225 px for the outline (as much as a side panel may take at 1024 px), so that it shows
        // "#11 DEPTHWISE_CONV_2D" in full; 18 % of a wider window.
        horizontal.setDividerPositions(Math.min(SidePanels.LEFT_SHARE, Math.max(0.18, 225 / state.width())), 0.76);
        SplitPane.setResizableWithParent(left, false);
        SplitPane.setResizableWithParent(right, false);
        SidePanels.keepCentreUsable(horizontal, left, right);

        menus = new MainMenus(this);
        menus.setRecent(recent.list());
        opener.setOnRecentChanged(() -> menus.setRecent(recent.list()));
        root.setTop(new VBox(menus.menuBar(), menus.toolBar()));
        root.setCenter(horizontal);
        root.setBottom(statusBar.node());
        root.getStyleClass().add("studio-root");
        root.setId("studioRoot");

        Scene scene = new Scene(root, state.width(), state.height());
        scene.getStylesheets().add(css("studio.css"));
        dialogTheme = new DialogTheme(stage, css("studio.css"));
        enableDragAndDrop(scene);
        stage.setScene(scene);
        stage.titleProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> {
            Path p = workspace.modelPathProperty().get();
            return p == null ? "TFLM Studio" : p.getFileName() + " — TFLM Studio";
        }, workspace.modelPathProperty()));
        state.restore(stage, horizontal, vertical);
        setDark(state.dark());
        showView(state.lastView());
        stage.setOnCloseRequest(e -> {
            state.save(stage, horizontal, vertical);
            boardView.shutdown();
        });
        workspace.log().info("TFLM Studio " + Versions.APP_VERSION + " started");
    }

    /**
     * Runs {@code action} on the FX thread once the window has been laid out and painted for the first time.
     * Start-up work that can wait (device profiles, opening the first model) goes here, so that on two cores it
     * does not compete with styling and laying out the window.
     */
    public void afterFirstFrame(Runnable action) {
        FirstFrame.after(stage.getScene(), action);
    }

    /**
     * Loads the device profiles in the background: the built-in boards and those in {@code userFolder} (usually
     * {@code ~/.tflm-studio/devices}), which is then watched for changes; built-in boards only when it is null.
     */
    public void loadDevices(Path userFolder) {
        DeviceList.start(workspace, userFolder);
    }

    /**
     * Replays a recorded board session in the Board window, with the board's clock from device profile
     * {@code deviceId} (or none); waits for the device profiles to load first. Completes when the replay is done.
     */
    public CompletableFuture<Void> replayBoard(Path file, String deviceId) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Runnable replay = () -> {
            if (deviceId != null && !boardView.selectDevice(deviceId)) {
                workspace.log().warn("Replay: no device profile '" + deviceId + "'; ticks are shown as ticks");
            }
            boardView.replay(file).whenComplete((v, e) -> {
                if (e == null) {
                    done.complete(null);
                } else {
                    done.completeExceptionally(e);
                }
            });
        };
        if (deviceId == null || !workspace.devices().isEmpty()) {
            replay.run();
        } else {
            workspace.devices().addListener(new ListChangeListener<>() {
                @Override
                public void onChanged(Change<? extends dev.tflmstudio.devices.DeviceProfile> c) {
                    workspace.devices().removeListener(this);
                    replay.run();
                }
            });
        }
        return done;
    }

    /** Loads ELK's classes with a tiny layout, for when no model is opened at start-up. */
    public void warmUpGraphLayout() {
        work.run("Preparing the graph layout", dev.tflmstudio.app.graph.GraphLayout.warmUp(), x -> { });
    }

    private static String css(String name) {
        return MainWindow.class.getResource("/dev/tflmstudio/app/" + name).toExternalForm();
    }

    private void addView(String key, String title, String icon, javafx.scene.Node content) {
        // Every view exists (and follows the workspace) from the start, but joins the scene only when its tab is
        // first shown: styling and laying out all tool windows up front made start-up a second slower.
        Tab tab = new Tab(title);
        if (views.isEmpty()) {
            tab.setContent(content);
        } else {
            tab.selectedProperty().addListener((o, was, selected) -> {
                if (selected && tab.getContent() == null) {
                    tab.setContent(content);
                }
            });
        }
        tab.setGraphic(new FontIcon(icon));
        tab.setId("tab-" + key);
        views.put(key, tab);
        centerTabs.getTabs().add(tab);
    }

    private static TabPane toolTabs(Tab... tabs) {
        TabPane p = new TabPane(tabs);
        p.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        p.getStyleClass().add("tool-tabs");
        return p;
    }

    private void enableDragAndDrop(Scene scene) {
        scene.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        scene.setOnDragDropped(e -> {
            var files = e.getDragboard().getFiles();
            boolean ok = files != null && !files.isEmpty();
            if (ok) {
                open(files.get(0).toPath());
            }
            e.setDropCompleted(ok);
            e.consume();
        });
    }

    private static String adviceFor(BackgroundWork.Failure f) {
        String what = f.what();
        if (f.cause() instanceof dev.tflmstudio.runtime.check.InvalidGraphException) {
            return "The file reads as a TensorFlow Lite model, but its graph cannot be planned or run; the model "
                    + "open before stays open.";
        }
        return what.startsWith("Opening") ? "Check that the file is a TensorFlow Lite flatbuffer (.tflite)."
                : what.startsWith("Export") ? "Check that the folder exists and is writable." : null;
    }

    // ---- actions (menus, toolbar, tests) ----

    public Workspace workspace() {
        return workspace;
    }

    public Stage stage() {
        return stage;
    }

    public GraphView graphView() {
        return graphView;
    }

    public ArenaView arenaView() {
        return arenaView;
    }

    public TensorView tensorView() {
        return tensorView;
    }

    public ProfileView profileView() {
        return profileView;
    }

    public BoardView boardView() {
        return boardView;
    }

    DebugController debugger() {
        return debugger;
    }

    ModelOpener opener() {
        return opener;
    }

    BackgroundWork work() {
        return work;
    }

    public Task<?> open(Path path) {
        return opener.open(path);
    }

    void openDialog() {
        exports.chooseModel().ifPresent(this::open);
    }

    void openSample() {
        Path p = SampleModel.find();
        if (p == null) {
            workspace.log().warn("The sample model assets/models/" + SampleModel.NAME + " was not found");
        } else {
            open(p);
        }
    }

    void exportGraph(String format) {
        exports.graph(format);
    }

    void exportPlan() {
        exports.plan();
    }

    /** Writes the memory-plan report (format from the extension: html, md, json, csv). */
    public void exportPlanReport(Path target) throws java.io.IOException {
        exports.writePlan(target);
    }

    void exportProfile() {
        exports.profile();
    }

    void exportOverlay(dev.tflmstudio.profiler.overlay.OverlayFormat format,
                       dev.tflmstudio.profiler.overlay.OverlayMetric metric) {
        exports.overlay(format, metric);
    }

    /** Writes the overlay of what the Profile window shows to {@code target} (in the background). */
    public void exportOverlay(Path target, dev.tflmstudio.profiler.overlay.OverlayFormat format,
                              dev.tflmstudio.profiler.overlay.OverlayMetric metric) {
        exports.writeOverlay(target, format, metric);
    }

    void inputsFromFile() {
        exports.inputs();
    }

    void toggleBreakpoint() {
        Selection s = workspace.selection();
        if (s.hasOp() && s.subgraph() == 0) {
            workspace.toggleBreakpoint(s.op());
            workspace.log().info((workspace.breakpoints().contains(s.op()) ? "Breakpoint set" : "Breakpoint removed")
                    + " at op #" + s.op());
        } else {
            workspace.log().warn("Toggle breakpoint: select an operator of the main graph first");
        }
    }

    public void showView(String key) {
        Tab t = views.get(key);
        if (t != null) {
            centerTabs.getSelectionModel().select(t);
        }
    }

    boolean isDark() {
        return dark;
    }

    public void setDark(boolean d) {
        dark = d;
        root.getStyleClass().removeAll("light", "dark");
        root.getStyleClass().add(d ? "dark" : "light");
        graphView.canvas().setPalette(d ? GraphCanvas.Palette.DARK : GraphCanvas.Palette.LIGHT);
        arenaView.setDark(d);
        dialogTheme.setDark(d);
        state.setDark(d);
    }

    void about() {
        Alert a = new Alert(Alert.AlertType.INFORMATION);
        a.initOwner(stage);
        a.setTitle("About TFLM Studio");
        a.setHeaderText("TFLM Studio " + Versions.APP_VERSION);
        a.setContentText(String.join("\n", new Versions().getVersion()) + "\nJavaFX "
                + System.getProperty("javafx.runtime.version", "?"));
        a.show();
    }

    void exit() {
        state.save(stage, horizontal, vertical);
        boardView.shutdown();
        stage.close();
    }
}
