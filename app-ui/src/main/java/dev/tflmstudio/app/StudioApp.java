package dev.tflmstudio.app;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/** The JavaFX application. */
public final class StudioApp extends Application {
    static void launchWith(String[] args) {
        Application.launch(StudioApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        stage.setTitle("TFLM Studio");
        stage.setScene(new Scene(new Label("TFLM Studio"), 1280, 800));
        stage.show();
    }
}
