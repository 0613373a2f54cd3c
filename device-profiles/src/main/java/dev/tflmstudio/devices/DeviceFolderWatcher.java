package dev.tflmstudio.devices;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Watches the user's profile folder and hands a freshly loaded {@link DeviceCatalog} to a listener whenever files
 * in it are created, changed or deleted. Editors save in bursts (temp file, rename, touch), so events are
 * debounced: the reload runs once the folder has been quiet for the debounce time. The listener is called on the
 * watcher's own daemon thread; a UI must hop to its own thread.
 */
public final class DeviceFolderWatcher implements AutoCloseable {
    /** Long enough to cover an editor's save burst, short enough to feel immediate. */
    public static final Duration DEFAULT_DEBOUNCE = Duration.ofMillis(300);

    private final Path folder;
    private final Duration debounce;
    private final Consumer<DeviceCatalog> listener;
    private final WatchService watchService;
    private final ScheduledExecutorService reloader;
    private final Thread eventThread;
    private ScheduledFuture<?> pendingReload;

    private DeviceFolderWatcher(Path folder, Duration debounce, Consumer<DeviceCatalog> listener) throws IOException {
        this.folder = folder;
        this.debounce = debounce;
        this.listener = listener;
        this.watchService = FileSystems.getDefault().newWatchService();
        this.reloader = Executors.newSingleThreadScheduledExecutor(task -> daemon(task, "device-profile-reload"));
        folder.register(watchService, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
                StandardWatchEventKinds.ENTRY_MODIFY);
        this.eventThread = daemon(this::watchLoop, "device-profile-watcher");
    }

    /**
     * Starts watching {@code folder}, creating it first if it does not exist (so a user can drop files into the
     * default folder without making it).
     */
    public static DeviceFolderWatcher start(Path folder, Duration debounce, Consumer<DeviceCatalog> listener)
            throws IOException {
        Objects.requireNonNull(listener, "listener");
        if (debounce.isNegative()) {
            throw new IllegalArgumentException("debounce must not be negative: " + debounce);
        }
        Files.createDirectories(folder);
        DeviceFolderWatcher watcher = new DeviceFolderWatcher(folder, debounce, listener);
        watcher.eventThread.start();
        return watcher;
    }

    public static DeviceFolderWatcher start(Path folder, Consumer<DeviceCatalog> listener) throws IOException {
        return start(folder, DEFAULT_DEBOUNCE, listener);
    }

    public Path folder() {
        return folder;
    }

    private void watchLoop() {
        try {
            while (true) {
                WatchKey key = watchService.take();
                // Any event, including OVERFLOW, means "something changed": reload the whole folder.
                key.pollEvents();
                scheduleReload();
                if (!key.reset()) {
                    return; // the folder itself was deleted or became inaccessible
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed: stop quietly
        }
    }

    private synchronized void scheduleReload() {
        if (pendingReload != null) {
            pendingReload.cancel(false);
        }
        pendingReload = reloader.schedule(this::reload, debounce.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void reload() {
        listener.accept(DeviceCatalog.load(folder));
    }

    @Override
    public void close() throws IOException {
        reloader.shutdownNow();
        watchService.close();
        eventThread.interrupt();
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }
}
