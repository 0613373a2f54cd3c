package dev.tflmstudio.devices;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceFolderWatcherTest {
    /** Generous: the JDK's polling watch service (used where inotify is missing) checks every few seconds. */
    private static final long WAIT_SECONDS = 60;

    @TempDir
    Path home;

    @Test
    void seesANewProfileFile() throws Exception {
        Path folder = home.resolve("devices");
        BlockingQueue<DeviceCatalog> reloads = new LinkedBlockingQueue<>();

        try (DeviceFolderWatcher watcher = DeviceFolderWatcher.start(folder, Duration.ofMillis(50), reloads::add)) {
            assertThat(Files.isDirectory(folder)).as("created on start").isTrue();
            // Written the way editors and the app do: a temp file, then a rename.
            Path temp = ProfileFixtures.write(home, "tmp.json", ProfileFixtures.validJson("hot-board").toString());
            Files.move(temp, folder.resolve("hot-board.json"), StandardCopyOption.ATOMIC_MOVE);

            DeviceCatalog reloaded = awaitCatalogWith(reloads, "hot-board");
            assertThat(reloaded.find("hot-board")).isPresent();
            assertThat(reloaded.userFolder()).contains(watcher.folder());
        }
    }

    @Test
    void seesAFileBeingDeleted() throws Exception {
        Path folder = Files.createDirectories(home.resolve("devices"));
        Path file = ProfileFixtures.write(folder, "gone.json", ProfileFixtures.validJson("gone-board").toString());
        BlockingQueue<DeviceCatalog> reloads = new LinkedBlockingQueue<>();

        try (DeviceFolderWatcher watcher = DeviceFolderWatcher.start(folder, Duration.ofMillis(50), reloads::add)) {
            Files.delete(file);

            DeviceCatalog reloaded = reloads.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(reloaded).as("a reload after the delete").isNotNull();
            assertThat(reloaded.find("gone-board")).isEmpty();
        }
    }

    private static DeviceCatalog awaitCatalogWith(BlockingQueue<DeviceCatalog> reloads, String id)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (System.nanoTime() < deadline) {
            DeviceCatalog catalog = reloads.poll(1, TimeUnit.SECONDS);
            if (catalog != null && catalog.find(id).isPresent()) {
                return catalog;
            }
        }
        throw new AssertionError("no reload showed " + id + " within " + WAIT_SECONDS + " s");
    }
}
