package dev.tflmstudio.app.workspace;

import dev.tflmstudio.devices.DeviceCatalog;
import dev.tflmstudio.devices.DeviceFolderWatcher;
import java.io.IOException;
import java.nio.file.Path;
import javafx.application.Platform;

/**
 * Keeps {@link Workspace#devices()} equal to the built-in boards plus the user's profile folder
 * ({@code ~/.tflm-studio/devices}): loads it off the FX thread at start-up (JSON parsing is a third of a second
 * cold) and reloads it whenever a file in the folder changes, reporting bad files in the console.
 */
public final class DeviceList {
    private final Workspace workspace;
    private final Path folder;

    private DeviceList(Workspace workspace, Path folder) {
        this.workspace = workspace;
        this.folder = folder;
    }

    /**
     * Starts loading and watching {@code folder} on daemon threads (they end with the app); with a null folder,
     * loads the built-in boards only.
     */
    public static void start(Workspace workspace, Path folder) {
        DeviceList list = new DeviceList(workspace, folder);
        Thread loader = new Thread(list::loadAndWatch, "tflm-studio-devices");
        loader.setDaemon(true);
        loader.start();
    }

    private void loadAndWatch() {
        if (folder == null) {
            publish(DeviceCatalog.builtIn());
            return;
        }
        publish(DeviceCatalog.load(folder));
        try {
            DeviceFolderWatcher.start(folder, catalog -> {
                publish(catalog);
                Platform.runLater(() -> workspace.log().info("Device profiles reloaded from " + folder));
            });
        } catch (IOException | RuntimeException e) {
            Platform.runLater(() -> workspace.log().warn("Not watching " + folder + " for device profiles: "
                    + e.getMessage()));
        }
    }

    private void publish(DeviceCatalog catalog) {
        Platform.runLater(() -> {
            workspace.devices().setAll(catalog.profiles());
            for (String problem : catalog.problems()) {
                workspace.log().warn("Device profile skipped: " + problem);
            }
        });
    }
}
