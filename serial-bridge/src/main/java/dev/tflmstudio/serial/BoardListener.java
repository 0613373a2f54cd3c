package dev.tflmstudio.serial;

import dev.tflmstudio.serial.analysis.AnalysisListener;
import dev.tflmstudio.serial.port.LinkState;

/**
 * Everything a {@link BoardSession} reports: the {@link AnalysisListener} results plus the link's state. All calls
 * come from the session's reader thread (a replay's: the caller's), in stream order, never from the UI thread; a UI
 * marshals them (JavaFX: {@code Platform.runLater}) and must return quickly. Every method has an empty default.
 */
public interface BoardListener extends AnalysisListener {
    /** The port was lost, came back, or the session was closed. */
    default void linkState(LinkState state, String detail) {
    }

    /** Writing the recording failed; the session goes on without it. */
    default void recordingFailed(String message) {
    }
}
