package dev.tflmstudio.app;

import static dev.tflmstudio.app.WindowFixture.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tflmstudio.app.workspace.Selection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * What a new user ran into (issue #14), on one window of the small size the app must stay usable at: stale
 * tensor bytes marked, the plan report of the chosen board, the stepping rule, the console following, recent file
 * names, profile numbers and real inputs.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FirstUseFixesFlowTest {
    private static WindowFixture fixture;
    private static MainWindow window;
    private static Path model;
    private final FxRobot robot = new FxRobot();

    @BeforeAll
    static void start() throws Exception {
        model = WindowFixture.sharedModel("tflm-hello_world_int8.tflite");
        fixture = WindowFixture.show("app-test-first-use", 1024, 640);
        window = fixture.window();
        FxRobot robot = new FxRobot();
        robot.interact(() -> window.open(model));
        waitUntil(() -> window.workspace().model() != null && window.graphView().laidOutProperty().get()
                && window.workspace().planProperty().get() != null);
    }

    @AfterAll
    static void stop() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    /** With -Dtflm.shots=DIR, writes the window as DIR/NAME.png, to look at what a test saw. */
    private void picture(String name) {
        String dir = System.getProperty("tflm.shots");
        if (dir == null) {
            return;
        }
        robot.interact(() -> {
            var img = window.stage().getScene().snapshot(null);
            try {
                javax.imageio.ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(img, null), "png",
                        Path.of(dir, name + ".png").toFile());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private void stepAndWait(int expectedCurrent) throws Exception {
        robot.interact(() -> window.debugger().step());
        waitUntil(() -> window.workspace().currentStepProperty().get() == expectedCurrent
                && !window.debugger().runningProperty().get());
    }

    @Test
    @Order(1)
    void aTensorALaterOpWritesIsMarkedAsLeftoverBytesNotValues() throws Exception {
        int output = window.workspace().model().main().outputs().get(0);
        robot.interact(() -> {
            window.debugger().reset();
            window.showView("tensors");
        });
        stepAndWait(0);
        robot.interact(() -> window.workspace().select(Selection.ofTensor(0, output)));
        waitUntil(() -> window.workspace().tensorValueProperty().get() != null
                && window.workspace().tensorValueProperty().get().tensor().index() == output);

        Label banner = robot.lookup("#tensorStaleBanner").queryAs(Label.class);
        assertThat(banner.isVisible()).isTrue();
        assertThat(banner.getText()).startsWith("Not written yet in this invoke (op #2 FULLY_CONNECTED writes it)")
                .contains("leftovers");
        assertThat(window.tensorView().showsStale()).as("values greyed").isTrue();
        assertThat(robot.lookup("#tensorStats").queryAs(Label.class).getText()).startsWith("leftover bytes");
        assertThat(banner.getLayoutBounds().getHeight()).as("on a line of its own, not cut off").isPositive();
        picture("stale");

        stepAndWait(1);
        stepAndWait(2);
        waitUntil(() -> !robot.lookup("#tensorStaleBanner").queryAs(Label.class).isVisible());
        assertThat(window.tensorView().showsStale()).isFalse();
    }

    @Test
    @Order(2)
    void thePlanReportIsOfTheBoardChosenInTheBoardWindow(@TempDir Path dir) throws Exception {
        Path before = dir.resolve("none.html");
        Path nano = dir.resolve("nano.html");
        robot.interact(() -> window.loadDevices(null));
        waitUntil(() -> !window.workspace().devices().isEmpty());
        robot.interact(() -> {
            try {
                window.exportPlanReport(before);
                assertThat(window.boardView().selectDevice("arduino-nano-33-ble-sense")).isTrue();
                window.exportPlanReport(nano);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        String none = Files.readString(before);
        assertThat(none).contains("target <b>host64</b>").contains("No board chosen").contains("Board window")
                .doesNotContain("use --device");
        String html = Files.readString(nano);
        assertThat(html).as("the board's word size").contains("target <b>mcu32</b>")
                .contains("Arduino Nano 33 BLE Sense").contains("recommended kTensorArenaSize")
                .doesNotContain("No board chosen");
    }

    private String lastLog() {
        var entries = window.workspace().log().entries();
        return entries.get(entries.size() - 1).message();
    }

    @Test
    @Order(3)
    void breakpointsRunToHereAndStepsAllStopBeforeAnOpAndSaySo() throws Exception {
        Label step = robot.lookup("#stepLabel").queryAs(Label.class);
        robot.interact(() -> window.debugger().reset());
        waitUntil(() -> window.workspace().currentStepProperty().get() == -1);
        robot.interact(() -> {
            window.workspace().toggleBreakpoint(2);
            window.debugger().runToBreakpoint();
        });
        waitUntil(() -> window.workspace().currentStepProperty().get() == 1
                && !window.debugger().runningProperty().get());
        assertThat(step.getText()).isEqualTo("stopped before op #2 FULLY_CONNECTED");
        waitUntil(() -> lastLog().startsWith("Breakpoint hit"));
        assertThat(lastLog()).isEqualTo("Breakpoint hit at op #2: stopped before op #2 FULLY_CONNECTED");
        robot.interact(() -> window.workspace().toggleBreakpoint(2));

        // "Run to here" on op #1 from before op #2: around into the next invoke, stopping before op #1 as well.
        robot.interact(() -> {
            window.workspace().select(Selection.ofOp(0, 1));
            window.debugger().runToSelected();
        });
        waitUntil(() -> window.workspace().currentStepProperty().get() == 0
                && !window.debugger().runningProperty().get());
        assertThat(step.getText()).isEqualTo("stopped before op #1 FULLY_CONNECTED");
        waitUntil(() -> lastLog().startsWith("Reached op #1"));

        stepAndWait(1);
        assertThat(step.getText()).as("a step ran op #1: now before op #2").isEqualTo(
                "stopped before op #2 FULLY_CONNECTED");
        stepAndWait(2);
        assertThat(step.getText()).as("3 ops, #0 to #2: no op #3").isEqualTo("invoke done (after the last op, #2)");
    }

    @Test
    @Order(4)
    void theConsoleShowsTheNewestLineAtOnce() throws Exception {
        @SuppressWarnings("unchecked")
        javafx.scene.control.ListView<dev.tflmstudio.app.workspace.LogEntry> list =
                robot.lookup("#consoleList").queryAs(javafx.scene.control.ListView.class);
        for (int i = 0; i < 40; i++) {
            String line = "line " + i;
            robot.interact(() -> window.workspace().log().info(line));
            // Shown within a few frames, without waiting for the next line to arrive.
            try {
                WaitForAsyncUtils.waitFor(2, TimeUnit.SECONDS, () -> visibleConsoleLines(list).contains(line));
            } catch (java.util.concurrent.TimeoutException e) {
                assertThat(visibleConsoleLines(list)).as("2 s after adding '%s'", line).contains(line);
            }
        }
    }

    private static java.util.List<String> visibleConsoleLines(javafx.scene.control.ListView<?> list) {
        var bounds = list.localToScene(list.getLayoutBounds());
        return list.lookupAll(".list-cell").stream().map(n -> (javafx.scene.control.ListCell<?>) n)
                .filter(c -> c.isVisible() && c.getText() != null
                        && bounds.contains(c.localToScene(c.getLayoutBounds()).getCenterX(),
                        c.localToScene(c.getLayoutBounds()).getCenterY()))
                .map(c -> c.getText().substring(c.getText().indexOf("  ") + 2)).toList();
    }

    @Test
    @Order(5)
    void aProfileRunOfNCountsNInvokesAndItsSharesAreOfTheMedians() throws Exception {
        robot.interact(() -> window.debugger().reset());
        stepAndWait(0);
        robot.interact(() -> window.showView("profile"));
        robot.clickOn("#profileRun");
        waitUntil(() -> window.workspace().timingsProperty().get() != null
                && !window.debugger().runningProperty().get()
                && window.profileView().shownTimings() == window.workspace().timingsProperty().get());
        var timings = window.workspace().timingsProperty().get();
        assertThat(timings.invokes()).as("Run 20 after a step: 20, not the stepped invoke too").isEqualTo(20);
        var rows = window.profileView().shownRows();
        double medianSum = rows.stream().mapToDouble(dev.tflmstudio.app.profile.ProfileRow::medianUs).sum();
        for (var r : rows) {
            assertThat(r.count()).isEqualTo(20);
            assertThat(r.share()).isCloseTo(100 * r.medianUs() / medianSum, org.assertj.core.data.Offset.offset(1e-9));
        }
        assertThat(window.workspace().opMetrics().get("SHARE")).as("the graph's share heat map, the same numbers")
                .containsExactly(rows.stream().sorted(java.util.Comparator.comparingInt(
                        dev.tflmstudio.app.profile.ProfileRow::op)).mapToDouble(
                        dev.tflmstudio.app.profile.ProfileRow::share).toArray());
    }

    @Test
    @Order(6)
    void theConsolesMenuCopiesEveryLineAndClearsThem() throws Exception {
        robot.interact(() -> window.workspace().log().warn("a line to paste into a bug report"));
        WaitForAsyncUtils.waitForFxEvents();
        openConsoleMenu();
        robot.clickOn("Copy All");
        String[] copied = new String[1];
        robot.interact(() -> copied[0] = javafx.scene.input.Clipboard.getSystemClipboard().getString());
        assertThat(copied[0]).as("every line, as shown").contains("  warning: a line to paste into a bug report\n")
                .hasLineCount(window.workspace().log().entries().size());
        openConsoleMenu();
        robot.clickOn("Clear");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.workspace().log().entries()).isEmpty();
        robot.interact(() -> window.workspace().log().info("after clearing"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.workspace().log().entries()).hasSize(1);
    }

    /**
     * The context-menu request a right click makes on a desktop (Monocle's headless mouse sends none), at the list's
     * centre; the menu's items are then clicked as a user does.
     */
    private void openConsoleMenu() {
        var list = robot.lookup("#consoleList").queryAs(javafx.scene.control.ListView.class);
        robot.interact(() -> {
            var b = list.getLayoutBounds();
            var screen = list.localToScreen(b.getCenterX(), b.getCenterY());
            list.fireEvent(new javafx.scene.input.ContextMenuEvent(
                    javafx.scene.input.ContextMenuEvent.CONTEXT_MENU_REQUESTED, b.getCenterX(), b.getCenterY(),
                    screen.getX(), screen.getY(), false, null));
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(list.getContextMenu().isShowing()).as("the console's menu").isTrue();
    }
}
