package dev.tflmstudio.app.profile;

import java.util.Locale;
import java.util.function.IntFunction;
import javafx.collections.FXCollections;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.util.StringConverter;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The profile window's "Run N invokes" control: how many invokes to run, one button that starts the run and stops
 * it while it goes (as Pause does), and the run's progress.
 */
final class InvokeRunBar extends HBox {
    private final ComboBox<Integer> count = new ComboBox<>(FXCollections.observableArrayList(20, 100, 1_000,
            10_000));
    private final Button button = new Button();
    private final ProgressBar progress = new ProgressBar();
    private IntFunction<InvokeRun> onRunInvokes = n -> null;
    private InvokeRun run;

    InvokeRunBar() {
        super(8);
        setAlignment(Pos.CENTER_LEFT);
        count.setId("profileRunCount");
        count.setValue(20);
        count.setTooltip(new Tooltip("Invokes per run: more give steadier statistics"));
        count.setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer n) {
                return n == null ? "" : String.format(Locale.ROOT, "%,d", n);
            }

            @Override
            public Integer fromString(String text) {
                return null;
            }
        });
        count.valueProperty().addListener((o, a, b) -> showState());
        button.setId("profileRun");
        button.setOnAction(e -> runOrStop());
        progress.setId("profileRunProgress");
        progress.setPrefWidth(120);
        count.setPrefWidth(96);
        count.setMinWidth(USE_PREF_SIZE);
        button.setMinWidth(USE_PREF_SIZE);
        progress.setMinWidth(USE_PREF_SIZE);
        getChildren().addAll(count, button, progress);
        showState();
    }

    /** Starts N invokes and returns the run to follow, or null when nothing can run. */
    void setOnRunInvokes(IntFunction<InvokeRun> r) {
        onRunInvokes = r;
    }

    private void runOrStop() {
        if (run != null) {
            run.stop();
            return;
        }
        InvokeRun started = onRunInvokes.apply(count.getValue());
        if (started == null || started.endedProperty().get()) {
            return;
        }
        run = started;
        progress.progressProperty().bind(started.completedProperty().divide((double) started.requested()));
        started.endedProperty().addListener((o, a, ended) -> {
            if (ended && run == started) {
                run = null;
                progress.progressProperty().unbind();
                showState();
            }
        });
        showState();
    }

    private void showState() {
        boolean running = run != null;
        button.setText(running ? "Stop" : String.format(Locale.ROOT, "Run %,d invokes", count.getValue()));
        button.setGraphic(new FontIcon(running ? "mdi2s-stop" : "mdi2p-play"));
        count.setDisable(running);
        progress.setVisible(running);
        progress.setManaged(running);
    }
}
