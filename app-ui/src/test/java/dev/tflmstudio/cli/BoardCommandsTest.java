package dev.tflmstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tflmstudio.app.board.PseudoTerminalPair;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code replay}, {@code attach} and {@code board-sim} as a user runs them: a board's log read back from a capture,
 * and the virtual board streaming to {@code attach} over a real pseudo-terminal pair made by socat.
 */
class BoardCommandsTest extends CommandLineTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private Path shared;

    @BeforeEach
    void shared() {
        String dir = System.getProperty("tflm.shared");
        Assumptions.assumeTrue(dir != null && Files.isDirectory(Path.of(dir, "ref")), "shared models not available");
        shared = Path.of(dir);
    }

    @Test
    void replaysATfLmCaptureWithTheModelAndTheDeviceClock() throws Exception {
        Path capture = shared.resolve("ref/tflm-hello_world_int8.tflite.txt");
        Path model = shared.resolve("models/tflm-hello_world_int8.tflite");

        assertThat(run("replay", capture.toString(), "--model", model.toString(), "--tick-hz", "1000000", "--json"))
                .as(err).isZero();
        JsonNode summary = JSON.readTree(out);
        assertThat(summary.get("matchedInvocations").asInt()).isPositive();
        assertThat(summary.get("ops")).hasSize(3);
        assertThat(summary.get("ops").get(0).get("tag").asText()).isEqualTo("FULLY_CONNECTED");
        assertThat(summary.get("arena").get("totalBytes").asLong()).as("arena_used_bytes of the capture")
                .isEqualTo(1392);

        assertThat(run("replay", capture.toString(), "--model", model.toString(), "--device", "arduino-nano-33-ble-sense"))
                .as(err).isZero();
        assertThat(out).contains("FULLY_CONNECTED");
    }

    @Test
    void replayRefusesBadOptionsInOneLine() {
        Path capture = shared.resolve("ref/tflm-hello_world_int8.tflite.txt");

        assertThat(run("replay", capture.toString(), "--device", "no-such-board")).isEqualTo(ExitCode.USAGE);
        assertThat(err.strip()).isEqualTo("error: unknown device 'no-such-board' (see 'tflm-studio devices')");

        assertThat(run("replay", capture.toString(), "--tick-hz", "0")).isEqualTo(ExitCode.USAGE);
        assertThat(err.strip()).isEqualTo("error: --tick-hz must be positive, got 0");

        assertThat(run("replay", "/no/such/capture.txt")).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(err.strip()).isEqualTo("error: no such file: /no/such/capture.txt");
    }

    @Test
    void attachReadsTheVirtualBoardOverAPseudoTerminal() throws Exception {
        Assumptions.assumeTrue(PseudoTerminalPair.available(), "socat is not installed");
        Path model = shared.resolve("models/tflm-hello_world_int8.tflite");
        try (PseudoTerminalPair cable = PseudoTerminalPair.open()) {
            Path boardEnd = cable.board();
            Path hostEnd = cable.host();
            CompletableFuture<Integer> attach = CompletableFuture.supplyAsync(() -> run("attach", hostEnd.toString(),
                    "--model", model.toString(), "--seconds", "4", "--json"));
            Thread.sleep(500);
            StringWriter simErr = new StringWriter();
            int sim = TflmStudioCommand.execute(new String[] {"board-sim", model.toString(), "--port",
                boardEnd.toString(), "--invokes", "8", "--rate", "10"}, new PrintWriter(new StringWriter()),
                    new PrintWriter(simErr));
            assertThat(sim).as(simErr.toString()).isZero();

            assertThat(attach.get(30, TimeUnit.SECONDS)).as(err).isZero();
            JsonNode summary = JSON.readTree(out);
            assertThat(summary.get("matchedInvocations").asInt()).as("invocations mapped to the model's ops")
                    .isGreaterThanOrEqualTo(5);
            assertThat(summary.get("ops")).hasSize(3);
            assertThat(summary.get("ops").get(2).get("count").asInt()).isGreaterThanOrEqualTo(5);
        }
    }
}
