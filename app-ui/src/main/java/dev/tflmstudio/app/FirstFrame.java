package dev.tflmstudio.app;

import javafx.application.Platform;
import javafx.scene.Scene;

/** Runs an action once a scene has been styled, laid out and handed to the renderer for the first time. */
final class FirstFrame {
    private FirstFrame() {
    }

    /** Runs {@code action} on the FX thread just after the first pulse of {@code scene} that lays it out. */
    static void after(Scene scene, Runnable action) {
        Runnable[] hook = new Runnable[1];
        // The listener runs inside the pulse; leave it before removing the listener and running the action.
        hook[0] = () -> Platform.runLater(() -> {
            if (hook[0] != null) {
                scene.removePostLayoutPulseListener(hook[0]);
                hook[0] = null;
                action.run();
            }
        });
        scene.addPostLayoutPulseListener(hook[0]);
    }
}
