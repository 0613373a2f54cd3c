package dev.tflmstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tflmstudio.devices.DeviceCatalog;
import dev.tflmstudio.profiler.run.RunFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileCommandTest extends CommandLineTest {
    @TempDir
    Path dir;


    static Path shared(String relative) {
        String root = System.getProperty("tflm.shared");
        assumeTrue(root != null && Files.isRegularFile(Path.of(root, relative)), "shared files not available");
        return Path.of(root, relative);
    }

    @Test
    void textShowsMacsLocalTimingsAndAnEstimatePerOp() {
        Path model = shared("models/tflm-person_detect_int8.tflite");

        int code = run("profile", model.toString(), "--device", "arduino-nano-33-ble-sense", "--repeat", "2",
                "--devices-folder", dir.toString());

        assertThat(code).isZero();
        assertThat(out).contains("cost: 31 ops, 7,157,888 MACs");
        assertThat(out).containsPattern("local: local .*, 2 invocations");
        assertThat(out).containsPattern("(?m)^2 +CONV_2D +int8 +294,912 ");
        assertThat(out).containsPattern("(?m)^  CONV_2D +14 ops +6,193,664 MACs");
        assertThat(out).contains("estimates (not measurements):").contains("basis: estimate for "
                + "arduino-nano-33-ble-sense at 64 MHz");
    }

    @Test
    void jsonAndCsvCarryTheSameCosts() throws Exception {
        Path model = shared("models/mlperf-kws_ref_model_int8.tflite");

        assertThat(run("profile", model.toString(), "--repeat", "0", "--json")).isZero();
        JsonNode root = new ObjectMapper().readTree(out);
        assertThat(root.get("cost").get("total").get("macs").asLong()).isEqualTo(2_656_768);
        assertThat(root.get("cost").get("ops")).hasSize(13);
        assertThat(root.get("local").isNull()).isTrue();

        assertThat(run("profile", model.toString(), "--repeat", "0", "--csv")).isZero();
        List<String> lines = out.lines().toList();
        assertThat(lines.get(0)).startsWith("index,op,kind,precision,macs,");
        assertThat(lines).hasSize(14);
        assertThat(lines.get(1)).startsWith("0,CONV_2D,mac,int8,320000,");
    }

    @Test
    void calibrationFromAReplayedBoardCaptureWritesAUserProfile() throws Exception {
        Path model = shared("models/tflm-person_detect_int8.tflite");
        Path ref = shared("ref/tflm-person_detect_int8.tflite.txt");
        // A capture as a board prints it: the allocator lines once, then MicroProfiler::Log() per invoke.
        List<String> capture = new ArrayList<>();
        List<String> refLines = Files.readAllLines(ref);
        refLines.stream().filter(l -> l.startsWith("[RecordingMicroAllocator]")).forEach(capture::add);
        List<String> took = refLines.stream().filter(l -> l.contains(" took ") && l.endsWith("ms).")).toList();
        for (int i = 0; i < 3; i++) {
            capture.addAll(took);
        }
        Path captureFile = Files.write(dir.resolve("board.txt"), capture);
        Path folder = dir.resolve("devices");

        int code = run("profile", model.toString(), "--device", "arduino-nano-33-ble-sense", "--repeat", "0",
                "--calibrate", captureFile.toString(), "--save-profile", folder.toString(), "--devices-folder",
                folder.toString());

        assertThat(err).isEmpty();
        assertThat(code).isZero();
        assertThat(out).contains("calibration of arduino-nano-33-ble-sense: calibrated")
                .contains("least squares over 31 ops")
                .containsPattern("total: measured [0-9.]+ ms, estimate before")
                .contains("saved calibrated profile 'arduino-nano-33-ble-sense-calibrated'");
        // op 0 took 497 ticks on the 64 MHz clock in every invocation: 7.8 us
        assertThat(out).containsPattern("(?m)^  0 +DEPTHWISE_CONV_2D +7\\.8 ");
        DeviceCatalog catalog = DeviceCatalog.load(folder);
        assertThat(catalog.problems()).isEmpty();
        assertThat(catalog.find("arduino-nano-33-ble-sense-calibrated")).isPresent();

        // The saved profile is then usable like any other device.
        assertThat(run("profile", model.toString(), "--repeat", "0", "--device",
                "arduino-nano-33-ble-sense-calibrated", "--devices-folder", folder.toString())).isZero();
        assertThat(out).contains("arduino-nano-33-ble-sense-calibrated");
    }

    @Test
    void saveRunWritesARunFileDiffCanRead() throws Exception {
        Path model = shared("models/tflm-hello_world_int8.tflite");
        Path saved = dir.resolve("hello.json");

        assertThat(run("profile", model.toString(), "--repeat", "3", "--save-run", saved.toString())).isZero();

        assertThat(RunFiles.load(saved).ops()).hasSize(3);
        assertThat(RunFiles.load(saved).invocations()).isEqualTo(3);
    }

    @Test
    void badUsageAndBadFilesGiveOneLineErrors() throws Exception {
        Path model = shared("models/tflm-hello_world_int8.tflite");
        assertThat(run("profile", model.toString(), "--device", "no-such-board")).isEqualTo(ExitCode.USAGE);
        assertThat(err).isEqualTo("error: unknown device 'no-such-board' (see 'tflm-studio devices')"
                + System.lineSeparator());
        assertThat(run("profile", model.toString(), "--calibrate", "x.txt")).isEqualTo(ExitCode.USAGE);
        assertThat(err).contains("--calibrate needs exactly one --device");
        Path notAModel = Files.writeString(dir.resolve("bad.tflite"), "nope");
        assertThat(run("profile", notAModel.toString())).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(err.lines().count()).isEqualTo(1);
        Path badRun = Files.writeString(dir.resolve("bad.json"), "{\"format\":1}");
        assertThat(run("profile", model.toString(), "--repeat", "0", "--device", "arduino-nano-33-ble-sense",
                "--calibrate", badRun.toString())).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(err).isEqualTo("error: " + badRun + ": field 'model' is missing" + System.lineSeparator());
    }

    @Test
    void aModelTheRuntimeCannotRunStillGetsItsCostsAndAWarning() {
        Path model = shared("models/tflm-person_detect_vela_ethosu.tflite");

        assertThat(run("profile", model.toString(), "--repeat", "1")).isZero();

        assertThat(out).contains("cost: 1 ops").contains("local: not runnable:");
        assertThat(err).startsWith("warning: no local timings:");
    }
}
