package dev.tflmstudio.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.samples.HostileModels;
import dev.tflmstudio.runtime.samples.SampleModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Hostile models in the app: one the graph check refuses is not opened (a dialog shows the check's line and the
 * model open before stays), and Pause stops a WHILE whose condition never turns false.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HostileModelFlowTest {
    @TempDir
    static Path tmp;
    private static WindowFixture fixture;
    private static MainWindow window;
    private final FxRobot robot = new FxRobot();

    @BeforeAll
    static void start() throws Exception {
        fixture = WindowFixture.show("app-test-hostile", 1024, 640);
        window = fixture.window();
    }

    @AfterAll
    static void stop() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        WindowFixture.waitUntil(condition);
    }

    private void open(Path p) throws Exception {
        robot.interact(() -> window.open(p));
    }

    @Test
    @Order(1)
    void aModelTheCheckRefusesIsNotOpenedAndThePreviousOneStays() throws Exception {
        Path sample = tmp.resolve("sample.tflite");
        Files.write(sample, SampleModels.sampleCnn().build());
        open(sample);
        waitUntil(() -> window.workspace().model() != null && window.workspace().planProperty().get() != null);
        Model before = window.workspace().model();

        Path cycle = tmp.resolve("if-cycle.tflite");
        Files.write(cycle, HostileModels.ifCycle());
        open(cycle);
        waitUntil(() -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        DialogPane pane = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        assertThat(pane.getHeaderText()).isEqualTo("Opening if-cycle.tflite failed");
        assertThat(pane.getContentText()).startsWith("subgraph 1 -> 2 -> 1 (subgraph 1, operator 0 (IF) calls 2; "
                + "subgraph 2, operator 0 (IF) calls 1): a subgraph may not call itself")
                .doesNotContain("flatbuffer");
        robot.interact(() -> ((Button) pane.lookupButton(ButtonType.OK)).fire());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.workspace().model()).as("the model open before, untouched").isSameAs(before);
        assertThat(window.stage().getTitle()).startsWith("sample.tflite");
    }

    @Test
    @Order(2)
    void pauseStopsAWhileThatNeverEnds() throws Exception {
        Path loop = tmp.resolve("never-ending-while.tflite");
        Files.write(loop, HostileModels.neverEndingWhile(100_000));
        open(loop);
        waitUntil(() -> window.workspace().model() != null
                && window.workspace().model().source().endsWith("never-ending-while.tflite"));
        robot.interact(() -> window.debugger().runToBreakpoint());
        waitUntil(() -> window.debugger().runningProperty().get());
        Thread.sleep(300); // inside op 1's loop (the default limit takes far longer than this)
        robot.interact(() -> window.debugger().pause());
        waitUntil(() -> !window.debugger().runningProperty().get());
        assertThat(window.workspace().log().entries().stream().map(e -> e.message()))
                .anyMatch(m -> m.startsWith("Run stopped: cancelled at op 1 WHILE"));
        assertThat(robot.lookup(".dialog-pane").tryQuery()).as("a stop is not an error").isEmpty();
    }
}
