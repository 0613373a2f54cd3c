package dev.tflmstudio.app;

import dev.tflmstudio.app.profile.InvokeRun;
import dev.tflmstudio.app.workspace.BackgroundWork;
import dev.tflmstudio.app.workspace.Workspace;
import java.util.Locale;
import javafx.beans.InvalidationListener;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import org.controlsfx.control.StatusBar;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The main window's status bar: the open model (or what to do first), the step the debugger is at, and the long
 * work under way, background tasks and runs of many invokes alike, with its progress and a cancel button.
 */
final class MainStatusBar {
    private final Workspace workspace;
    private final BackgroundWork work;
    private final StatusBar bar = new StatusBar();
    private final ProgressBar progress = new ProgressBar();
    private final Button cancel = new Button(null, new FontIcon("mdi2c-close"));
    private final Label stepLabel = new Label();
    /** The run of invokes the bar shows, or null. */
    private InvokeRun run;

    MainStatusBar(Workspace workspace, BackgroundWork work) {
        this.workspace = workspace;
        this.work = work;
        bar.setId("statusBar");
        bar.setText("Ready");
        progress.setPrefWidth(140);
        cancel.setId("cancelTask");
        cancel.setTooltip(new Tooltip("Cancel"));
        stepLabel.setId("stepLabel");
        bar.getRightItems().addAll(stepLabel, progress, cancel);
        showIdle();
        work.currentProperty().addListener((o, a, task) -> {
            progress.progressProperty().unbind();
            bar.textProperty().unbind();
            if (task != null) {
                progress.setVisible(true);
                cancel.setVisible(true);
                progress.progressProperty().bind(task.progressProperty());
                bar.textProperty().bind(task.messageProperty());
                cancel.setOnAction(e -> task.cancel(true));
            } else if (run != null) {
                showRun();
            } else {
                showIdle();
            }
        });
        workspace.modelProperty().addListener((o, a, b) -> {
            if (work.currentProperty().get() == null && run == null) {
                bar.setText(modelStatus());
            }
        });
        workspace.currentStepProperty().addListener((o, a, b) -> {
            var m = workspace.model();
            int op = b.intValue();
            stepLabel.setText(m == null || op < 0 || op >= m.main().operators().size() ? ""
                    : StopText.of(m.main(), op + 1));
        });
    }

    StatusBar node() {
        return bar;
    }

    /** Shows {@code r}'s progress until it ends (background tasks take the bar while they run). */
    void follow(InvokeRun r) {
        if (r.endedProperty().get()) {
            return; // it never started (no model open)
        }
        run = r;
        InvalidationListener update = o -> {
            if (run == r && work.currentProperty().get() == null) {
                showRun();
            }
        };
        r.completedProperty().addListener(update);
        r.endedProperty().addListener((o, was, ended) -> {
            if (ended && run == r) {
                r.completedProperty().removeListener(update);
                run = null;
                if (work.currentProperty().get() == null) {
                    showIdle();
                }
            }
        });
        update.invalidated(null);
    }

    private void showRun() {
        InvokeRun r = run;
        progress.setVisible(true);
        cancel.setVisible(true);
        progress.setProgress(r.completedProperty().get() / (double) Math.max(1, r.requested()));
        bar.setText(String.format(Locale.ROOT, "Running invokes: %,d of %,d", r.completedProperty().get(),
                r.requested()));
        cancel.setOnAction(e -> r.stop());
    }

    private void showIdle() {
        progress.setVisible(false);
        cancel.setVisible(false);
        bar.setText(modelStatus());
    }

    private String modelStatus() {
        var m = workspace.model();
        return m == null ? "Ready — open a model (Ctrl+O) or drop a .tflite file here"
                : String.format(Locale.ROOT, "%s · %d ops · %d tensors · %,d bytes",
                        workspace.modelPathProperty().get().getFileName(), m.main().operators().size(),
                        m.main().tensors().size(), m.sizeBytes());
    }
}
