package dev.tflmstudio.profiler.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.tflmstudio.devices.DeviceCatalog;
import dev.tflmstudio.devices.DeviceProfile;
import dev.tflmstudio.runtime.cost.CostModel;
import dev.tflmstudio.runtime.cost.ModelCost;
import dev.tflmstudio.profiler.run.RefLogRuns;
import dev.tflmstudio.profiler.run.Run;
import dev.tflmstudio.profiler.testing.Shared;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CalibrationTest {

    @Test
    void recoversTheCoefficientsThatProducedTheMeasurements() throws Exception {
        DeviceProfile truth = Profiles.board(3.0, 7.0, 2.0);
        DeviceProfile guess = Profiles.board(10.0, 50.0, 8.0);
        ModelCost int8 = CostModel.of(Shared.open("tflm-person_detect_int8.tflite"));
        ModelCost fp = CostModel.of(Shared.open("mlperf-ad01_fp32.tflite"));
        Run int8Run = DeviceEstimator.toRun(DeviceEstimator.estimate(int8, truth), "pd", "");
        Run fpRun = DeviceEstimator.toRun(DeviceEstimator.estimate(fp, truth), "ad", "");

        CalibrationResult r = Calibration.fit(guess, List.of(new Calibration.Measurement(int8, int8Run),
                new Calibration.Measurement(fp, fpRun)), "test-board-calibrated");

        assertThat(r.calibrated().cyclesPerMac().int8()).isCloseTo(3.0, within(1e-6));
        assertThat(r.calibrated().cyclesPerMac().float32()).isCloseTo(7.0, within(1e-6));
        assertThat(r.calibrated().memoryBandwidthBytesPerCycle()).isCloseTo(2.0, within(1e-6));
        assertThat(r.calibrated().cyclesPerMac().estimated()).isFalse();
        assertThat(r.ops()).hasSize(31 + 10);
        assertThat(r.totalErrorPercent()).isCloseTo(0.0, within(1e-6));
        assertThat(r.totalErrorPercentBefore()).isGreaterThan(100);
        assertThat(r.ops().get(0).errorPercent()).isCloseTo(0.0, within(1e-6));
    }

    @Test
    void calibratingToAReplayedCaptureShrinksTheErrorAndSavesAUserProfile(@TempDir Path folder)
            throws Exception {
        DeviceProfile nano = DeviceCatalog.builtIn().find("arduino-nano-33-ble-sense").orElseThrow();
        Path model = Shared.model("tflm-person_detect_int8.tflite");
        ModelCost cost = CostModel.of(Shared.open("tflm-person_detect_int8.tflite"));
        Run measured = RefLogRuns.read(Shared.ref("tflm-person_detect_int8.tflite"), model);

        CalibrationResult r = Calibration.fit(nano, List.of(new Calibration.Measurement(cost, measured)),
                "my-nano");

        assertThat(Math.abs(r.totalErrorPercent())).isLessThan(Math.abs(r.totalErrorPercentBefore()));
        assertThat(Math.abs(r.totalErrorPercent())).isLessThan(10.0);
        assertThat(r.calibrated().clockHz()).isEqualTo(nano.clockHz());
        assertThat(r.calibrated().notes()).contains("least squares over 31 ops");

        Path file = ProfileJson.save(r.calibrated(), folder);
        assertThat(file.getFileName().toString()).isEqualTo("my-nano.json");
        DeviceCatalog catalog = DeviceCatalog.load(folder);
        assertThat(catalog.problems()).isEmpty();
        DeviceProfile loaded = catalog.find("my-nano").orElseThrow();
        assertThat(loaded.cyclesPerMac()).isEqualTo(r.calibrated().cyclesPerMac());
        assertThat(loaded.memoryBandwidthBytesPerCycle()).isEqualTo(r.calibrated().memoryBandwidthBytesPerCycle());
        assertThat(loaded.usbIds()).isEqualTo(nano.usbIds());
        assertThat(loaded.sram()).isEqualTo(nano.sram());
    }

    @Test
    void aRunOfAnotherModelIsRefused() throws Exception {
        DeviceProfile board = Profiles.board(3.0, 7.0, 2.0);
        ModelCost pd = CostModel.of(Shared.open("tflm-person_detect_int8.tflite"));
        ModelCost hello = CostModel.of(Shared.open("tflm-hello_world_int8.tflite"));
        Run helloRun = DeviceEstimator.toRun(DeviceEstimator.estimate(hello, board), "hello", "");
        assertThatThrownBy(() -> Calibration.fit(board, List.of(new Calibration.Measurement(pd, helloRun)), "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("run of hello has 3 ops but the model has 31");
    }
}
