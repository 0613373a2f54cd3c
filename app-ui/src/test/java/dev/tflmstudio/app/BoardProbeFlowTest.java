package dev.tflmstudio.app;

import static dev.tflmstudio.app.WindowFixture.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tflmstudio.app.board.ProbeSessionModel;
import dev.tflmstudio.app.workspace.BoardProbe;
import dev.tflmstudio.app.workspace.Selection;
import dev.tflmstudio.profiler.overlay.OverlayFormat;
import dev.tflmstudio.profiler.overlay.OverlayMetric;
import dev.tflmstudio.serial.qemu.QemuBoard;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Board window's debug-probe mode on real firmware: stock TFLM person_detect on QEMU's Cortex-M4 board, reached
 * through QEMU's GDB stub by a real GDB. F10 steps the board; the graph, the tensors and the arena windows show what
 * it computed beside the local runtime; closing the app leaves the board running.
 */
class BoardProbeFlowTest {
    private static WindowFixture fixture;
    private static MainWindow window;
    private static Path model;
    private final FxRobot robot = new FxRobot();

    @BeforeAll
    static void start() throws Exception {
        Path shared = QemuBoard.assumeShared();
        QemuBoard.assumeQemu();
        QemuBoard.assumeGdb();
        model = shared.resolve("models").resolve("tflm-person_detect_int8.tflite");
        Assumptions.assumeTrue(Files.isRegularFile(model), "person_detect not in the shared models");
        fixture = WindowFixture.show("board-probe-test", 1280, 780);
        window = fixture.window();
        new FxRobot().interact(() -> window.open(model));
        waitUntil(() -> window.workspace().model() != null && window.graphView().laidOutProperty().get(), 120);
    }

    @AfterAll
    static void stop() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    private BoardProbe board() {
        return window.workspace().boardProbeProperty().get();
    }

