package dev.tflmstudio.app;

import static dev.tflmstudio.app.WindowFixture.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tflmstudio.app.workspace.Selection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.TreeView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The main flows of the desktop app, headless (Monocle), on one shared window to keep the run short: open a real
 * model, select an op in the outline and see it in graph and properties, step three ops and see the arena cursor
 * and the tensor viewer follow, then export.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StudioAppFlowTest {
    private static WindowFixture fixture;
    private static MainWindow window;
    private static Path model;
    private final FxRobot robot = new FxRobot();

    @BeforeAll
    static void start() throws Exception {
        model = WindowFixture.sharedModel("tflm-hello_world_int8.tflite");
        fixture = WindowFixture.show("app-test", 1280, 780);
        window = fixture.window();
    }

    @AfterAll
    static void stop() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    @Order(1)
    void opensAModelIntoOutlineGraphAndArena() throws Exception {
        robot.interact(() -> window.open(model));
        waitUntil(() -> window.workspace().model() != null && window.graphView().laidOutProperty().get()
                && window.workspace().planProperty().get() != null);

        TreeView<?> tree = robot.lookup("#outlineTree").queryAs(TreeView.class);
        assertThat(robot.lookup("#outlineTree").queryAs(TreeView.class).getRoot().getChildren()).hasSize(1);
        assertThat(tree.getRoot().getChildren().get(0).getChildren().get(0).getValue().toString())
                .contains("Operators (3)");
        assertThat(window.graphView().canvas().graph().graph().nodes())
                .as("3 ops plus one input and one output node").hasSize(5);
        assertThat(window.stage().getTitle()).startsWith("tflm-hello_world_int8.tflite");
    }

    @Test
    @Order(2)
    void colorsNodesAsAHeatMapOfMacsWithALegend() throws Exception {
        waitUntil(() -> window.workspace().opMetrics().containsKey("MACS"));
        robot.interact(() -> window.graphView().setColorMode(dev.tflmstudio.app.graph.ColorMode.MACS));
        javafx.scene.layout.VBox legend = robot.lookup("#graphLegend").queryAs(javafx.scene.layout.VBox.class);
        assertThat(((Label) legend.getChildren().get(0)).getText()).isEqualTo("MACs");
        assertThat(legend.getChildren()).as("title, colour ramp, min/max, no-data key").hasSize(4);
        robot.interact(() -> window.graphView().setColorMode(dev.tflmstudio.app.graph.ColorMode.OP_TYPE));
    }

    @Test
    @Order(3)
    void selectingAnOpInTheOutlineShowsItInGraphAndProperties() throws Exception {
        robot.clickOn("#outlineFilter").write("#1");
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.Node row = robot.lookup(n -> n instanceof Label l && "#1 FULLY_CONNECTED".equals(l.getText()))
                .query();
        robot.clickOn(row);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(window.workspace().selection()).isEqualTo(Selection.ofOp(0, 1));
        assertThat(robot.lookup("#propertiesTitle").queryAs(Label.class).getText())
                .isEqualTo("Operator #1 FULLY_CONNECTED");
        int node = window.graphView().canvas().graph().graph().nodeOfOp(1);
        assertThat(window.graphView().canvas().selectedNode()).isEqualTo(node);
        robot.interact(() -> robot.lookup("#outlineFilter").queryTextInputControl().clear());
    }

    @Test
    @Order(4)
    void steppingThreeOpsMovesTheArenaCursorAndUpdatesTheTensorViewer() throws Exception {
        int output = window.workspace().model().main().outputs().get(0);
        robot.interact(() -> {
            window.showView("tensors");
            window.workspace().select(Selection.ofTensor(0, output));
        });
        for (int i = 0; i < 3; i++) {
            robot.clickOn("#stepButton");
            int expected = i;
            waitUntil(() -> window.workspace().currentStepProperty().get() == expected
                    && !window.debugger().runningProperty().get());
        }
        waitUntil(() -> window.workspace().tensorValueProperty().get() != null);

        assertThat(window.arenaView().cursorTime()).as("op 2 ran at planner time 3").isEqualTo(3);
        assertThat(window.graphView().canvas().currentNode())
                .isEqualTo(window.graphView().canvas().graph().graph().nodeOfOp(2));
        assertThat(robot.lookup("#tensorHeader").queryAs(Label.class).getText()).contains("valid at this step");
        assertThat(window.workspace().timingsProperty().get().invokes()).isEqualTo(1);
    }

    @Test
    @Order(8)
    void tensorImageViewShowsA2dTensorAsAHeatMapOnePixelPerValue() throws Exception {
        var tensors = window.workspace().model().main().tensors();
        // hello_world's second FULLY_CONNECTED weights: a constant 16 × 16 int8 matrix.
        var weights = tensors.stream().filter(t -> t.hasData() && t.shape().rank() == 2
                && t.shape().toArray()[0] == 16 && t.shape().toArray()[1] == 16).findFirst().orElseThrow();
        robot.interact(() -> {
            window.showView("tensors");
            window.workspace().select(Selection.ofTensor(0, weights.index()));
        });
        waitUntil(() -> window.workspace().tensorValueProperty().get() != null
                && window.workspace().tensorValueProperty().get().tensor().index() == weights.index());
        javafx.scene.control.TabPane tabs = robot.lookup("#tensorTabs").queryAs(javafx.scene.control.TabPane.class);
        robot.interact(() -> tabs.getSelectionModel().select(tabs.getTabs().stream()
                .filter(t -> t.getText().equals("Image")).findFirst().orElseThrow()));

        javafx.scene.layout.Region image = robot.lookup("#tensorImage").queryAs(javafx.scene.layout.Region.class);
        assertThat(image.isVisible()).isTrue();
        javafx.scene.image.Image picture = ((javafx.scene.image.ImageView) image.getChildrenUnmodifiable().get(0))
                .getImage();
        // Each value is a flat block of s x s pixels.
        int s = (int) picture.getWidth() / 16;
        assertThat(s).isPositive();
        assertThat(picture.getWidth()).isEqualTo(16 * s);
        assertThat(picture.getHeight()).isEqualTo(16 * s);
        var value = window.workspace().tensorValueProperty().get();
        int lo = 0;
        int hi = 0;
        for (int i = 1; i < 256; i++) {
            lo = value.value(i) < value.value(lo) ? i : lo;
            hi = value.value(i) > value.value(hi) ? i : hi;
        }
        var pixels = picture.getPixelReader();
        assertThat(sameColour(pixels.getColor(lo % 16 * s + s / 2, lo / 16 * s + s / 2),
                dev.tflmstudio.app.graph.NodeColors.heat(0))).as("the smallest value is the cold end").isTrue();
        assertThat(sameColour(pixels.getColor(hi % 16 * s + s / 2, hi / 16 * s + s / 2),
                dev.tflmstudio.app.graph.NodeColors.heat(1))).as("the largest value is the hot end").isTrue();
        assertThat(robot.lookup("#tensorTabs").lookup(".spinner").queryAs(javafx.scene.control.Spinner.class)
                .isDisabled()).as("one channel: no channel to pick").isTrue();
    }

    @Test
    @Order(9)
    void profileShowsStatisticsOverInvocationsSortableWithShareOfTotal() throws Exception {
        robot.interact(() -> window.showView("profile"));
        robot.clickOn("#profileRun");
        waitUntil(() -> window.workspace().timingsProperty().get() != null
                && window.workspace().timingsProperty().get().invokes() == 20
                && !window.debugger().runningProperty().get()
                // the rows are computed off the FX thread, after the timings arrive
                && window.profileView().shownTimings() == window.workspace().timingsProperty().get());

        var timings = window.workspace().timingsProperty().get();
        var rows = window.profileView().shownRows();
        assertThat(rows).hasSize(3);
        for (var r : rows) {
            var expected = dev.tflmstudio.profiler.run.OpStats.of(timings.micros(r.op()));
            assertThat(r.count()).as("the run's 20 invokes, not the one stepped through before").isEqualTo(20);
            assertThat(r.firstUs()).as("the first invoke apart").isEqualTo(timings.micros(r.op()).get(0));
            assertThat(new double[] {r.minUs(), r.medianUs(), r.p95Us(), r.maxUs()}).as("the profiler's statistics")
                    .containsExactly(expected.minMicros(), expected.medianMicros(), expected.p95Micros(),
                            expected.maxMicros());
            assertThat(r.minUs()).isLessThanOrEqualTo(r.medianUs());
            assertThat(r.medianUs()).isLessThanOrEqualTo(r.p95Us());
            assertThat(r.p95Us()).isLessThanOrEqualTo(r.maxUs());
        }
        assertThat(rows.stream().mapToDouble(dev.tflmstudio.app.profile.ProfileRow::share).sum())
                .isCloseTo(100.0, org.assertj.core.data.Offset.offset(1e-6));

        @SuppressWarnings("unchecked")
        javafx.scene.control.TableView<dev.tflmstudio.app.profile.ProfileRow> table =
                robot.lookup("#profileTable").queryAs(javafx.scene.control.TableView.class);
        var median = table.getColumns().stream().filter(c -> c.getText().equals("Median µs")).findFirst()
                .orElseThrow();
        robot.interact(() -> {
            median.setSortType(javafx.scene.control.TableColumn.SortType.DESCENDING);
            table.getSortOrder().setAll(java.util.List.of(median));
        });
        var sorted = window.profileView().shownRows();
        for (int i = 1; i < sorted.size(); i++) {
            assertThat(sorted.get(i).medianUs()).isLessThanOrEqualTo(sorted.get(i - 1).medianUs());
        }
        assertThat(robot.lookup("#profileSummary").queryAs(Label.class).getText()).startsWith("20 invoke(s)");
        robot.interact(() -> table.getSortOrder().clear());
    }

    @Test
    @Order(10)
    void aReplayedBoardShowsItsMeasuredArenaAndPerOpStatistics(@TempDir Path dir) throws Exception {
        // What a board running hello_world prints: RecordingMicroAllocator's totals, then MicroProfiler::Log() of
        // three invokes (the first one cold).
        Path capture = dir.resolve("board.txt");
        Files.writeString(capture, String.join("\n",
                "[RecordingMicroAllocator] Arena allocation total 1392 bytes",
                "[RecordingMicroAllocator] Arena allocation head 32 bytes",
                "[RecordingMicroAllocator] Arena allocation tail 1360 bytes",
                "FULLY_CONNECTED took 10 ticks (0 ms).", "FULLY_CONNECTED took 4 ticks (0 ms).",
                "FULLY_CONNECTED took 4 ticks (0 ms).",
                "FULLY_CONNECTED took 4 ticks (0 ms).", "FULLY_CONNECTED took 5 ticks (0 ms).",
                "FULLY_CONNECTED took 4 ticks (0 ms).",
                "FULLY_CONNECTED took 4 ticks (0 ms).", "FULLY_CONNECTED took 4 ticks (0 ms).",
                "FULLY_CONNECTED took 6 ticks (0 ms).", "done", ""));
        robot.interact(() -> window.boardView().replay(capture));
        waitUntil(() -> window.workspace().boardSummaryProperty().get() != null
                && window.workspace().boardSummaryProperty().get().matchedInvocations() == 3
                && window.workspace().boardArenaProperty().get() != null
                && window.workspace().boardArenaProperty().get().tailBytes() == 1360
                && window.profileView().shownRows().stream().allMatch(r -> r.boardCount() == 3));

        robot.interact(() -> window.showView("arena"));
        assertThat(window.arenaView().boardText()).isEqualTo("board: head 32 B, tail 1,360 B, total 1,392 B;"
                + " predicted (tflm planner, host64) head 32 B, tail 1,360 B, total 1,392 B · head as predicted");
        assertThat(window.arenaView().measuredHeadMarker()).isEqualTo(32);

        var rows = window.profileView().shownRows();
        assertThat(rows).extracting(dev.tflmstudio.app.profile.ProfileRow::boardCount).containsOnly(3);
        assertThat(rows).extracting(dev.tflmstudio.app.profile.ProfileRow::boardFirst)
                .as("first invocation apart, in ticks (no device clock chosen)").containsExactly(10.0, 4.0, 4.0);
        assertThat(rows).extracting(dev.tflmstudio.app.profile.ProfileRow::boardMedian)
                .as("steady median: lower middle of the later two").containsExactly(4.0, 4.0, 4.0);
        assertThat(rows).extracting(dev.tflmstudio.app.profile.ProfileRow::boardP95)
                .containsExactly(4.0, 5.0, 6.0);
        assertThat(robot.lookup("#profileSummary").queryAs(Label.class).getText())
                .contains("board: 3 matched invocation(s), ticks (no device clock)");
    }

    @Test
    @Order(10)
    void aReplayWithTheBoardsDeviceProfileShowsBoardTimesInMicroseconds(@TempDir Path dir) throws Exception {
        Path capture = dir.resolve("board.txt");
        Files.writeString(capture, String.join("\n",
                "FULLY_CONNECTED took 640 ticks (0 ms).", "FULLY_CONNECTED took 64 ticks (0 ms).",
                "FULLY_CONNECTED took 128 ticks (0 ms).",
                "FULLY_CONNECTED took 64 ticks (0 ms).", "FULLY_CONNECTED took 64 ticks (0 ms).",
                "FULLY_CONNECTED took 128 ticks (0 ms).", "done", ""));
        java.util.concurrent.CompletableFuture<?>[] replay = new java.util.concurrent.CompletableFuture<?>[1];
        robot.interact(() -> {
            // What `tflm-studio --replay FILE --device ID MODEL` does once the model is open; the device profiles
            // load in the background, and the replay waits for them.
            window.loadDevices(null);
            replay[0] = window.replayBoard(capture, "arduino-nano-33-ble-sense");
        });
        waitUntil(() -> replay[0].isDone() && window.profileView().shownRows().stream()
                .allMatch(r -> r.boardCount() == 2));

        var rows = window.profileView().shownRows();
        assertThat(rows).extracting(dev.tflmstudio.app.profile.ProfileRow::boardFirst)
                .as("ticks of the board's 64 MHz core clock, in µs").containsExactly(10.0, 1.0, 2.0);
        assertThat(robot.lookup("#profileSummary").queryAs(Label.class).getText())
                .contains("board: 2 matched invocation(s)").doesNotContain("no device clock");
        assertThat(robot.lookup("#boardState").queryAs(Label.class).getText()).isEqualTo("Replayed board.txt");
    }

    @Test
    @Order(11)
    void tensorImageViewShowsOneChannelOf3dDataAtATime() throws Exception {
        Path person = model.resolveSibling("tflm-person_detect_int8.tflite");
        Assumptions.assumeTrue(Files.isRegularFile(person), "person_detect not available");
        robot.interact(() -> window.open(person));
        waitUntil(() -> window.workspace().model() != null
                && person.equals(window.workspace().modelPathProperty().get()));
        // A depthwise filter [1, 3, 3, 8]: after dropping the leading 1 it is 3 rows × 3 columns × 8 channels.
        var filter = window.workspace().model().main().tensors().stream().filter(t -> t.hasData()
                && java.util.Arrays.equals(t.shape().toArray(), new int[] {1, 3, 3, 8})).findFirst().orElseThrow();
        robot.interact(() -> {
            window.showView("tensors");
            window.workspace().select(Selection.ofTensor(0, filter.index()));
        });
        waitUntil(() -> window.workspace().tensorValueProperty().get() != null
                && window.workspace().tensorValueProperty().get().tensor().index() == filter.index());
        javafx.scene.control.TabPane tabs = robot.lookup("#tensorTabs").queryAs(javafx.scene.control.TabPane.class);
        robot.interact(() -> tabs.getSelectionModel().select(tabs.getTabs().stream()
                .filter(t -> t.getText().equals("Image")).findFirst().orElseThrow()));
        @SuppressWarnings("unchecked")
        javafx.scene.control.Spinner<Integer> channel = robot.lookup("#tensorTabs").lookup(".spinner")
                .queryAs(javafx.scene.control.Spinner.class);
        assertThat(channel.isDisabled()).isFalse();
        robot.interact(() -> channel.getValueFactory().setValue(5));
        WaitForAsyncUtils.waitForFxEvents();

        javafx.scene.layout.Region image = robot.lookup("#tensorImage").queryAs(javafx.scene.layout.Region.class);
        javafx.scene.image.Image picture = ((javafx.scene.image.ImageView) image.getChildrenUnmodifiable().get(0))
                .getImage();
        int s = (int) picture.getWidth() / 3;
        assertThat(s).isPositive();
        assertThat(picture.getWidth()).isEqualTo(3 * s);
        assertThat(picture.getHeight()).isEqualTo(3 * s);
        var value = window.workspace().tensorValueProperty().get();
        // NHWC: pixel (row r, column c) of channel 5 is element (r * 3 + c) * 8 + 5.
        int lo = 0;
        int hi = 0;
        for (int p = 1; p < 9; p++) {
            lo = value.value(p * 8 + 5) < value.value(lo * 8 + 5) ? p : lo;
            hi = value.value(p * 8 + 5) > value.value(hi * 8 + 5) ? p : hi;
        }
        var pixels = picture.getPixelReader();
        assertThat(sameColour(pixels.getColor(lo % 3 * s + s / 2, lo / 3 * s + s / 2),
                dev.tflmstudio.app.graph.NodeColors.heat(0))).isTrue();
        assertThat(sameColour(pixels.getColor(hi % 3 * s + s / 2, hi / 3 * s + s / 2),
                dev.tflmstudio.app.graph.NodeColors.heat(1))).isTrue();
    }

    @Test
    @Order(12)
    void aProfileRunOfTheChosenCountShowsProgressAndItsButtonStopsIt() throws Exception {
        robot.interact(() -> window.showView("profile"));
        @SuppressWarnings("unchecked")
        javafx.scene.control.ComboBox<Integer> count = robot.lookup("#profileRunCount")
                .queryAs(javafx.scene.control.ComboBox.class);
        javafx.scene.control.Button run = robot.lookup("#profileRun").queryAs(javafx.scene.control.Button.class);
        javafx.scene.control.ProgressBar progress = robot.lookup("#profileRunProgress")
                .queryAs(javafx.scene.control.ProgressBar.class);
        var before = window.workspace().timingsProperty().get();
        int invokesBefore = before == null ? 0 : before.invokes();
        org.controlsfx.control.StatusBar status = robot.lookup("#statusBar")
                .queryAs(org.controlsfx.control.StatusBar.class);
        String[] whileRunning = new String[2];
        boolean[] progressShown = new boolean[1];

        robot.interact(() -> {
            count.setValue(10_000);
            run.fire();
            whileRunning[0] = run.getText();
            whileRunning[1] = status.getText();
            progressShown[0] = progress.isVisible();
            run.fire();
        });
        waitUntil(() -> !window.debugger().runningProperty().get() && !progress.isVisible()
                && window.profileView().shownTimings() == window.workspace().timingsProperty().get());

        assertThat(whileRunning[0]).isEqualTo("Stop");
        assertThat(whileRunning[1]).as("the status bar follows the run").startsWith("Running invokes: ")
                .endsWith(" of 10,000");
        assertThat(progressShown[0]).isTrue();
        assertThat(status.getText()).as("back to the model's line once the run ended").doesNotContain("Running");
        var after = window.workspace().timingsProperty().get();
        assertThat(after == null ? 0 : after.invokes() - invokesBefore).as("stopped long before 10,000 invokes")
                .isLessThan(10_000);
        assertThat(run.getText()).isEqualTo("Run 10,000 invokes");
        assertThat(count.isDisabled()).isFalse();
    }

    @Test
    @Order(5)
    void exportsGraphTensorProfileAndPlanReport(@TempDir Path dir) throws Exception {
        Path svg = dir.resolve("graph.svg");
        Path png = dir.resolve("graph.png");
        Path npy = dir.resolve("out.npy");
        Path csv = dir.resolve("profile.csv");
        Path report = dir.resolve("plan.html");
        Path json = dir.resolve("plan.json");
        robot.interact(() -> {
            try {
                window.exportPlanReport(report);
                window.exportPlanReport(json);
                window.graphView().exportSvg(svg);
                window.graphView().exportPng(png);
                window.tensorView().exportNpy(npy);
                window.profileView().exportCsv(csv);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertThat(Files.readString(svg)).startsWith("<svg").contains("FULLY_CONNECTED").endsWith("</svg>\n");
        byte[] pngBytes = Files.readAllBytes(png);
        assertThat(new String(pngBytes, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
        byte[] npyBytes = Files.readAllBytes(npy);
        assertThat(new String(npyBytes, 1, 5, StandardCharsets.US_ASCII)).isEqualTo("NUMPY");
        assertThat(Files.readAllLines(csv)).hasSize(4).first().asString()
                .startsWith("op,name,count,first_us,min_us,median_us,p95_us,max_us,share_percent");
        assertThat(Files.readString(report)).containsIgnoringCase("<html");
        assertThat(Files.readString(json).strip()).startsWith("{").endsWith("}");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no temporary files left")
                    .containsExactlyInAnyOrder("graph.svg", "graph.png", "out.npy", "profile.csv", "plan.html",
                            "plan.json");
        }
    }


    @Test
    @Order(6)
    void attachesToAVirtualBoardOnAPseudoTerminalAndSeesLatenciesArrive() throws Exception {
        Assumptions.assumeTrue(dev.tflmstudio.app.board.PseudoTerminalPair.available(), "socat not installed");
        try (var cable = dev.tflmstudio.app.board.PseudoTerminalPair.open()) {
            // The window reads the host end; this test plays the board on the other.
            Path board = cable.host();
            Path device = cable.board();
            robot.interact(() -> window.showView("board"));
            robot.interact(() -> robot.lookup("#boardPort").queryAs(javafx.scene.control.ComboBox.class)
                    .getEditor().setText(board.toString()));
            robot.clickOn("#boardConnect");
            waitUntil(() -> robot.lookup("#boardState").queryAs(Label.class).getText().contains("Connected"));

            // What TFLM's MicroProfiler::Log() prints on a board for two invokes of the 3-op model.
            String log = "FULLY_CONNECTED took 4 ticks (0 ms).\n".repeat(3) + "FULLY_CONNECTED took 5 ticks (0 ms).\n"
                    + "FULLY_CONNECTED took 4 ticks (0 ms).\n".repeat(2) + "done\n";
            Files.write(device, log.getBytes(StandardCharsets.US_ASCII));
            waitUntil(() -> robot.lookup("#boardSummary").queryAs(Label.class).getText().startsWith("Invocation"));

            assertThat(robot.lookup("#boardSummary").queryAs(Label.class).getText()).contains("ticks");
            assertThat(robot.lookup("#boardOps").queryAs(javafx.scene.control.TableView.class).getItems())
                    .hasSize(3);
            robot.clickOn("#boardConnect");
            waitUntil(() -> robot.lookup("#boardState").queryAs(Label.class).getText().equals("Disconnected"));
        }
    }

    @Test
    @Order(7)
    void aFileThatIsNotAModelIsReportedAndTheOpenModelStays(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("notes.tflite");
        Files.writeString(bad, "not a flatbuffer");
        var before = window.workspace().model();
        robot.interact(() -> window.open(bad));
        waitUntil(() -> window.workspace().log().entries().stream()
                .anyMatch(e -> e.level() == dev.tflmstudio.app.workspace.LogEntry.Level.ERROR
                        && e.message().startsWith("Opening notes.tflite failed: ")));
        assertThat(window.workspace().model()).isSameAs(before);
        robot.interact(() -> javafx.stage.Window.getWindows().stream()
                .filter(w -> w != window.stage()).toList().forEach(javafx.stage.Window::hide));
    }

    @Test
    @Order(13)
    void theVirtualBoardButtonRunsTheOpenModelOnAPseudoTerminalAndConnects() throws Exception {
        Assumptions.assumeTrue(dev.tflmstudio.app.board.PseudoTerminalPair.available(), "socat not installed");
        robot.interact(() -> window.open(model));
        waitUntil(() -> window.workspace().model() != null
                && window.workspace().modelPathProperty().get().equals(model));
        robot.interact(() -> window.showView("board"));

        robot.clickOn("#boardVirtual");
        waitUntil(() -> robot.lookup("#boardState").queryAs(Label.class).getText().contains("Connected")
                && robot.lookup("#boardSummary").queryAs(Label.class).getText().startsWith("Invocation"));
        Path host = Path.of(robot.lookup("#boardPort").queryAs(javafx.scene.control.ComboBox.class).getEditor()
                .getText());
        assertThat(host.getFileName().toString()).isEqualTo("host");
        assertThat(robot.lookup("#boardOps").queryAs(javafx.scene.control.TableView.class).getItems())
                .as("one row per op of hello_world, as the virtual board prints them").hasSize(3);
        assertThat(window.workspace().boardSummaryProperty().get().matchedInvocations()).isPositive();

        robot.clickOn("#boardConnect");
        waitUntil(() -> robot.lookup("#boardState").queryAs(Label.class).getText().equals("Disconnected"));
        // The port and the virtual board close in the background (no I/O on the FX thread).
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !Files.exists(host));
        assertThat(host).as("disconnecting stops the virtual board and removes its cable").doesNotExist();
    }

    /** The planner bar's kernel picker replans for a CMSIS-NN Cortex-M build; a board's arena uses its kernels. */
    @Test
    @Order(14)
    void theKernelPickerPlansForCmsisNnAndTheBoardLineUsesTheDevicesKernels(@TempDir Path dir) throws Exception {
        robot.interact(() -> window.open(model));
        waitUntil(() -> window.workspace().model() != null && window.workspace().planProperty().get() != null);
        robot.interact(() -> window.showView("arena"));
        @SuppressWarnings("unchecked")
        javafx.scene.control.ComboBox<dev.tflmstudio.runtime.plan.KernelSet> picker =
                robot.lookup("#arenaKernels").queryAs(javafx.scene.control.ComboBox.class);
        robot.interact(() -> picker.setValue(dev.tflmstudio.runtime.plan.KernelSet.CMSIS_NN));
        waitUntil(() -> window.workspace().planProperty().get() != null && window.workspace().planProperty().get()
                .kernels() == dev.tflmstudio.runtime.plan.KernelSet.CMSIS_NN);
        assertThat(window.workspace().planProperty().get().target()).isEqualTo(
                dev.tflmstudio.runtime.plan.Target.MCU32);
        // hello_world int8 as a Cortex-M4F firmware with CMSIS-NN prints this (ref-arm32-cmsis)
        Path capture = dir.resolve("board.txt");
        Files.writeString(capture, String.join("\n",
                "[RecordingMicroAllocator] Arena allocation total 868 bytes",
                "[RecordingMicroAllocator] Arena allocation head 32 bytes",
                "[RecordingMicroAllocator] Arena allocation tail 836 bytes",
                "FULLY_CONNECTED took 640 ticks (0 ms).", "FULLY_CONNECTED took 64 ticks (0 ms).",
                "FULLY_CONNECTED took 128 ticks (0 ms).", "done", ""));
        java.util.concurrent.CompletableFuture<?>[] replay = new java.util.concurrent.CompletableFuture<?>[1];
        // the device profiles were loaded by an earlier test (reloading them would clear the board's choice)
        waitUntil(() -> !window.workspace().devices().isEmpty());
        robot.interact(() -> replay[0] = window.replayBoard(capture, "arduino-nano-33-ble-sense"));
        waitUntil(() -> replay[0].isDone() && window.workspace().boardArenaProperty().get() != null
                && window.workspace().boardArenaProperty().get().tailBytes() == 836);
        robot.interact(() -> window.showView("arena"));
        assertThat(window.arenaView().boardText()).isEqualTo("board: head 32 B, tail 836 B, total 868 B;"
                + " predicted (tflm planner, mcu32, cmsis-nn) head 32 B, tail 836 B, total 868 B · head as predicted");
        robot.interact(() -> picker.setValue(dev.tflmstudio.runtime.plan.KernelSet.REFERENCE));
        waitUntil(() -> window.workspace().planProperty().get().kernels()
                == dev.tflmstudio.runtime.plan.KernelSet.REFERENCE);
    }

    /** The same 8-bit colour (a picture holds 8 bits per channel). */
    private static boolean sameColour(javafx.scene.paint.Color a, javafx.scene.paint.Color b) {
        double tolerance = 0.6 / 255;
        return Math.abs(a.getRed() - b.getRed()) < tolerance && Math.abs(a.getGreen() - b.getGreen()) < tolerance
                && Math.abs(a.getBlue() - b.getBlue()) < tolerance;
    }
}
