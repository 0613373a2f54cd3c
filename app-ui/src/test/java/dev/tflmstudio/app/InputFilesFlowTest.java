package dev.tflmstudio.app;

import static dev.tflmstudio.app.WindowFixture.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tflmstudio.app.workspace.Selection;
import dev.tflmstudio.runtime.input.InputMapping;
import dev.tflmstudio.runtime.interpreter.TensorSnapshot;
import java.nio.file.Path;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Run > Set Inputs > From File with TFLM's person test image on person_detect: the dialog shows what a pixel
 * becomes under the chosen mapping, and with the default (the image's bytes copied, as TFLM's test does) the
 * model sees a person; with another mapping the dialog says the other formula.
 */
class InputFilesFlowTest {
    private static WindowFixture fixture;
    private static MainWindow window;
    private static Path image;
    private final FxRobot robot = new FxRobot();

    @BeforeAll
    static void start() throws Exception {
        Path model = WindowFixture.sharedModel("tflm-person_detect_int8.tflite");
        image = model.resolveSibling("testdata").resolve("tflm-person_detection-person.bmp");
        fixture = WindowFixture.show("app-test-input-files", 1024, 640);
        window = fixture.window();
        new FxRobot().interact(() -> window.open(model));
        waitUntil(() -> window.workspace().model() != null && window.workspace().planProperty().get() != null);
    }

    @AfterAll
    static void stop() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    private <T extends Node> T find(String id, Class<T> type) {
        return robot.lookup("#" + id).queryAs(type);
    }

    /** With -Dtflm.shots=DIR (or TFLM_SHOTS=DIR), writes the dialog as DIR/input-files.png, to look at. */
    private void picture(DialogPane pane) {
        String dir = System.getProperty("tflm.shots", System.getenv("TFLM_SHOTS"));
        if (dir == null) {
            return;
        }
        robot.interact(() -> {
            var img = pane.getScene().snapshot(null);
            try {
                javax.imageio.ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(img, null), "png",
                        Path.of(dir, "input-files.png").toFile());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private double[] scoresAfterAnInvoke() throws Exception {
        int output = window.workspace().model().main().outputs().get(0);
        robot.interact(() -> {
            window.debugger().reset();
            window.workspace().select(Selection.ofTensor(0, output));
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> window.debugger().runToBreakpoint());
        waitUntil(() -> !window.debugger().runningProperty().get() && window.workspace().tensorValueProperty().get()
                != null && window.workspace().tensorValueProperty().get().tensor().index() == output
                && window.workspace().log().entries().stream().anyMatch(e -> e.message().startsWith("Run: ")));
        TensorSnapshot v = window.workspace().tensorValueProperty().get();
        // person_detect's labels: 0 no person, 1 person.
        return new double[] {v.value(1), v.value(0)};
    }

    @Test
    void anImageInputIsReadWithTheMappingTheDialogShows() throws Exception {
        robot.interact(() -> window.inputsFromFile());
        waitUntil(() -> robot.lookup("#inputPath0").tryQuery().isPresent());
        robot.interact(() -> find("inputPath0", TextField.class).setText(image.toString()));
        WaitForAsyncUtils.waitForFxEvents();
        ComboBox<?> mapping = find("inputMapping0", ComboBox.class);
        assertThat(mapping.isDisabled()).isFalse();
        assertThat(mapping.getValue()).isEqualTo(InputMapping.RAW);
        assertThat(find("inputMappingText0", Label.class).getText())
                .startsWith("pixel p -> int8 p (its byte copied, as TFLM's tests do");

        robot.interact(() -> find("inputMapping0", ComboBox.class).getSelectionModel().select(3));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(find("inputMappingText0", Label.class).getText()).startsWith("pixel p -> int8 p-128");
        robot.interact(() -> find("inputMapping0", ComboBox.class).getSelectionModel().select(0));
        WaitForAsyncUtils.waitForFxEvents();

        DialogPane pane = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        picture(pane);
        robot.interact(() -> ((Button) pane.lookupButton(ButtonType.OK)).fire());
        waitUntil(() -> window.workspace().log().entries().stream()
                .anyMatch(e -> e.message().startsWith("Inputs set from files")));
        assertThat(window.workspace().log().entries().stream().map(e -> e.message()))
                .anyMatch(m -> m.startsWith("Input 0 from " + image) && m.contains("pixel p -> int8 p"));

        double[] scores = scoresAfterAnInvoke();
        assertThat(scores[0]).as("person score above the no-person score").isGreaterThan(scores[1]);
    }
}
