package dev.tflmstudio.app;

import dev.tflmstudio.app.workspace.BackgroundWork;
import dev.tflmstudio.app.workspace.Selection;
import dev.tflmstudio.cli.ExitCode;
import dev.tflmstudio.runtime.io.AtomicFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.WritableImage;
import javafx.util.Duration;

/**
 * {@code --screenshot}: shows the window off screen, waits until the model is open, laid out and planned (and, for
 * the tensor view, run to just after the first op writing a picture-like tensor; for the profile view, run
 * {@value #PROFILE_INVOKES} times so it shows steady-state statistics), writes the window as a PNG and exits.
 */
final class Screenshot {
    private static final long TIMEOUT_MILLIS = 240_000;
    private static final int PROFILE_INVOKES = 20;
    private final MainWindow window;
    private final LaunchOptions options;
    private final long start = System.currentTimeMillis();

    Screenshot(MainWindow window, LaunchOptions options) {
        this.window = window;
        this.options = options;
    }

    /** Selects Monocle's headless glass when it is on the class path, so no display is needed. */
    static void useHeadlessToolkit() {
        try {
            Class.forName("com.sun.glass.ui.monocle.MonoclePlatformFactory", false,
                    Screenshot.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return;
        }
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("prism.order", "sw");
        // The default 1280x800 headless screen is smaller than the window, which overflows its frame buffer.
        System.setProperty("headless.geometry", "1920x1200-32");
        System.setProperty("java.awt.headless", "true");
    }

    void take(Path model) {
        var stage = window.stage();
        stage.setMaximized(false);
        LaunchOptions.Size size = options.size() == null ? new LaunchOptions.Size(1366, 768) : options.size();
        stage.setWidth(size.width());
        stage.setHeight(size.height());
        stage.show();
        if (model == null) {
            fail(ExitCode.USAGE, "no model given and the bundled sample was not found");
            return;
        }
        var task = window.open(model);
        task.setOnFailed(e -> fail(ExitCode.INVALID_INPUT, BackgroundWork.message(task.getException())));
        var ws = window.workspace();
        String view = options.view() == null ? "graph" : options.view();
        boolean needsRun = view.equals("profile") || view.equals("tensors");
        waitFor(() -> ws.model() != null && window.graphView().laidOutProperty().get()
                && ws.planProperty().get() != null, () -> {
            if (options.replay() == null) {
                picture(view, needsRun);
                return;
            }
            var replay = window.replayBoard(options.replay(), options.device());
            waitFor(replay::isDone, () -> {
                if (replay.isCompletedExceptionally()) {
                    fail(ExitCode.INVALID_INPUT, "cannot replay " + options.replay());
                } else {
                    picture(view, needsRun);
                }
            });
        });
    }

    /** With the model open (and a board session replayed): selects what the view shows, runs it if needed, writes. */
    private void picture(String view, boolean needsRun) {
        var ws = window.workspace();
        if (!needsRun) {
            if (!ws.model().main().operators().isEmpty()) {
                ws.select(Selection.ofOp(0, 0));
            }
            settleAndWrite();
            return;
        }
        var main = ws.model().main();
        if (view.equals("tensors")) {
            pictureOfAnImage(main);
            return;
        }
        if (!main.outputs().isEmpty()) {
            ws.select(Selection.ofTensor(0, main.outputs().get(0)));
        }
        if (view.equals("profile")) {
            var run = window.debugger().runInvokes(PROFILE_INVOKES);
            // The rows are computed off the FX thread: wait until they are those of the final timings.
            waitFor(() -> run.endedProperty().get() && ws.timingsProperty().get() != null
                    && window.profileView().shownTimings() == ws.timingsProperty().get(), this::settleAndWrite);
            return;
        }
        window.debugger().runToBreakpoint();
        waitFor(() -> ws.timingsProperty().get() != null && !window.debugger().runningProperty().get(),
                this::settleAndWrite);
    }

    /**
     * The tensor view's picture: the output of the first op that writes a picture-like tensor (two or more
     * dimensions above 1; the largest pictures of a CNN come first), stopped right after that op so its value is
     * valid, with the Image tab's heat map in front. A model with no such op shows its first output after a whole
     * invoke.
     */
    private void pictureOfAnImage(dev.tflmstudio.runtime.model.Subgraph main) {
        var ws = window.workspace();
        int op = -1;
        for (int i = 0; i < main.operators().size() && op < 0; i++) {
            var outs = main.operator(i).outputs();
            if (!outs.isEmpty() && outs.get(0) >= 0 && largeDims(main.tensor(outs.get(0)).shape()) >= 2) {
                op = i;
            }
        }
        int tensor = op >= 0 ? main.operator(op).outputs().get(0) : main.outputs().get(0);
        if (op >= 0 && op + 1 < main.operators().size()) {
            ws.select(Selection.ofOp(0, op + 1));
            window.debugger().runToSelected();
        } else {
            window.debugger().runToBreakpoint();
        }
        waitFor(() -> !window.debugger().runningProperty().get(), () -> {
            ws.select(Selection.ofTensor(0, tensor));
            window.tensorView().showImage();
            waitFor(() -> ws.tensorValueProperty().get() != null
                    && ws.tensorValueProperty().get().tensor().index() == tensor, this::settleAndWrite);
        });
    }

    private static int largeDims(dev.tflmstudio.runtime.model.Shape shape) {
        int n = 0;
        for (int d : shape.toArray()) {
            n += d > 1 ? 1 : 0;
        }
        return n;
    }

    private void waitFor(BooleanSupplier ready, Runnable then) {
        Timeline poll = new Timeline();
        poll.getKeyFrames().add(new KeyFrame(Duration.millis(100), e -> {
            if (ready.getAsBoolean()) {
                poll.stop();
                then.run();
            } else if (System.currentTimeMillis() - start > TIMEOUT_MILLIS) {
                poll.stop();
                fail(ExitCode.FAILURE, "timed out waiting for the window to be ready");
            }
        }));
        poll.setCycleCount(Timeline.INDEFINITE);
        poll.play();
    }

    /** Lets a few pulses lay out and paint, then writes. */
    private void settleAndWrite() {
        Timeline t = new Timeline(new KeyFrame(Duration.millis(400), e -> write()));
        t.play();
    }

    private void write() {
        WritableImage img = window.stage().getScene().snapshot(null);
        var buffered = SwingFXUtils.fromFXImage(img, null);
        Path out = options.screenshot();
        try {
            AtomicFile.write(out, o -> {
                if (!javax.imageio.ImageIO.write(buffered, "png", o)) {
                    throw new IOException("no PNG writer available");
                }
            });
        } catch (IOException e) {
            fail(ExitCode.FAILURE, "cannot write " + out + ": " + e.getMessage());
            return;
        }
        System.out.println("wrote " + out + " (" + (int) img.getWidth() + "x" + (int) img.getHeight() + ")");
        exit(ExitCode.OK);
    }

    private void fail(int code, String message) {
        System.err.println("error: " + message);
        exit(code);
    }

    private static void exit(int code) {
        Platform.exit();
        System.exit(code);
    }
}
