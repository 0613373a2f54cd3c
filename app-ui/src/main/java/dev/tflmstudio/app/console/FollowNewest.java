package dev.tflmstudio.app.console;

import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.control.ListView;
import javafx.scene.control.skin.VirtualFlow;

/**
 * Keeps a console list at its newest line as lines arrive (and, told to {@link #watch}, the items it is given later:
 * a new board session's lines).
 */
public final class FollowNewest<T> {
    private final ListView<T> list;
    private final ListChangeListener<T> onChange = c -> follow();
    private boolean scrollQueued;
    private ObservableList<T> watched;

    private FollowNewest(ListView<T> list) {
        this.list = list;
    }

    /** Follows {@code list}'s current items. */
    public static <T> FollowNewest<T> install(ListView<T> list) {
        FollowNewest<T> f = new FollowNewest<>(list);
        f.watch(list.getItems());
        return f;
    }

    /** Follows {@code items} instead of what it followed, once they are the list's items. */
    public void watch(ObservableList<T> items) {
        if (watched != null) {
            watched.removeListener(onChange);
        }
        watched = items;
        if (items != null) {
            items.addListener(onChange);
            follow();
        }
    }

    /**
     * Scrolls to the last line once the list has laid out its new length: scrolling inside the change itself went
     * to the end the list had before it (it learns its new length at its next layout), one line behind.
     */
    private void follow() {
        if (scrollQueued) {
            return;
        }
        scrollQueued = true;
        Platform.runLater(() -> {
            scrollQueued = false;
            int last = list.getItems() == null ? -1 : list.getItems().size() - 1;
            if (last < 0) {
                return;
            }
            list.applyCss();
            list.layout();
            // The flow's own scrollTo shows the cell at the bottom; the list's puts it at the top, which at the
            // end of the list the flow takes back to the end it knew.
            if (list.lookup(".virtual-flow") instanceof VirtualFlow<?> flow) {
                flow.scrollTo(last);
            } else {
                list.scrollTo(last);
            }
        });
    }
}
