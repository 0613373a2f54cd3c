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
    void aLongSessionSaysWhatItsSummaryApproximatesAndCounts(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        // 1,500 invokes whose first op never takes the same ticks twice, and 150 different errors of one kind.
        StringBuilder text = new StringBuilder();
        for (int k = 0; k < 1_500; k++) {
            text.append("ADD took ").append(1_000 + k).append(" ticks (0 ms).\nSOFTMAX took 7 ticks (0 ms).\n\n");
            if (k % 10 == 0) {
                text.append("Failed to allocate ").append(k).append(" bytes\n");
            }
        }
        Path capture = dir.resolve("long.txt");
        Files.writeString(capture, text);

        assertThat(run("replay", capture.toString(), "--json")).as(err).isZero();
        JsonNode summary = JSON.readTree(out);
        assertThat(summary.get("ops").get(0).get("exactTicks").asBoolean()).isFalse();
        assertThat(summary.get("ops").get(1).get("exactTicks").asBoolean()).isTrue();
        assertThat(summary.get("ops").get(1).get("medianTicks").asLong()).isEqualTo(7);
        assertThat(summary.get("invocationTicks").get("count").asLong()).isEqualTo(1_500);
        assertThat(summary.get("invocationTicks").get("minTicks").asLong()).isEqualTo(1_007);
        assertThat(summary.get("invocationTicks").get("maxTicks").asLong()).isEqualTo(2_506);
        assertThat(summary.get("errorLines").asLong()).isEqualTo(150);
        assertThat(summary.get("errors")).hasSize(100);

        assertThat(run("replay", capture.toString())).as(err).isZero();
        assertThat(out).contains("~ more than 1024 different tick counts: median and p95 from a histogram, within"
                + " 0.1% (min and max exact)");
        assertThat(out).contains("errors: 150 lines (the first 100 kept in the JSON summary");
        assertThat(out).contains("the board printed more than 20 different errors like this; the others are only"
                + " counted (the first, line ");
        assertThat(out).containsPattern("whole invocation \\(ticks\\) +1500 +1007 ");
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
