package dev.tflmstudio.app.console;

import dev.tflmstudio.app.workspace.AppLog;
import dev.tflmstudio.app.workspace.LogEntry;
import java.time.format.DateTimeFormatter;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.BorderPane;

/** The console: every action and warning of the app, timestamped, newest at the bottom. */
public final class ConsoleView extends BorderPane {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

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
        FollowNewest.install(list);
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
