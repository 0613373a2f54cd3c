package dev.tflmstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tflmstudio.devices.DeviceCatalog;
import dev.tflmstudio.devices.DeviceProfile;
import dev.tflmstudio.profiler.estimate.DeviceEstimate;
import dev.tflmstudio.profiler.estimate.DeviceEstimator;
import dev.tflmstudio.runtime.cost.CostModel;
import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.tflite.ModelReader;
import dev.tflmstudio.serial.sim.VirtualBoard;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The profiler's device estimate and the virtual board's ticks are one cost model (issue #14 item 10: they used to
 * disagree up to 4x per op): for the same device and model, every op's ticks are the estimate's cycles, and both
 * say the same basis.
 */
class OneCostModelTest extends CommandLineTest {
    private static final Pattern TOOK = Pattern.compile("(\\S+) took (\\d+) ticks");

    private static Path model(String name) {
        String dir = System.getProperty("tflm.shared");
        Assumptions.assumeTrue(dir != null && Files.isDirectory(Path.of(dir, "models")), "shared data not available");
        return Path.of(dir, "models", name);
    }

    @ParameterizedTest
    @CsvSource({"mlperf-vww_96_int8.tflite, arduino-nano-33-ble-sense",
                "tflm-person_detect_int8.tflite, arduino-nano-33-ble-sense",
                "tflm-hello_world_float.tflite, stm32h743-nucleo",
                "mlperf-kws_ref_model_int8.tflite, esp32-devkitc"})
    void theVirtualBoardTicksAreTheProfilersEstimate(String modelName, String deviceId) throws Exception {
        Model model = ModelReader.open(model(modelName));
        DeviceProfile device = DeviceCatalog.builtIn().find(deviceId).orElseThrow();
        DeviceEstimate estimate = DeviceEstimator.estimate(CostModel.of(model), device);
        VirtualBoard board = VirtualBoard.create(model, device);
        assertThat(board.tickBasis()).isEqualTo(estimate.basis()).startsWith("estimate for " + deviceId);
        for (int invoke = 0; invoke < 3; invoke++) {
            Matcher m = TOOK.matcher(board.invocationText());
            List<Long> ticks = new ArrayList<>();
            while (m.find()) {
                ticks.add(Long.parseLong(m.group(2)));
            }
            assertThat(ticks).hasSize(estimate.ops().size());
            for (int op = 0; op < ticks.size(); op++) {
                assertThat(ticks.get(op)).as("op %d ticks", op)
                        .isEqualTo(Math.max(1, Math.round(estimate.ops().get(op).cycles())));
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"mlperf-vww_96_int8.tflite, arduino-nano-33-ble-sense"})
    void theProfileReportShowsTheBasis(String modelName, String deviceId) {
        assertThat(run("profile", model(modelName).toString(), "--device", deviceId, "--repeat", "0")).as(err)
                .isZero();
        assertThat(out).contains("basis: estimate for " + deviceId + " at 64 MHz: (MACs + ops) x ");
    }
}
