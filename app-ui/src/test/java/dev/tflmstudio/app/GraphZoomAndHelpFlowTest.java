package dev.tflmstudio.app;

import static dev.tflmstudio.app.WindowFixture.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tflmstudio.app.graph.GraphCanvas;
import dev.tflmstudio.runtime.samples.SyntheticModels;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.geometry.Point2D;
import javafx.scene.control.DialogPane;
import javafx.scene.control.MenuBar;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.Background;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import javafx.stage.Window;
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
 * A tall 84-op chain in a 1024x640 window: fit to width makes it readable, a zoom box zooms into the dragged
 * rectangle; Help lists every shortcut the menus have and the README's sections, in the dark theme when it is on.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GraphZoomAndHelpFlowTest {
    private static WindowFixture fixture;
    private static MainWindow window;
    private final FxRobot robot = new FxRobot();

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("chain84.tflite");
        Files.write(model, SyntheticModels.chain(84).build());
        fixture = WindowFixture.show("app-test-zoom-help", 1024, 640, w -> w.showView("graph"));
        window = fixture.window();
        new FxRobot().interact(() -> window.open(model));
        waitUntil(() -> window.workspace().model() != null && window.graphView().laidOutProperty().get());
    }

    @AfterAll
    static void stop() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    @Order(1)
    void fitToWidthMakesATallChainReadableWhereFittingItWholeCannot() {
        GraphCanvas canvas = window.graphView().canvas();
        robot.interact(canvas::fit);
        double whole = canvas.scale();
        robot.clickOn("#graphFitWidth");
        WaitForAsyncUtils.waitForFxEvents();
        double expected = Math.min(1, canvas.getWidth() * 0.95 / canvas.graph().width());
        assertThat(canvas.scale()).isCloseTo(expected, within(1e-9));
        assertThat(canvas.scale()).as("fitted whole, 84 ops are too small to read").isGreaterThan(3 * whole);
    }

    @Test
    @Order(2)
    void aZoomBoxZoomsIntoTheDraggedRectangle() {
        GraphCanvas canvas = window.graphView().canvas();
        robot.interact(canvas::fit);
        double before = canvas.scale();
        robot.clickOn("#graphZoomBoxButton");
        Point2D centre = canvas.localToScreen(canvas.getWidth() / 2, canvas.getHeight() / 2);
        Point2D graphPointThere = canvas.viewCentre();
        robot.moveTo(centre.add(-30, -30)).press(MouseButton.PRIMARY).moveTo(centre.add(0, 0))
                .moveTo(centre.add(30, 30)).release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        double factor = Math.min(canvas.getWidth(), canvas.getHeight()) / 60;
        assertThat(canvas.scale()).isCloseTo(Math.min(4, before * factor), within(before * factor * 0.05));
        assertThat(canvas.viewCentre().distance(graphPointThere)).as("the box's centre is now the view's centre")
                .isLessThan(5 / before);
        assertThat(robot.lookup("#graphZoomBoxButton").queryAs(ToggleButton.class).isSelected())
                .as("the button is for one box").isFalse();
    }

    @Test
    @Order(3)
    void aClickInTheMinimapCentresTheWindowOnThatPartOfTheGraph() {
        GraphCanvas canvas = window.graphView().canvas();
        robot.clickOn("#graphFitWidth");
        robot.interact(canvas::showStart);
        WaitForAsyncUtils.waitForFxEvents();
        double gw = canvas.graph().width();
        double gh = canvas.graph().height();
        assertThat(canvas.viewCentre().getY()).as("the start shows the top").isLessThan(gh / 4);
        // the minimap: its longer side 180 px, 12 px from the canvas's bottom-right corner; a click 90% down it
        double ms = Math.min(180 / gw, 180 / gh);
        double x = canvas.getWidth() - 12 - gw * ms / 2;
        double y = canvas.getHeight() - 12 - gh * ms * 0.1;
        robot.clickOn(canvas.localToScreen(x, y));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(canvas.viewCentre().getY()).isCloseTo(0.9 * gh, within(0.02 * gh));
        // the chain's minimap is a few pixels wide: the robot's click lands within 2 of them
        assertThat(canvas.viewCentre().getX()).isCloseTo(gw / 2, within(2 / ms));
        assertThat(canvas.selectedNode()).as("a click in the minimap selects nothing").isEqualTo(-1);
    }

    @Test
    @Order(4)
    void helpListsEveryMenuShortcutInTheWindowsTheme() throws Exception {
        robot.interact(() -> window.setDark(true));
        robot.clickOn("Help").clickOn("Keyboard Shortcuts");
        WaitForAsyncUtils.waitForFxEvents();
        @SuppressWarnings("unchecked")
        TableView<HelpDialogs.Shortcut> table = robot.lookup("#helpShortcuts").queryAs(TableView.class);
        assertThat(table.getItems()).contains(new HelpDialogs.Shortcut("Run > Step", "F10"),
                new HelpDialogs.Shortcut("Run > Toggle Breakpoint", "F9"),
                new HelpDialogs.Shortcut("Help > User Guide", "F1"));
        assertThat(table.getItems()).extracting(HelpDialogs.Shortcut::keys).anyMatch(k -> k.startsWith("Shift+drag"));
        long accelerators = countAccelerators(robot.lookup("#menuBar").queryAs(MenuBar.class));
        assertThat(table.getItems()).hasSize((int) accelerators + 5);

        DialogPane pane = (DialogPane) table.getScene().getRoot();
        assertThat(pane.getStyleClass()).contains("studio-root", "dark");
        Background bg = pane.getBackground();
        Color fill = (Color) bg.getFills().get(0).getFill();
        assertThat(fill.getBrightness()).as("a dark dialog in the dark theme, not a light one").isLessThan(0.35);
        robot.interact(() -> ((Stage) table.getScene().getWindow()).close());
    }

    @Test
    @Order(5)
    void theUserGuideHasTheReadmesSections() {
        robot.interact(() -> window.setDark(false));
        robot.press(javafx.scene.input.KeyCode.F1).release(javafx.scene.input.KeyCode.F1);
        WaitForAsyncUtils.waitForFxEvents();
        @SuppressWarnings("unchecked")
        var titles = (javafx.scene.control.ListView<String>) robot.lookup("#helpGuideSections").query();
        assertThat(titles.getItems()).contains("Quick start", "The desktop app",
                "Memory plan and arena size before flashing");
        assertThat(titles.getSelectionModel().getSelectedItem()).isEqualTo("The desktop app");
        assertThat(robot.lookup("#helpGuideText").queryAs(javafx.scene.control.TextArea.class).getText())
                .contains("Collapse chains").doesNotContain("## ");
        Window w = titles.getScene().getWindow();
        assertThat(titles.getScene().getRoot().getStyleClass()).contains("light");
        robot.interact(() -> ((Stage) w).close());
    }

    private static long countAccelerators(MenuBar bar) {
        long n = 0;
        for (var m : bar.getMenus()) {
            n += count(m);
        }
        return n;
    }

    private static long count(javafx.scene.control.Menu m) {
        long n = 0;
        for (var item : m.getItems()) {
            if (item instanceof javafx.scene.control.Menu sub) {
                n += count(sub);
            } else if (item.getAccelerator() != null) {
                n++;
            }
        }
        return n;
    }
}
