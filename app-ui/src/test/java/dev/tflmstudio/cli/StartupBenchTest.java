package dev.tflmstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@code bench --startup} end to end on a real X server (Xvfb): it starts the baseline window and the app in fresh
 * JVMs, and both must report their first frame, the app also its laid-out graph. Times are not checked (that is
 * the benchmark's job), only that every start-up completes and reports in order.
 */
class StartupBenchTest extends CommandLineTest {
    private static final Path XVFB = Path.of("/usr/bin/Xvfb");

    @Test
    void startsTheBaselineAndTheAppAndReadsTheirStartUp() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(XVFB), "Xvfb is not installed");
        // -displayfd 1: Xvfb picks a free display and prints its number on standard output once it is ready.
        Process xvfb = new ProcessBuilder(XVFB.toString(), "-displayfd", "1", "-screen", "0", "1600x1000x24",
                "-nolisten", "tcp").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            String display = new BufferedReader(new InputStreamReader(xvfb.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            Assumptions.assumeTrue(display != null && xvfb.isAlive(), "Xvfb did not start");

            String java = ProcessHandle.current().info().command().orElse("java");
            ProcessBuilder bench = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                    "dev.tflmstudio.app.Main", "bench", "--startup", "--runs", "1", "--json"));
            bench.environment().put("DISPLAY", ":" + display.strip());
            bench.redirectError(ProcessBuilder.Redirect.DISCARD);
            Process p = bench.start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(output).isZero();

            JsonNode result = new ObjectMapper().readTree(output);
            assertThat(result.get("runs").asInt()).isEqualTo(1);
            assertThat(result.get("baselineFirstFrameMsMedian").asLong()).isPositive();
            long window = result.get("windowFirstFrameMsMedian").asLong();
            assertThat(window).isPositive();
            assertThat(result.get("graphLaidOutMsMedian").asLong()).as("the graph comes after the first frame")
                    .isGreaterThanOrEqualTo(window);
        } finally {
            xvfb.destroy();
            xvfb.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void refusesMoreThanOneModel() {
        assertThat(run("bench", "--startup", "a.tflite", "b.tflite")).isEqualTo(ExitCode.USAGE);
        assertThat(err.strip()).isEqualTo("error: bench --startup takes at most one MODEL and --runs >= 1");
    }
}
