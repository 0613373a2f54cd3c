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
 * {@code --screenshot}: shows the window off screen, waits until the model is open, laid out and planned (and,
 * for the tensor view, run once; for the profile view, run {@value #PROFILE_INVOKES} times so it shows steady-state
 * statistics), writes the window as a PNG and exits.
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
