package dev.tflmstudio.app.console;

import dev.tflmstudio.app.workspace.AppLog;
import dev.tflmstudio.app.workspace.LogEntry;
import java.time.format.DateTimeFormatter;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.layout.BorderPane;

/** The console: every action and warning of the app, timestamped, newest at the bottom. */
public final class ConsoleView extends BorderPane {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    private boolean scrollQueued;

    public ConsoleView(AppLog log) {
        setId("console");
        getStyleClass().add("tool-window");
        ListView<LogEntry> list = new ListView<>(log.entries());
        list.setId("consoleList");
        list.getStyleClass().add("console-list");
        // One line per entry: with a fixed height the list knows where its end is without measuring every cell.
        list.setFixedCellSize(20);
        list.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(LogEntry e, boolean empty) {
                super.updateItem(e, empty);
                getStyleClass().removeAll("log-warning", "log-error");
                if (empty || e == null) {
                    setText(null);
                    return;
                }
                setText(TIME.format(e.time()) + "  " + levelTag(e.level()) + e.message());
                if (e.level() != LogEntry.Level.INFO) {
                    getStyleClass().add(e.level() == LogEntry.Level.ERROR ? "log-error" : "log-warning");
                }
            }
        });
        // Follow the newest line. Scrolling inside the change itself went to the end the list had before it (the
        // list learns its new length only at its next layout), so the console was always one line behind:
        // scroll once that layout has happened.
        log.entries().addListener((ListChangeListener<LogEntry>) c -> {
            if (!scrollQueued) {
                scrollQueued = true;
                Platform.runLater(() -> {
                    scrollQueued = false;
                    list.applyCss();
                    list.layout();
                    // The flow's own scrollTo shows the cell (at the bottom); the list's puts it at the top,
                    // which at the end of the list the flow takes back to the end it knew.
                    if (list.lookup(".virtual-flow") instanceof VirtualFlow<?> flow) {
                        flow.scrollTo(log.entries().size() - 1);
                    } else {
                        list.scrollTo(log.entries().size() - 1);
                    }
                });
            }
        });
        setCenter(list);
    }

    private static String levelTag(LogEntry.Level level) {
        return switch (level) {
            case INFO -> "";
            case WARNING -> "warning: ";
            case ERROR -> "error: ";
        };
    }
}
