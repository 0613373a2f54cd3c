package dev.tflmstudio.profiler.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tflmstudio.devices.DeviceCatalog;
import dev.tflmstudio.devices.DeviceProfile;
import dev.tflmstudio.runtime.cost.CostKind;
import dev.tflmstudio.runtime.cost.CostModel;
import dev.tflmstudio.runtime.cost.ModelCost;
import dev.tflmstudio.runtime.cost.OpCost;
import dev.tflmstudio.profiler.run.Run;
import dev.tflmstudio.profiler.run.SourceKind;
import dev.tflmstudio.profiler.testing.Shared;
import org.junit.jupiter.api.Test;

class DeviceEstimatorTest {

    @Test
    void cyclesAreWorkTimesCyclesPerMacPlusBytesOverBandwidth() {
        DeviceProfile board = Profiles.board(2.0, 10.0, 4.0);
        OpCost int8 = new OpCost(0, "CONV_2D", CostKind.MAC, "int8", 900, 100, 200, 150, 50, 0);
        OpCost fp = new OpCost(1, "CONV_2D", CostKind.MAC, "float32", 1000, 0, 200, 150, 50, 0);

        OpEstimate a = DeviceEstimator.estimate(int8, board);
        OpEstimate b = DeviceEstimator.estimate(fp, board);

        // 1000 ops x 2 cycles + 400 bytes / 4 bytes per cycle = 2100 cycles = 21 us at 100 MHz
        assertThat(a.computeCycles()).isEqualTo(2000);
        assertThat(a.memoryCycles()).isEqualTo(100);
        assertThat(a.micros()).isCloseTo(21.0, within(1e-9));
        // float uses the float32 figure: 10,000 + 100 cycles
        assertThat(b.cycles()).isEqualTo(10_100);
    }

    @Test
    void personDetectOnABuiltInBoardStatesItsBasis() throws Exception {
        DeviceProfile nano = DeviceCatalog.builtIn().find("arduino-nano-33-ble-sense").orElseThrow();
        ModelCost cost = CostModel.of(Shared.open("tflm-person_detect_int8.tflite"));

        DeviceEstimate e = DeviceEstimator.estimate(cost, nano);

        assertThat(e.ops()).hasSize(31);
        double expectedCycles = 0;
        for (OpCost op : cost.ops()) {
            expectedCycles += op.work() * nano.cyclesPerMac().int8() + op.bytesMoved()
                    / nano.memoryBandwidthBytesPerCycle();
        }
        assertThat(e.totalCycles()).isCloseTo(expectedCycles, within(1e-6 * expectedCycles));
        assertThat(e.totalMicros()).isCloseTo(expectedCycles / nano.clockHz() * 1e6, within(1e-3));
        assertThat(e.basis()).startsWith("estimate for arduino-nano-33-ble-sense at 64 MHz")
                .contains("cycles/MAC int8");

        Run run = DeviceEstimator.toRun(e, "tflm-person_detect_int8.tflite", "");
        assertThat(run.source().kind()).isEqualTo(SourceKind.ESTIMATE);
        assertThat(run.device()).isEqualTo("arduino-nano-33-ble-sense");
        assertThat(run.totalMicros()).isCloseTo(e.totalMicros(), within(1e-6));
    }
}
