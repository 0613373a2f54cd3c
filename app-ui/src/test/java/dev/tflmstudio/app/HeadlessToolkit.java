package dev.tflmstudio.app;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;

/** For benchmark mains: JavaFX on Monocle's headless screen with software rendering, unless told otherwise. */
public final class HeadlessToolkit {
    private HeadlessToolkit() {
    }

    /** Call before the toolkit starts; -D options on the command line win. */
    public static void useMonocle() {
        System.setProperty("glass.platform", System.getProperty("glass.platform", "Monocle"));
        System.setProperty("monocle.platform", System.getProperty("monocle.platform", "Headless"));
        System.setProperty("prism.order", System.getProperty("prism.order", "sw"));
        // Monocle's default 1280x800 headless screen is smaller than the windows and would overflow.
        System.setProperty("headless.geometry", System.getProperty("headless.geometry", "1920x1200-32"));
    }

    /** Runs {@code work} on the FX thread and returns its result, waiting at most {@code minutes}. */
    public static <T> T onFx(Callable<T> work, int minutes) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(work.call());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        return f.get(minutes, TimeUnit.MINUTES);
    }
}
