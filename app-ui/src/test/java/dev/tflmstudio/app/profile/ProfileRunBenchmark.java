package dev.tflmstudio.app.profile;

import dev.tflmstudio.app.HeadlessToolkit;
import dev.tflmstudio.app.MainWindow;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.prefs.Preferences;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableView;
import javafx.stage.Stage;

/**
 * Benchmark (not a test; run by hand) of the desktop profile during a long run, driven through its controls as a
 * user would: how many timings updates and row refreshes reach the FX thread for 10,000 invokes, and how long the
 * FX thread takes to answer (a round trip through {@code Platform.runLater}) while they run, as a ratio to the same
 * window idle, measured in the same run, and how much of the run's time the FX thread spent working. Run with
 * {@code java -cp <test classpath> -Dtflm.shared=/work/shared dev.tflmstudio.app.profile.ProfileRunBenchmark
 * [model]} (default: the 10-op mlperf-ad01 int8 model).
 */
public final class ProfileRunBenchmark {
    private static final int INVOKES = 10_000;

    private ProfileRunBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        HeadlessToolkit.useMonocle();
        Path shared = Path.of(System.getProperty("tflm.shared", "/work/shared"));
        Path model = args.length > 0 ? Path.of(args[0]) : shared.resolve("models/mlperf-ad01_int8.tflite");
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.setImplicitExit(false);
        Platform.startup(() -> started.complete(null));
        started.get();
        Preferences prefs = Preferences.userRoot().node("dev/tflmstudio/profile-benchmark");
        MainWindow window = onFx(() -> {
            MainWindow w = new MainWindow(new Stage(), prefs);
            w.stage().setWidth(1280);
            w.stage().setHeight(800);
            w.stage().show();
            w.open(model);
            w.showView("profile");
            return w;
        });
        waitUntil(() -> window.workspace().model() != null && window.workspace().planProperty().get() != null
                && window.graphView().laidOutProperty().get());
        var scene = window.stage().getScene();
        @SuppressWarnings("unchecked")
        ComboBox<Integer> count = (ComboBox<Integer>) scene.lookup("#profileRunCount");
        Button run = (Button) scene.lookup("#profileRun");
        ProgressBar progress = (ProgressBar) scene.lookup("#profileRunProgress");
        TableView<?> table = (TableView<?>) scene.lookup("#profileTable");

        List<Long> idle = roundTrips(() -> false, 1_000);
        AtomicInteger timingsUpdates = new AtomicInteger();
        AtomicInteger rowRefreshes = new AtomicInteger();
        onFx(() -> {
            window.workspace().timingsProperty().addListener((o, a, b) -> timingsUpdates.incrementAndGet());
            table.itemsProperty().addListener((o, a, b) -> rowRefreshes.incrementAndGet());
            count.setValue(INVOKES);
            run.fire();
            return null;
        });
        long fxThread = onFx(() -> Thread.currentThread().getId());
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long fxCpu0 = threads.getThreadCpuTime(fxThread);
        long t0 = System.nanoTime();
        List<Long> busy = roundTrips(() -> !onFxUnchecked(progress::isVisible), Integer.MAX_VALUE);
        long runNanos = System.nanoTime() - t0;
        long fxCpu = threads.getThreadCpuTime(fxThread) - fxCpu0;
        waitUntil(() -> window.profileView().shownTimings() == window.workspace().timingsProperty().get());
        int invokes = onFx(() -> window.workspace().timingsProperty().get().invokes());

        System.out.printf(Locale.ROOT, "%s (%d ops): %,d invokes in %.1f s; %,d timings updates and %,d row"
                        + " refreshes reached the FX thread (before: one of each per invoke)%n",
                model.getFileName(), window.workspace().model().main().operators().size(), invokes,
                runNanos / 1e9, timingsUpdates.get(), rowRefreshes.get());
        System.out.printf(Locale.ROOT, "FX round trip during the run: median %.2f ms, p99 %.2f ms, max %.1f ms;"
                        + " idle: median %.2f ms, p99 %.2f ms, max %.1f ms; p99 = %.1f x idle%n",
                pct(busy, 50), pct(busy, 99), pct(busy, 100), pct(idle, 50), pct(idle, 99), pct(idle, 100),
                pct(busy, 99) / pct(idle, 99));
        System.out.printf(Locale.ROOT, "FX thread CPU during the run: %.0f ms = %.1f%% of the run's wall time"
                + " (the rest is free for input and painting)%n", fxCpu / 1e6, 100.0 * fxCpu / runNanos);
        prefs.removeNode();
        Platform.exit();
        System.exit(0);
    }

    /** Round trips through the FX queue, one every 2 ms, until {@code done} or {@code limit} of them. */
    private static List<Long> roundTrips(BooleanSupplier done, int limit) throws Exception {
        List<Long> nanos = new ArrayList<>();
        while (nanos.size() < limit && !done.getAsBoolean()) {
            long t0 = System.nanoTime();
            onFx(() -> null);
            nanos.add(System.nanoTime() - t0);
            TimeUnit.MILLISECONDS.sleep(2);
        }
        return nanos;
    }

    private static double pct(List<Long> nanos, int percentile) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        int i = Math.max(0, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1);
        return sorted.get(i) / 1e6;
    }

    private static void waitUntil(Callable<Boolean> ready) throws Exception {
        while (!onFx(ready)) {
            TimeUnit.MILLISECONDS.sleep(10);
        }
    }

    private static <T> T onFxUnchecked(Callable<T> work) {
        try {
            return onFx(work);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T onFx(Callable<T> work) throws Exception {
        return HeadlessToolkit.onFx(work, 5);
    }
}
