package dev.tflmstudio.profiler.estimate;

import dev.tflmstudio.devices.DeviceProfile;
import dev.tflmstudio.devices.Fpu;
import dev.tflmstudio.devices.MacCost;
import dev.tflmstudio.devices.MemoryRegion;
import dev.tflmstudio.devices.UsbId;
import java.util.List;

/** A device profile with round numbers, for estimates checked by hand. */
final class Profiles {
    private Profiles() {
    }

    static DeviceProfile board(double int8, double float32, double bandwidth) {
        return new DeviceProfile("test-board", "Test Board", "Test", "TM1", "Cortex-M4F", "ARMv7E-M", 100_000_000L,
                32, Fpu.SINGLE, "DSP extensions", List.of(new MemoryRegion("SRAM", 262144)),
                List.of(new MemoryRegion("Flash", 1048576)), List.of(new UsbId(0x2341, 0x805A, "CDC", null)),
                115200, new MacCost(int8, float32, true, "made up for tests"), bandwidth, "reference", "",
                DeviceProfile.BUILT_IN);
    }
}
