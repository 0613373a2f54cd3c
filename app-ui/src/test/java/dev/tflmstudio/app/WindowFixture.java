package dev.tflmstudio.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import javafx.stage.Stage;
import org.junit.jupiter.api.Assumptions;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The TestFX flows' main window: a {@link MainWindow} on TestFX's primary stage at a given size, remembering into a
 * preferences node of its own that starts empty (so no earlier run or user setting leaks in) and is removed again.
 */
final class WindowFixture implements AutoCloseable {
    private static final int DEFAULT_WAIT_SECONDS = 60;
    private final String node;
    private final MainWindow window;

    private WindowFixture(String node, MainWindow window) {
        this.node = node;
        this.window = window;
    }

    /**
     * Shows a new window of {@code width} x {@code height} remembering into {@code dev/tflmstudio/NODE}, after
     * {@code beforeShow} ran on it (on the FX thread).
     */
    static WindowFixture show(String node, int width, int height, Consumer<MainWindow> beforeShow) throws Exception {
        Stage stage = FxToolkit.registerPrimaryStage();
        String path = "dev/tflmstudio/" + node;
        Preferences.userRoot().node(path).removeNode();
        Preferences prefs = Preferences.userRoot().node(path);
        MainWindow[] made = new MainWindow[1];
        FxToolkit.setupFixture(() -> {
            made[0] = new MainWindow(stage, prefs);
            stage.setWidth(width);
            stage.setHeight(height);
            beforeShow.accept(made[0]);
            stage.show();
        });
        return new WindowFixture(path, made[0]);
    }

    static WindowFixture show(String node, int width, int height) throws Exception {
        return show(node, width, height, w -> { });
    }

    MainWindow window() {
        return window;
    }

    /** The window's preferences node (the one it remembers into). */
    Preferences preferences() {
        return Preferences.userRoot().node(node);
    }

    /** A model of {@code ../shared/models} (-Dtflm.shared), or the test is skipped with a message. */
    static Path sharedModel(String file) {
        String shared = System.getProperty("tflm.shared");
        Path model = shared == null ? null : Path.of(shared, "models", file);
        Assumptions.assumeTrue(model != null && Files.isRegularFile(model),
                "shared models not available (" + file + ")");
        return model;
    }

    /** Waits up to a minute for {@code condition}, then for the FX events it queued. */
    static void waitUntil(Callable<Boolean> condition) throws Exception {
        waitUntil(condition, DEFAULT_WAIT_SECONDS);
    }

    static void waitUntil(Callable<Boolean> condition, int seconds) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Closes the window and forgets what it remembered. */
    @Override
    public void close() throws Exception {
        FxToolkit.cleanupStages();
        try {
            Preferences.userRoot().node(node).removeNode();
        } catch (BackingStoreException | IllegalStateException e) {
            // Already removed (a test that removed it itself): nothing left to forget.
        }
    }
}