    /**
     * With {@code -Dtflm.screenshots=DIR}: the attached board in the Board window and the graph, at two window sizes,
     * as PNGs to look at (the README's board-debug screenshot is chosen from them).
     */
    private void screenshots() throws Exception {
        String dir = System.getProperty("tflm.screenshots");
        if (dir == null) {
            return;
        }
        Files.createDirectories(Path.of(dir));
        for (int[] size : new int[][] {{1366, 768}, {1024, 640}}) {
            for (String view : new String[] {"board", "graph", "tensors", "arena"}) {
                robot.interact(() -> {
                    window.stage().setWidth(size[0]);
                    window.stage().setHeight(size[1]);
                    window.showView(view);
                });
                if (view.equals("tensors")) {
                    robot.interact(() -> {
                        var tabs = robot.lookup("#tensorTabs").queryAs(javafx.scene.control.TabPane.class);
                        tabs.getSelectionModel().select(tabs.getTabs().size() - 1);
                    });
                }
                Thread.sleep(300);
                WaitForAsyncUtils.waitForFxEvents();
                Path file = Path.of(dir, "board-debug-" + view + "-" + size[0] + "x" + size[1] + ".png");
                robot.interact(() -> {
                    var img = window.stage().getScene().snapshot(null);
                    try {
                        javax.imageio.ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(img, null), "png",
                                file.toFile());
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
            }
        }
    }

    /** File > Export > Overlay after three steps: the three ops the probe compared, equal, with error 0. */
    private void overlaysCarryTheBoardVsLocalErrorOfTheOpsCompared() throws Exception {
        Path netron = Files.createTempFile("person", ".netron.json");
        Path explorer = Files.createTempFile("person", ".model-explorer.json");
        try {
            long before = window.workspace().log().entries().stream()
                    .filter(e -> e.message().startsWith("Exported ")).count();
            robot.interact(() -> {
                window.exportOverlay(netron, OverlayFormat.NETRON, OverlayMetric.LOCAL_US);
                window.exportOverlay(explorer, OverlayFormat.MODEL_EXPLORER, OverlayMetric.BOARD_MAX_ABS_ERROR);
            });
            waitUntil(() -> window.workspace().log().entries().stream()
                    .filter(e -> e.message().startsWith("Exported ")).count() >= before + 2, 60);
            var json = new com.fasterxml.jackson.databind.ObjectMapper();
            var results = json.readTree(explorer.toFile()).get("main").get("results");
            java.util.List<String> ids = new java.util.ArrayList<>();
            results.fieldNames().forEachRemaining(ids::add);
            assertThat(ids).as("the ops the board ran").containsExactly("0", "1", "2");
            results.forEach(r -> assertThat(r.get("value").asDouble()).isZero());
            var attachment = json.readTree(netron.toFile());
            java.util.Map<String, com.fasterxml.jackson.databind.JsonNode> equal = new java.util.TreeMap<>();
            for (var item : attachment.get("metrics")) {
                if (item.get("name").asText().equals("board outputs equal local")) {
                    equal.put(item.get("identifier").asText(), item.get("value"));
                }
            }
            assertThat(equal).containsOnlyKeys("0", "1", "2");
            equal.values().forEach(v -> assertThat(v.isBoolean() && v.asBoolean()).isTrue());
            assertThat(attachment.get("metadata").toString()).contains("debug probe at " + board().server())
                    .contains(", 3 ops compared");
        } finally {
            Files.deleteIfExists(netron);
            Files.deleteIfExists(explorer);
        }
    }

    @Test
    void f10StepsTheBoardAndTheWindowsShowItBesideTheLocalRuntimeThenTheAppLeavesItRunning() throws Exception {
        Path elf = QemuBoard.firmware("person_detect_reference.elf");
        try (QemuBoard qemu = QemuBoard.debuggable(elf)) {
            robot.interact(() -> {
                window.showView("board");
                window.boardView().showProbeMode(true);
            });
            // An attach cancelled from the status bar ends cleanly and lets go of the GDB stub (QEMU's takes one
            // client): the attach below connects. (QEMU's -S core is still at its reset halt here.)
            // Cancelled once GDB is starting (the call runs on the session thread): GDB's commands are never cut
            // short, so the attach itself must see the cancel and let go.
            ProbeSessionModel[] cancelled = new ProbeSessionModel[1];
            javafx.concurrent.Task<?>[] attaching = new javafx.concurrent.Task<?>[1];
            robot.interact(() -> {
                cancelled[0] = window.boardView().attach(new dev.tflmstudio.serial.probe.ProbeTarget(
                        qemu.gdbServer(), elf, null, null));
                attaching[0] = window.work().currentProperty().get();
            });
            waitUntil(() -> WaitForAsyncUtils.asyncFx(
                    () -> attaching[0].getState() == javafx.concurrent.Worker.State.RUNNING).get(), 30);
            robot.interact(() -> attaching[0].cancel(true));
            waitUntil(() -> cancelled[0].phaseProperty().get() == ProbeSessionModel.Phase.FAILED, 60);
            assertThat(window.boardView().probeStatus()).isEqualTo("Attach cancelled");
            assertThat(cancelled[0].closedFuture()).succeedsWithin(java.time.Duration.ofSeconds(10));
            // the screenshots show the attach below, not the cancelled one (the console's Clear, as a user would)
            robot.interact(() -> window.workspace().log().clear());

            robot.interact(() -> {
                robot.lookup("#probeServer").queryTextInputControl().setText(qemu.gdbServer());
                robot.lookup("#probeElf").queryTextInputControl().setText(elf.toAbsolutePath().normalize().toString());
            });
            robot.clickOn("#probeAttach");
            ProbeSessionModel probe = window.boardView().probeSessionProperty().get();
            waitUntil(() -> probe.phaseProperty().get() != ProbeSessionModel.Phase.ATTACHING, 120);
            assertThat(probe.phaseProperty().get()).as(window.boardView().probeStatus())
                    .isEqualTo(ProbeSessionModel.Phase.ATTACHED);
            assertThat(window.boardView().probeArena()).contains("proven").doesNotContain("not proven");

            for (int i = 0; i < 3; i++) {
                robot.push(KeyCode.F10);
                int ran = i + 1;
                waitUntil(() -> board() != null && board().position() == ran
                        && probe.phaseProperty().get() == ProbeSessionModel.Phase.ATTACHED, 120);
            }
            assertThat(window.workspace().currentStepProperty().get()).as("the graph's current op is the board's")
                    .isEqualTo(2);
            var graph = window.graphView().canvas().graph().graph();
            for (int op = 0; op < 3; op++) {
                assertThat(window.graphView().canvas().boardMark(graph.nodeOfOp(op))).as("op %d board = local", op)
                        .isTrue();
            }
            assertThat(window.graphView().canvas().boardMark(graph.nodeOfOp(3))).as("not run yet").isNull();
            assertThat(window.boardView().probeRows()).isEqualTo(3);
            overlaysCarryTheBoardVsLocalErrorOfTheOpsCompared();

            int out = window.workspace().model().main().operator(2).outputs().get(0);
            robot.interact(() -> {
                window.showView("tensors");
                window.workspace().select(Selection.ofTensor(0, out));
            });
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(window.tensorView().boardVerdict()).contains("board = local");
            assertThat(window.workspace().tensorValueProperty().get()).as("the local value at the board's step")
                    .isNotNull();
            assertThat(window.arenaView().probeText()).contains("at 0x").contains("proven")
                    .contains("equals the local one");

            screenshots();

            // Another model: the board session ends (board resumed, GDB detached) and nothing of it stays.
            Path other = model.resolveSibling("tflm-hello_world_int8.tflite");
            robot.interact(() -> window.open(other));
            waitUntil(() -> window.workspace().model() != null
                    && window.workspace().model().main().operators().size() == 3, 60);
            assertThat(probe.closedFuture()).succeedsWithin(java.time.Duration.ofSeconds(10));
            assertThat(window.boardView().probeSessionProperty().get()).isNull();
            assertThat(board()).isNull();
            assertThat(qemu.running()).as("the board runs on after a new model was opened").isTrue();

            // Attached again on its own model, then the app closes: the board runs on.
            robot.interact(() -> window.open(model));
            waitUntil(() -> window.workspace().model() != null
                    && window.workspace().model().main().operators().size() == 31, 60);
            robot.interact(() -> {
                window.showView("board");
                window.boardView().showProbeMode(true);
            });
            robot.clickOn("#probeAttach");
            ProbeSessionModel again = window.boardView().probeSessionProperty().get();
            waitUntil(() -> again.phaseProperty().get() != ProbeSessionModel.Phase.ATTACHING, 120);
            assertThat(again.phaseProperty().get()).as(window.boardView().probeStatus())
                    .isEqualTo(ProbeSessionModel.Phase.ATTACHED);
            robot.interact(window::exit);
            assertThat(again.closedFuture()).succeedsWithin(java.time.Duration.ofSeconds(10));
            assertThat(qemu.running()).as("the board runs on after the app closed").isTrue();
        }
    }
}
