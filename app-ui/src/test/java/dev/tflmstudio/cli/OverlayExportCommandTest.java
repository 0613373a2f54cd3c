package dev.tflmstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code profile --export-overlay}: Model Explorer and Netron files of the profile, with the board's numbers. */
class OverlayExportCommandTest extends CommandLineTest {
    private static final String NANO = "arduino-nano-33-ble-sense";

    @TempDir
    Path tmp;

    private static Path model(String name) {
        String dir = System.getProperty("tflm.shared");
        Assumptions.assumeTrue(dir != null && Files.isDirectory(Path.of(dir, "models")), "shared data not available");
        return Path.of(dir, "models", name);
    }

    private static Path recording() {
        Path rec = Path.of("..", "assets", "recordings", "vww_96_int8-nano33ble.rec");
        Assumptions.assumeTrue(Files.isRegularFile(rec), "bundled recording not found");
        return rec;
    }

    @Test
    void netronGetsEveryMetricOfEveryOpWithTheBoardsNumbers() throws Exception {
        Path out = tmp.resolve("vww.netron.json");
        assertThat(run("profile", model("mlperf-vww_96_int8.tflite").toString(), "--device", NANO, "--repeat", "3",
                "--export-overlay", "netron", "--overlay-out", out.toString(), "--board", recording().toString()))
                .as(err).isZero();
        assertThat(err).contains("overlay: wrote " + out + " (netron)");
        JsonNode root = new ObjectMapper().readTree(out.toFile());
        assertThat(root.get("signature").asText()).isEqualTo("netron:attachment");
        Set<String> names = new HashSet<>();
        for (JsonNode item : root.get("metrics")) {
            if (item.get("identifier").asText().equals("0")) {
                names.add(item.get("name").asText());
            }
        }
        assertThat(names).containsExactlyInAnyOrder("local median (µs)", "board median (µs)",
                "device estimate (µs)", "share of the local invoke (%)", "MACs", "live arena bytes (B)",
                "board vs local error (board share - local share) (pp)");
        assertThat(root.get("metadata").toString()).contains("device estimate: estimate for " + NANO,
                "board: replay");
        try (Stream<Path> files = Files.list(tmp)) {
            assertThat(files).as("no temporary file left").containsExactly(out);
        }
    }

    @Test
    void modelExplorerGetsTheChosenMetricAndAMissingOneIsOneLine() throws Exception {
        Path out = tmp.resolve("vww-board.json");
        assertThat(run("profile", model("mlperf-vww_96_int8.tflite").toString(), "--device", NANO, "--repeat", "0",
                "--export-overlay", "model-explorer", "--overlay-metric", "board-us", "--overlay-out", out.toString(),
                "--board", recording().toString())).as(err).isZero();
        JsonNode results = new ObjectMapper().readTree(out.toFile()).get("main").get("results");
        assertThat(results.size()).isEqualTo(31);
        // The recording's op 0 takes 4,490,558 ticks of the Nano 33's 64 MHz clock.
        assertThat(results.get("0").get("value").asDouble()).isCloseTo(4490558 / 64.0,
                org.assertj.core.data.Offset.offset(0.01));

        Path missing = tmp.resolve("none.json");
        assertThat(run("profile", model("mlperf-vww_96_int8.tflite").toString(), "--repeat", "0",
                "--export-overlay", "model-explorer", "--overlay-metric", "board-us", "--overlay-out",
                missing.toString())).isEqualTo(2);
        assertThat(err.strip()).isEqualTo("error: --export-overlay model-explorer: no board-us values to export "
                + "(board median (µs) was not measured)");
        assertThat(missing).doesNotExist();
        assertThat(run("profile", model("mlperf-vww_96_int8.tflite").toString(), "--repeat", "0",
                "--export-overlay", "gltf")).isEqualTo(2);
        assertThat(err.strip()).isEqualTo("error: unknown overlay format 'gltf' (expected model-explorer or netron)");
    }
}
