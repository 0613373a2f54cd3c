package dev.tflmstudio.app;

import dev.tflmstudio.app.graph.GraphCanvas;
import dev.tflmstudio.app.graph.GraphLayout;
import dev.tflmstudio.app.graph.GraphModel;
import dev.tflmstudio.app.graph.LaidOutGraph;
import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.tflite.ModelReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.layout.BorderPane;
import javafx.scene.paint.Color;
import javafx.stage.Stage;

/**
 * Benchmark (not a test; run by hand) of what a user waits for: start-up to an interactive main window, opening the
 * largest shared models until their graph is painted, and graph layout + first paint of those models alone. Each
 * figure is also given as a ratio to a baseline measured in the same run (an empty window; the 3-op hello_world
 * model), so runs on a busy or a different machine stay comparable. Run with
 * {@code java -cp <test classpath> -Dtflm.shared=/work/shared dev.tflmstudio.app.StudioBenchmark [models...]}.
 */
public final class StudioBenchmark {
    private static final int RUNS = 5;

    private StudioBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        HeadlessToolkit.useMonocle();
        Path shared = Path.of(System.getProperty("tflm.shared", "/work/shared"));
        Path baselineModel = shared.resolve("models/tflm-hello_world_int8.tflite");
        List<Path> models = args.length > 0 ? Arrays.stream(args).map(Path::of).toList() : largest(shared, 3);

        CompletableFuture<Void> started = new CompletableFuture<>();
        // Otherwise the toolkit exits whenever no window is showing (before the first one, after closing one).
        Platform.setImplicitExit(false);
        long toolkit0 = System.nanoTime();
        Platform.startup(() -> started.complete(null));
        started.get();
        long toolkitNanos = System.nanoTime() - toolkit0;

        // Start-up: an empty window shown and painted (baseline), then the main window, both cold.
        long emptyNanos = onFx(() -> {
            long t0 = System.nanoTime();
            Stage s = new Stage();
            s.setScene(new Scene(new BorderPane(), 1280, 800));
            s.show();
            s.getScene().snapshot(null);
            long t = System.nanoTime() - t0;
            s.close();
            return t;
        });
        Preferences prefs = Preferences.userRoot().node("dev/tflmstudio/app-benchmark");
        MainWindow[] window = new MainWindow[1];
        long mainNanos = onFx(() -> {
            long t0 = System.nanoTime();
            Stage s = new Stage();
            window[0] = new MainWindow(s, prefs);
            s.setWidth(1280);
            s.setHeight(800);
            s.show();
            s.getScene().snapshot(null);
            return System.nanoTime() - t0;
        });
        Duration sinceProcessStart = ProcessHandle.current().info().startInstant()
                .map(t -> Duration.between(t, Instant.now())).orElse(Duration.ZERO);
        System.out.printf(Locale.ROOT, "start-up: JavaFX toolkit %d ms; main window shown and painted %d ms"
                        + " = %.1f × an empty window (%d ms); process start to interactive window %d ms"
                        + " (target < 3000 ms, includes this benchmark's JVM start)%n",
                ms(toolkitNanos), ms(mainNanos), (double) mainNanos / emptyNanos, ms(emptyNanos),
                sinceProcessStart.toMillis());

        // Opening in the window: read, plan, cost, lay out, paint; what the user waits for after File > Open.
        // The first open pays for class loading and JIT: what a user sees once per session, reported apart.
        long cold = openUntilPainted(window[0], baselineModel);
        Path other = models.isEmpty() ? baselineModel : models.get(0);
        openUntilPainted(window[0], other);
        long baseOpen = openUntilPainted(window[0], baselineModel);
        System.out.printf(Locale.ROOT, "open until graph painted, baseline %s: %d ms (first open of the session:"
                + " %d ms)%n", baselineModel.getFileName(), ms(baseOpen), ms(cold));
        for (Path p : models) {
            long t = openUntilPainted(window[0], p);
            System.out.printf(Locale.ROOT, "open until graph painted, %s: %d ms = %.1f × baseline%n",
                    p.getFileName(), ms(t), (double) t / baseOpen);
        }
        onFx(() -> {
            window[0].stage().close();
            return 0L;
        });

        // Layout + first paint alone (no window), median of RUNS after the window warmed ELK up.
        layoutAndPaint(ModelReader.open(other));
        long baseLayout = layoutAndPaint(ModelReader.open(baselineModel));
        System.out.printf(Locale.ROOT, "layout + first paint, baseline %s: %.1f ms%n", baselineModel.getFileName(),
                baseLayout / 1e6);
        for (Path p : models) {
            Model m = ModelReader.open(p);
            long t = layoutAndPaint(m);
            System.out.printf(Locale.ROOT, "layout + first paint, %s (%d ops): %.1f ms = %.1f × baseline%n",
                    p.getFileName(), m.main().operators().size(), t / 1e6, (double) t / baseLayout);
        }
        prefs.removeNode();
        Platform.exit();
    }

    /** The shared models with the most operators in their main graph (what stresses layout and paint). */
    private static List<Path> largest(Path shared, int n) throws Exception {
        List<Path> files = new ArrayList<>();
        try (var s = Files.list(shared.resolve("models"))) {
            s.filter(p -> p.toString().endsWith(".tflite")).forEach(files::add);
        }
        List<Path> ranked = new ArrayList<>();
        List<Integer> ops = new ArrayList<>();
        for (Path p : files) {
            try {
                ops.add(ModelReader.open(p).main().operators().size());
                ranked.add(p);
            } catch (Exception e) {
                System.out.println("skipping " + p.getFileName() + ": " + e.getMessage());
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < ranked.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingInt((Integer i) -> -ops.get(i)).thenComparing(i -> ranked.get(i)));
        return order.stream().limit(n).map(ranked::get).toList();
    }

    private static long openUntilPainted(MainWindow w, Path model) throws Exception {
        long t0 = System.nanoTime();
        onFx(() -> {
            w.open(model);
            return 0L;
        });
        while (!onFx(() -> w.workspace().model() != null && model.equals(w.workspace().modelPathProperty().get())
                && w.graphView().laidOutProperty().get() && w.workspace().planProperty().get() != null ? 1L : 0L)
                .equals(1L)) {
            TimeUnit.MILLISECONDS.sleep(5);
        }
        onFx(() -> {
            w.stage().getScene().snapshot(null);
            return 0L;
        });
        return System.nanoTime() - t0;
    }

    private static long layoutAndPaint(Model m) throws Exception {
        long[] runs = new long[RUNS];
        for (int r = 0; r < RUNS; r++) {
            long t0 = System.nanoTime();
            LaidOutGraph laid = GraphLayout.layout(GraphModel.of(m.main(), false));
            onFx(() -> {
                GraphCanvas canvas = new GraphCanvas();
                canvas.resize(1280, 800);
                canvas.layout();
                Color[] fills = new Color[laid.x().length];
                Arrays.fill(fills, Color.web("#4C78A8"));
                canvas.setGraph(laid, fills);
                canvas.fit();
                canvas.snapshot(null, null);
                return 0L;
            });
            runs[r] = System.nanoTime() - t0;
        }
        Arrays.sort(runs);
        return runs[RUNS / 2];
    }

    private static <T> T onFx(Callable<T> work) throws Exception {
        return HeadlessToolkit.onFx(work, 2);
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }
}
