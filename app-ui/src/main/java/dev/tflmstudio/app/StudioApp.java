package dev.tflmstudio.app;

import dev.tflmstudio.devices.DeviceCatalog;
import java.nio.file.Path;
import java.util.List;
import java.util.prefs.Preferences;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * The JavaFX application: opens the main window on the model given on the command line (or the bundled sample),
 * or, with {@code --screenshot}, renders the window headlessly to a PNG and exits.
 */
public final class StudioApp extends Application {
    static void launchWith(String[] args) {
        LaunchOptions options;
        try {
            options = LaunchOptions.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println("usage: tflm-studio [--screenshot OUT.png [--size WxH]] [--view graph|arena|profile|board|tensors]"
                    + " [--dark|--light] [--replay FILE [--device ID]] [MODEL]");
            System.exit(dev.tflmstudio.cli.ExitCode.USAGE);
            return;
        }
        if (options.screenshot() != null) {
            Screenshot.useHeadlessToolkit();
        }
        Application.launch(StudioApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        LaunchOptions options = LaunchOptions.parse(getParameters().getRaw());
        Preferences prefs = Preferences.userNodeForPackage(StudioApp.class);
        if (options.screenshot() != null || StartupProbe.enabled()) {
            // A screenshot or a start-up measurement must not depend on (or change) what this user last did.
            prefs = freshNode(prefs.node(options.screenshot() != null ? "screenshot" : "startup-probe"));
        }
        MainWindow window = new MainWindow(stage, prefs);
        if (options.dark() != null) {
            window.setDark(options.dark());
        }
        if (options.view() != null || options.screenshot() != null) {
            window.showView(options.view() == null ? "graph" : options.view());
        }
        Path model = options.model() != null ? options.model() : SampleModel.find();
        if (options.screenshot() != null) {
            window.loadDevices(null);
            new Screenshot(window, options).take(model);
            return;
        }
        if (StartupProbe.enabled()) {
            window.graphView().laidOutProperty().addListener((o, was, laidOut) -> {
                if (laidOut) {
                    StartupProbe.report("graph");
                    StartupProbe.exit();
                }
            });
        }
        // Only what the first frame needs happens before it; on two cores, opening the model and loading device
        // profiles alongside styling the window made the window appear later.
        window.afterFirstFrame(() -> {
            if (StartupProbe.enabled()) {
                StartupProbe.report("first-frame");
            }
            if (model != null) {
                window.open(model);
                if (options.replay() != null) {
                    replayOnceOpen(window, options);
                }
            } else {
                window.warmUpGraphLayout();
                window.workspace().log().warn("No model given and the sample assets/models/" + SampleModel.NAME
                        + " was not found: open one with File > Open");
                if (StartupProbe.enabled()) {
                    StartupProbe.exit();
                }
            }
            window.loadDevices(DeviceCatalog.defaultUserFolder());
        });
        stage.show();
    }

    /** The board replay maps the board's ops to the model's, so it waits for the model. */
    private static void replayOnceOpen(MainWindow window, LaunchOptions options) {
        window.workspace().modelProperty().addListener(new javafx.beans.value.ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends dev.tflmstudio.runtime.model.Model> o,
                                dev.tflmstudio.runtime.model.Model was, dev.tflmstudio.runtime.model.Model now) {
                if (now != null) {
                    window.workspace().modelProperty().removeListener(this);
                    window.replayBoard(options.replay(), options.device());
                }
            }
        });
    }

    private static Preferences freshNode(Preferences node) {
        try {
            Preferences parent = node.parent();
            String name = node.name();
            node.removeNode();
            return parent.node(name);
        } catch (java.util.prefs.BackingStoreException e) {
            return node;
        }
    }

    @Override
    public void stop() {
        Platform.exit();
    }
}
