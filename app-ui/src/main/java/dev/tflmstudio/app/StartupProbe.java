package dev.tflmstudio.app;

import java.time.Duration;
import java.time.Instant;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;

/**
 * Start-up measurement for {@code tflm-studio bench --startup}. With the {@value #PROPERTY} property set, the app
 * prints how long after its process started the main window's first frame was laid out and handed to the renderer,
 * and the first model's graph laid out, then exits. Run as a main class, this is the baseline of that benchmark: the
 * smallest JavaFX window (a menu bar and a label), timed the same way, so that a figure from a slow or busy machine
 * can be read as a ratio.
 */
public final class StartupProbe {
    /** The system property that turns the probe on in the app. */
    public static final String PROPERTY = "tflm.startupProbe";
    /** The prefix of the lines the probe prints on standard output. */
    public static final String PREFIX = "tflm-startup ";

    static boolean enabled() {
        return Boolean.getBoolean(PROPERTY);
    }

    /** Milliseconds from this process's start (as the OS recorded it) to now. */
    static long millisSinceProcessStart() {
        Instant start = ProcessHandle.current().info().startInstant().orElse(Instant.now());
        return Duration.between(start, Instant.now()).toMillis();
    }

    static void report(String event) {
        System.out.println(PREFIX + event + "=" + millisSinceProcessStart());
        System.out.flush();
    }

    static void exit() {
        Platform.exit();
        System.exit(0);
    }

    private StartupProbe() {
    }

    /** The baseline. Not an {@code Application} itself, so that it starts with JavaFX on the class path. */
    public static void main(String[] args) {
        Application.launch(Baseline.class, args);
    }

    /** The smallest window: a menu bar and a label. */
    public static final class Baseline extends Application {
        @Override
        public void start(Stage stage) {
            BorderPane root = new BorderPane(new Label("TFLM Studio start-up baseline"));
            root.setTop(new MenuBar(new Menu("File")));
            stage.setTitle("TFLM Studio baseline");
            stage.setScene(new Scene(root, 1280, 800));
            FirstFrame.after(stage.getScene(), () -> {
                report("first-frame");
                exit();
            });
            stage.show();
        }
    }
}
