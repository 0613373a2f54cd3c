package dev.tflmstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code replay}, {@code attach} and {@code board-sim} as a user runs them: a board's log read back from a capture,
 * and the virtual board streaming to {@code attach} over a real pseudo-terminal pair made by socat.
 */
class BoardCommandsTest extends CommandLineTest {
    private static final Path SOCAT = Path.of("/usr/bin/socat");
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
    void attachReadsTheVirtualBoardOverAPseudoTerminal(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(SOCAT), "socat is not installed");
        Path model = shared.resolve("models/tflm-hello_world_int8.tflite");
        Path boardEnd = dir.resolve("board");
        Path hostEnd = dir.resolve("host");
        Process socat = new ProcessBuilder(SOCAT.toString(), "pty,raw,echo=0,link=" + boardEnd,
                "pty,raw,echo=0,link=" + hostEnd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!(Files.exists(boardEnd) && Files.exists(hostEnd)) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
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
        } finally {
            socat.destroy();
            socat.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
