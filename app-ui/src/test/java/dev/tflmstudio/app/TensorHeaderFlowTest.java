package dev.tflmstudio.app;

import static dev.tflmstudio.app.WindowFixture.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tflmstudio.app.workspace.Selection;
import java.nio.file.Path;
import javafx.scene.control.Label;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/**
 * A converter-fused tensor name (kws: six layer names joined, 170 characters) in a 1024x640 window: the Tensors
 * header says what the tensor is and whether its values hold on its first line, and the name takes at most the
 * two lines below, so the values keep the room (it took seven lines and pushed the heat map down).
 */
class TensorHeaderFlowTest {
    private static WindowFixture fixture;
    private static MainWindow window;
    private final FxRobot robot = new FxRobot();

    @BeforeAll
    static void start() throws Exception {
        Path model = WindowFixture.sharedModel("mlperf-kws_ref_model_int8.tflite");
        fixture = WindowFixture.show("tensor-header-test", 1024, 640);
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

    @Test
    void aLongFusedNameTakesAtMostTwoLinesBelowTheTensorsTypeAndState() throws Exception {
        int written = window.workspace().model().main().operator(0).outputs().get(0);
        String name = window.workspace().model().main().tensor(written).name();
        assertThat(name).as("the model's fused name").hasSizeGreaterThan(150);
        robot.interact(() -> {
            window.showView("tensors");
            window.workspace().select(Selection.ofTensor(0, written));
            window.debugger().step();
        });
        waitUntil(() -> window.workspace().tensorValueProperty().get() != null
                && window.workspace().tensorValueProperty().get().tensor().index() == written
                && !window.debugger().runningProperty().get());

        Label header = robot.lookup("#tensorHeader").queryAs(Label.class);
        assertThat(header.getText()).startsWith("t" + written + "  int8[1,25,5,64]  —  valid at this step\n")
                .endsWith(name);
        double lineHeight = header.getFont().getSize() * 1.35;
        assertThat(header.getHeight()).as("header height in a 1024x640 window").isLessThan(4 * lineHeight)
                .isGreaterThan(lineHeight);
        assertThat(header.getTooltip().getText()).as("the whole name is a hover away").contains(name);
    }
}
