package dev.tflmstudio.app;

import static dev.tflmstudio.app.WindowFixture.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tflmstudio.app.board.BoardPreferences;
import dev.tflmstudio.app.board.BoardView;
import dev.tflmstudio.app.board.ProbeSessionModel;
import dev.tflmstudio.app.board.PseudoTerminalPair;
import dev.tflmstudio.app.board.SerialSession;
import dev.tflmstudio.app.workspace.LogEntry;
import dev.tflmstudio.serial.probe.ProbeTarget;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.control.Label;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Board window's sessions, headless: a failed connect or a new model starts clean, noise on the port is called
 * noise, settings survive a restart, a probe attach that cannot reach its server leaves one line and no state.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BoardWindowFlowTest {
    private static WindowFixture fixture;
    private static MainWindow window;
    private static Path helloWorld;
    private static Path sharedModels;
    private final FxRobot robot = new FxRobot();

    @BeforeAll
    static void start() throws Exception {
        helloWorld = WindowFixture.sharedModel("tflm-hello_world_int8.tflite");
        sharedModels = helloWorld.getParent();
        fixture = WindowFixture.show("board-window-test", 1280, 780, w -> {
            w.loadDevices(null);
            w.showView("board");
        });
        window = fixture.window();
        FxToolkit.setupFixture(() -> window.open(helloWorld));
        waitUntil(() -> window.workspace().model() != null);
    }

    @AfterAll
    static void stop() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    private String state() {
        return robot.lookup("#boardState").queryAs(Label.class).getText();
    }

    private String summary() {
        return robot.lookup("#boardSummary").queryAs(Label.class).getText();
    }

    private boolean logged(String text) {
        return window.workspace().log().entries().stream().map(LogEntry::message).anyMatch(m -> m.contains(text));
    }

    /** Three invokes of hello_world's 3 ops as MicroProfiler::Log() prints them, with the arena totals. */
    private static Path capture(Path dir) throws Exception {
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
        return capture;
    }

    private void replay(Path dir) throws Exception {
        Path capture = capture(dir);
        robot.interact(() -> window.boardView().replay(capture));
        waitUntil(() -> state().equals("Replayed board.txt") && window.boardView().serialSessionProperty().get()
                .latency().size() == 3 && window.workspace().boardArenaProperty().get() != null);
    }

    @Test
    @Order(1)
    void theInvocationAxisCountsWholeInvocations(@TempDir Path dir) throws Exception {
        replay(dir);
        assertThat(summary()).startsWith("Invocation 3");
        // Three points span invocations 1 to 3: an automatic axis labelled them 1.0, 1.5, 2.0 … before.
        var labels = HeadlessToolkit.onFx(() -> window.boardView().chartAxisLabels(), 1);
        assertThat(labels).isNotEmpty().allSatisfy(l -> assertThat(l).matches("\\d+"));
        assertThat(labels).contains("1", "2", "3");
    }

    @Test
    @Order(1)
    void theChartKeepsTheLatestInvocationsAndTheStatisticsCountThemAllInBoundedMemory(@TempDir Path dir) throws Exception {
        int invocations = SerialSession.MAX_POINTS + 700;
        StringBuilder text = new StringBuilder();
        for (int k = 0; k < invocations; k++) {
            text.append("FULLY_CONNECTED took ").append(10 + k).append(" ticks (0 ms).\n")
                    .append("FULLY_CONNECTED took 4 ticks (0 ms).\nFULLY_CONNECTED took 4 ticks (0 ms).\n");
        }
        Path capture = dir.resolve("long.txt");
        Files.writeString(capture, text);
        robot.interact(() -> window.boardView().replay(capture));
        waitUntil(() -> state().equals("Replayed long.txt") && window.workspace().boardSummaryProperty().get() != null
                && window.workspace().boardSummaryProperty().get().matchedInvocations() == invocations);

        var points = window.boardView().serialSessionProperty().get().latency();
        assertThat(points).as("a rolling window, not every point of the session").hasSize(SerialSession.MAX_POINTS);
        assertThat(points.get(0).invocation()).isEqualTo(invocations - SerialSession.MAX_POINTS + 1);
        assertThat(points.get(points.size() - 1).invocation()).isEqualTo(invocations);
        assertThat(summary()).startsWith("Invocation " + invocations);
        var labels = HeadlessToolkit.onFx(() -> window.boardView().chartAxisLabels(), 1);
        assertThat(labels).isNotEmpty().allSatisfy(l -> assertThat(Long.parseLong(l))
                .isBetween((long) invocations - SerialSession.MAX_POINTS, (long) invocations));
        var first = window.workspace().boardSummaryProperty().get().ops().get(0);
        assertThat(first.all().count()).as("the statistics count every invocation").isEqualTo(invocations);
        // 1,200 different tick counts: past the exact table, so the window says the figures now come from a histogram
        // (below 2,048 ticks its buckets are one tick wide, so the median is still the one sorting gives).
        assertThat(first.all().median()).isEqualTo(609);
        assertThat(first.all().exact()).isFalse();
        assertThat(logged("Board: an op's ticks took more than 1,024 different values")).isTrue();

        // The serial console followed the lines as they came: its last line on screen is the session's last.
        var console = robot.lookup("#boardConsole").<String>queryListView();
        waitUntil(() -> lastVisibleLine(console) == console.getItems().size() - 1);
        assertThat(console.getItems().get(console.getItems().size() - 1)).isEqualTo("FULLY_CONNECTED took 4 ticks"
                + " (0 ms).");
    }

    private static int lastVisibleLine(javafx.scene.control.ListView<String> list) throws Exception {
        return HeadlessToolkit.onFx(() -> list.lookup(".virtual-flow") instanceof
                javafx.scene.control.skin.VirtualFlow<?> flow && flow.getLastVisibleCell() != null
                ? flow.getLastVisibleCell().getIndex() : -1, 1);
    }

    @Test
    @Order(2)
    void aFailedConnectIsLoggedAndLeavesNothingOfTheEarlierSession(@TempDir Path dir) throws Exception {
        replay(dir);
        Path missing = dir.resolve("no-such-port");
        robot.interact(() -> window.boardView().connectTo(missing.toString()));
        waitUntil(() -> state().startsWith("Cannot connect to " + missing));

        assertThat(logged("Board: cannot connect to " + missing)).as("the failure is in the app console").isTrue();
        var session = window.boardView().serialSessionProperty().get();
        assertThat(session.latency()).as("the replay's points are not redrawn in the new session").isEmpty();
        assertThat(session.lines()).isEmpty();
        assertThat(summary()).isEqualTo("No invocations yet");
        assertThat(robot.lookup("#boardOps").queryAs(javafx.scene.control.TableView.class).getItems()).isEmpty();
        assertThat(window.workspace().boardArenaProperty().get()).isNull();
        assertThat(window.workspace().boardSummaryProperty().get()).isNull();
        assertThat(window.arenaView().boardText()).isEmpty();
    }

    @Test
    @Order(3)
    void openingAnotherModelStartsTheBoardWindowClean(@TempDir Path dir) throws Exception {
        replay(dir);
        Path other = sharedModels.resolve("tflm-micro_speech_int8.tflite");
        Assumptions.assumeTrue(Files.isRegularFile(other), "micro_speech not in the shared models");
        var before = window.boardView().serialSessionProperty().get();
        robot.interact(() -> window.open(other));
        waitUntil(() -> window.workspace().model() != null && window.workspace().model().main().operators().size()
                != 3);

        assertThat(window.boardView().serialSessionProperty().get()).isNotSameAs(before);
        assertThat(window.boardView().serialSessionProperty().get().lines()).isEmpty();
        assertThat(summary()).isEqualTo("No invocations yet");
        assertThat(state()).isEqualTo("Disconnected");
        robot.interact(() -> window.open(helloWorld));
        waitUntil(() -> window.workspace().model() != null
                && window.workspace().model().main().operators().size() == 3);
    }

    @Test
    @Order(4)
    void bytesAtTheWrongBaudRateSayWrongBaudNotConnected() throws Exception {
        Assumptions.assumeTrue(PseudoTerminalPair.available(), "socat not installed");
        try (var cable = PseudoTerminalPair.open()) {
            robot.interact(() -> window.boardView().connectTo(cable.host().toString()));
            waitUntil(() -> state().equals("● Connected"));
            // What a 9600-baud receiver makes of a 115200-baud board: mostly bytes above 0x7F, some line ends.
            byte[] noise = new byte[600];
            java.util.Random r = new java.util.Random(7);
            for (int i = 0; i < noise.length; i++) {
                noise[i] = i % 50 == 49 ? (byte) '\n' : (byte) (0x80 + r.nextInt(0x7F));
            }
            Files.write(cable.board(), noise);
            try {
                waitUntil(() -> state().equals("● Receiving unreadable bytes: wrong baud?"));
            } catch (java.util.concurrent.TimeoutException e) {
                throw new AssertionError("state " + state() + ", lines "
                        + window.boardView().serialSessionProperty().get().lines(), e);
            }
            assertThat(robot.lookup("#boardState").queryAs(Label.class).getStyleClass()).contains("warning")
                    .doesNotContain("connected");
            assertThat(window.boardView().serialSessionProperty().get().lines())
                    .anySatisfy(l -> assertThat(l).startsWith("[unreadable"));

            Files.write(cable.board(), "FULLY_CONNECTED took 4 ticks (0 ms).\n".getBytes(StandardCharsets.US_ASCII));
            waitUntil(() -> state().equals("● Connected"));
            robot.clickOn("#boardConnect");
            waitUntil(() -> state().equals("Disconnected"));
        }
    }

    @Test
    @Order(5)
    void portBaudAndDeviceAreRememberedForTheNextStart() throws Exception {
        Assumptions.assumeTrue(PseudoTerminalPair.available(), "socat not installed");
        waitUntil(() -> !window.workspace().devices().isEmpty());
        try (var cable = PseudoTerminalPair.open()) {
            robot.interact(() -> {
                window.boardView().selectDevice("arduino-nano-33-ble-sense");
                window.boardView().connectTo(cable.host().toString());
            });
            waitUntil(() -> state().equals("● Connected"));
            robot.clickOn("#boardConnect");
            waitUntil(() -> state().equals("Disconnected"));
            int baud = window.boardView().shownBaud();
            // A restart: a new Board window on the same preferences, devices loaded later as at start-up.
            BoardView[] next = new BoardView[1];
            robot.interact(() -> next[0] = new BoardView(window.workspace(), window.work(),
                    new BoardPreferences(fixture.preferences().node("board"))));
            assertThat(next[0].shownPort()).isEqualTo(cable.host().toString());
            assertThat(next[0].shownBaud()).isEqualTo(baud);
            assertThat(next[0].shownDeviceId()).isEqualTo("arduino-nano-33-ble-sense");
        }
    }

    @Test
    @Order(7)
    void aBoardThatDivergesIsMarkedRedFromItsFirstDifferingOpInGraphTensorsAndArena() throws Exception {
        waitUntil(() -> window.graphView().laidOutProperty().get() && window.workspace().planProperty().get() != null);
        var main = window.workspace().model().main();
        int out0 = main.operator(0).outputs().get(0);
        int out1 = main.operator(1).outputs().get(0);
        int bytes1 = (int) main.tensor(out1).arenaBytes();
        byte[] local1 = new byte[bytes1];
        byte[] board1 = local1.clone();
        board1[3] = 5; // one value differs
        byte[] same = new byte[(int) main.tensor(out0).arenaBytes()];
        var op0 = new dev.tflmstudio.serial.probe.OpComparison(0, "FULLY_CONNECTED",
                java.util.List.of(new dev.tflmstudio.serial.probe.TensorComparison(out0, same, same.clone(), 0)));
        var op1 = new dev.tflmstudio.serial.probe.OpComparison(1, "FULLY_CONNECTED",
                java.util.List.of(new dev.tflmstudio.serial.probe.TensorComparison(out1, board1, local1, 1.0)));
        var proof = new dev.tflmstudio.serial.probe.ArenaProof("g_arena", 0x20000000L, true, "all planned", 4);
        var probe = new dev.tflmstudio.app.workspace.BoardProbe(window.workspace().model(), "127.0.0.1:1", proof, 2,
                1, java.util.List.of(op0, op1), op1);
        robot.interact(() -> {
            window.workspace().boardProbeProperty().set(probe);
            window.workspace().select(dev.tflmstudio.app.workspace.Selection.ofTensor(0, out1));
        });
        WaitForAsyncUtils.waitForFxEvents();

        var canvas = window.graphView().canvas();
        var graph = canvas.graph().graph();
        assertThat(canvas.boardMark(graph.nodeOfOp(0))).isTrue();
        assertThat(canvas.boardMark(graph.nodeOfOp(1))).isFalse();
        assertThat(canvas.boardMark(graph.nodeOfOp(2))).isNull();
        assertThat(window.tensorView().boardVerdict()).contains("board ≠ local, 1 of " + bytes1 + " values differ")
                .contains("first at index 3");
        assertThat(window.arenaView().probeText()).contains("0x20000000").contains("1 tensor(s) differ (1 B");
        robot.interact(() -> window.workspace().boardProbeProperty().set(null));
        assertThat(window.arenaView().probeText()).isEmpty();
        assertThat(window.tensorView().boardVerdict()).startsWith("No board attached");
    }

    @Test
    @Order(6)
    void aProbeAttachThatCannotReachItsServerSaysWhyInOneLineAndLeavesNoState(@TempDir Path dir) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path elf = dir.resolve("firmware.elf");
        Files.write(elf, new byte[] {0x7f, 'E', 'L', 'F'});
        String server = "127.0.0.1:" + port;
        ProbeSessionModel[] probe = new ProbeSessionModel[1];
        robot.interact(() -> {
            window.boardView().showProbeMode(true);
            probe[0] = window.boardView().attach(new ProbeTarget(server, elf, null, null));
        });
        waitUntil(() -> probe[0].phaseProperty().get() == ProbeSessionModel.Phase.FAILED);

        String status = window.boardView().probeStatus();
        assertThat(status).isNotBlank().doesNotContain("\n").doesNotContain("Exception");
        assertThat(logged("Board probe " + server + ": " + status)).isTrue();
        assertThat(probe[0].attached()).isFalse();
        assertThat(window.workspace().boardProbeProperty().get()).isNull();
        assertThat(window.boardView().probeRows()).isZero();
        assertThat(window.boardView().probeArena()).isEmpty();
        assertThat(robot.lookup("#probeAttach").queryButton().getText()).isEqualTo("Attach");
        assertThat(probe[0].closedFuture()).succeedsWithin(java.time.Duration.ofSeconds(10));

        // Attaching again after a failure closes the failed session first; it too fails cleanly.
        ProbeSessionModel failed = probe[0];
        robot.interact(() -> probe[0] = window.boardView().attach(new ProbeTarget(server, elf, null, null)));
        assertThat(failed.phaseProperty().get()).isEqualTo(ProbeSessionModel.Phase.CLOSED);
        waitUntil(() -> probe[0].phaseProperty().get() == ProbeSessionModel.Phase.FAILED);
        robot.interact(() -> window.boardView().closeProbe());

        // Not attached: F10 steps the local session again.
        robot.interact(() -> window.debugger().step());
        waitUntil(() -> window.workspace().currentStepProperty().get() == 0
                && !window.debugger().runningProperty().get());
        robot.interact(() -> window.debugger().reset());
        waitUntil(() -> window.workspace().currentStepProperty().get() == -1);
        robot.interact(() -> window.boardView().showProbeMode(false));
    }
}
