package dev.tflmstudio.app.graph;

import dev.tflmstudio.app.ModelFixtures;
import dev.tflmstudio.runtime.model.Subgraph;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.scene.paint.Color;

/**
 * Benchmark (not a test; run by hand): layout time of synthetic 1,000- and 2,000-op graphs, and the time to pan
 * and render one frame of a 1,000-node graph with the software pipeline (target under 33 ms). Run with
 * {@code java -cp <test classpath> dev.tflmstudio.app.graph.GraphBenchmark}.
 */
public final class GraphBenchmark {
    private GraphBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("prism.order", "sw");
        LaidOutGraph thousand = null;
        for (int n : new int[] {1000, 2000}) {
            Subgraph g = ModelFixtures.residual(n).main();
            for (int run = 0; run < 3; run++) {
                long t0 = System.nanoTime();
                LaidOutGraph laid = GraphLayout.layout(GraphModel.of(g, false));
                System.out.printf(Locale.ROOT, "layout %d ops, run %d: %d ms%n", n, run,
                        (System.nanoTime() - t0) / 1_000_000);
                if (n == 1000) {
                    thousand = laid;
                }
            }
        }
        LaidOutGraph graph = thousand;
        CompletableFuture<long[]> frames = new CompletableFuture<>();
        Platform.startup(() -> {
            GraphCanvas canvas = new GraphCanvas();
            canvas.resize(1280, 800);
            canvas.layout();
            Color[] fills = new Color[graph.x().length];
            Arrays.fill(fills, Color.web("#4C78A8"));
            canvas.setGraph(graph, fills);
            canvas.centerOn(500);
            long[] nanos = new long[400];
            for (int i = 0; i < nanos.length / 2; i++) {
                long t0 = System.nanoTime();
                canvas.panBy(0, i % 2 == 0 ? 17 : -13);
                canvas.snapshot(null, null);
                nanos[i] = System.nanoTime() - t0;
            }
            // The same snapshots of an empty canvas: the cost of the measurement itself, to subtract.
            GraphCanvas empty = new GraphCanvas();
            empty.resize(1280, 800);
            empty.layout();
            for (int i = nanos.length / 2; i < nanos.length; i++) {
                long t0 = System.nanoTime();
                empty.redraw();
                empty.snapshot(null, null);
                nanos[i] = System.nanoTime() - t0;
            }
            frames.complete(nanos);
        });
        long[] all = frames.get();
        long[] nanos = Arrays.copyOfRange(all, 0, all.length / 2);
        long[] base = Arrays.copyOfRange(all, all.length / 2, all.length);
        Arrays.sort(nanos);
        Arrays.sort(base);
        System.out.printf(Locale.ROOT, "pan+render 1000-node graph at 100%%: median %.1f ms, p95 %.1f ms"
                        + " (empty-canvas snapshot overhead: median %.1f ms)%n", nanos[nanos.length / 2] / 1e6,
                nanos[nanos.length * 95 / 100] / 1e6, base[base.length / 2] / 1e6);
        Platform.exit();
    }
}
