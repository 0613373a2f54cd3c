package dev.tflmstudio.app.console;

import dev.tflmstudio.app.workspace.AppLog;
import dev.tflmstudio.app.workspace.LogEntry;
import java.time.format.DateTimeFormatter;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;

/**
 * The console: every action and warning of the app, timestamped, newest at the bottom. Its context menu copies
 * the lines (to paste into a bug report) and clears them.
 */
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
                setText(line(e));
                if (e.level() != LogEntry.Level.INFO) {
                    getStyleClass().add(e.level() == LogEntry.Level.ERROR ? "log-error" : "log-warning");
                }
            }
        });
        FollowNewest.install(list);
        MenuItem copy = new MenuItem("Copy All");
        copy.setId("consoleCopy");
        copy.setOnAction(a -> {
            ClipboardContent text = new ClipboardContent();
            text.putString(log.text(ConsoleView::line));
            Clipboard.getSystemClipboard().setContent(text);
        });
        MenuItem clear = new MenuItem("Clear");
        clear.setId("consoleClear");
        clear.setOnAction(a -> log.clear());
        list.setContextMenu(new ContextMenu(copy, clear));
        setCenter(list);
    }

    private static String line(LogEntry e) {
        return TIME.format(e.time()) + "  " + levelTag(e.level()) + e.message();
    }

    private static String levelTag(LogEntry.Level level) {
        return switch (level) {
            case INFO -> "";
            case WARNING -> "warning: ";
            case ERROR -> "error: ";
        };
    }
}
