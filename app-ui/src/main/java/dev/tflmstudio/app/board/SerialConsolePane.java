package dev.tflmstudio.app.board;

import dev.tflmstudio.app.console.FollowNewest;
import java.util.Locale;
import java.util.function.Predicate;
import javafx.collections.transformation.FilteredList;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The raw serial console of the shown session, following its newest line, with a filter that keeps its text across
 * sessions.
 */
final class SerialConsolePane extends VBox {
    private final TextField filter = new TextField();
    private final ListView<String> console = new ListView<>();
    private final FollowNewest<String> follow;
    private FilteredList<String> filtered;

    SerialConsolePane() {
        filter.setId("boardFilter");
        filter.setPromptText("Filter lines");
        filter.textProperty().addListener((o, a, q) -> applyFilter());
        console.setId("boardConsole");
        console.getStyleClass().add("console-list");
        // One line per entry: the list knows where its end is without measuring every cell.
        console.setFixedCellSize(20);
        follow = FollowNewest.install(console);
        VBox.setVgrow(console, Priority.ALWAYS);
        getChildren().addAll(filter, console);
    }

    void show(SerialSession session) {
        filtered = new FilteredList<>(session.lines());
        applyFilter();
        console.setItems(filtered);
        follow.watch(filtered);
    }

    private void applyFilter() {
        if (filtered == null) {
            return;
        }
        String q = filter.getText();
        Predicate<String> p = q == null || q.isBlank() ? null
                : s -> s.toLowerCase(Locale.ROOT).contains(q.strip().toLowerCase(Locale.ROOT));
        filtered.setPredicate(p);
    }
}
