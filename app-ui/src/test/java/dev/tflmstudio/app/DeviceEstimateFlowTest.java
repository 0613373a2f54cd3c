package dev.tflmstudio.app;

import static dev.tflmstudio.app.WindowFixture.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tflmstudio.app.profile.ProfileRow;
import dev.tflmstudio.devices.DeviceProfile;
import dev.tflmstudio.profiler.overlay.OverlayFormat;
import dev.tflmstudio.profiler.overlay.OverlayMetric;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import javafx.scene.control.ComboBox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/**
 * The Profile window's Device µs column says what it rests on, and with the bundled Nano 33 recording (made by the
 * virtual board, whose ticks are the same cost model) replayed for that device, it is calibrated to the board's
 * measured run and agrees with the board's medians.
 */
class DeviceEstimateFlowTest {
    private static final String NANO = "arduino-nano-33-ble-sense";
    private static WindowFixture fixture;
    private static MainWindow window;
    private final FxRobot robot = new FxRobot();

    @BeforeAll
    static void start() throws Exception {
        Path model = WindowFixture.sharedModel("mlperf-vww_96_int8.tflite");
        fixture = WindowFixture.show("app-test-device-estimate", 1024, 640);
        window = fixture.window();
        new FxRobot().interact(() -> {
            window.loadDevices(null);
            window.open(model);
        });
        waitUntil(() -> window.workspace().model() != null && window.workspace().costProperty().get() != null
                && !window.workspace().devices().isEmpty());
    }

    @AfterAll
    static void stop() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theEstimateShowsItsBasisAndIsCalibratedToAReplayedBoardOfThatDevice() throws Exception {
        Path recording = Path.of("..", "assets", "recordings", "vww_96_int8-nano33ble.rec");
        Assumptions.assumeTrue(Files.isRegularFile(recording), "bundled recording not found");
        robot.interact(() -> {
            window.showView("profile");
            ComboBox<DeviceProfile> device = robot.lookup("#profileDevice").queryAs(ComboBox.class);
            device.setValue(window.workspace().devices().stream().filter(d -> d.id().equals(NANO)).findFirst()
                    .orElseThrow());
        });
        waitUntil(() -> window.profileView().estimateBasisText()
                .startsWith("Device µs: estimate for Arduino Nano 33"));
        assertThat(window.profileView().estimateBasisText()).contains("(MACs + ops) x 9.00 cycles/MAC int8",
                "B/cycle at 64 MHz", "figures estimated, not measured").doesNotContain("calibrated to the board");
        assertThat(robot.lookup("#profileEstimateBasis").queryAs(javafx.scene.control.Label.class).isVisible())
                .isTrue();
        double uncalibrated = window.profileView().shownRows().get(0).deviceUs();

        CompletableFuture<?>[] replay = new CompletableFuture<?>[1];
        robot.interact(() -> replay[0] = window.replayBoard(recording, NANO));
        waitUntil(() -> replay[0].isDone() && window.profileView().estimateBasisText()
                .startsWith("Device µs: calibrated to the board's 30 measured invocations: (MACs + ops) x "));
        var rows = window.profileView().shownRows();
        assertThat(rows).hasSize(31);
        for (ProfileRow r : rows) {
            // The recording's ticks are the cost model's cycles, so the fit finds the profile's own figures.
            assertThat(r.deviceUs()).as("op %d", r.op()).isCloseTo(r.boardMedian(), within(r.boardMedian() * 0.01));
        }
        assertThat(rows.get(0).deviceUs()).isCloseTo(uncalibrated, within(uncalibrated * 0.01));

        // File > Export > Overlay for Netron / Model Explorer: what the Profile window shows.
        Path netron = Files.createTempFile("vww", ".netron.json");
        Path explorer = Files.createTempFile("vww", ".model-explorer.json");
        try {
            robot.interact(() -> {
                window.exportOverlay(netron, OverlayFormat.NETRON, OverlayMetric.LOCAL_US);
                window.exportOverlay(explorer, OverlayFormat.MODEL_EXPLORER, OverlayMetric.ESTIMATE_US);
            });
            waitUntil(() -> window.workspace().log().entries().stream()
                    .filter(e -> e.message().startsWith("Exported ")).count() >= 2);
            var json = new com.fasterxml.jackson.databind.ObjectMapper();
            var attachment = json.readTree(netron.toFile());
            assertThat(attachment.get("signature").asText()).isEqualTo("netron:attachment");
            assertThat(attachment.get("metadata").toString())
                    .contains("calibrated to the board's 30 measured invocations");
            java.util.Set<String> names = new java.util.HashSet<>();
            attachment.get("metrics").forEach(i -> names.add(i.get("name").asText()));
            assertThat(names).contains("board median (µs)", "device estimate (µs)", "MACs", "live arena bytes (B)");
            var results = json.readTree(explorer.toFile()).get("main").get("results");
            assertThat(results.size()).isEqualTo(31);
            assertThat(results.get("0").get("value").asDouble()).isCloseTo(rows.get(0).deviceUs(), within(1e-6));
        } finally {
            Files.deleteIfExists(netron);
            Files.deleteIfExists(explorer);
        }
    }
}
