package dev.tflmstudio.cli;

import dev.tflmstudio.devices.DeviceCatalog;
import dev.tflmstudio.devices.DeviceProfile;
import dev.tflmstudio.runtime.model.ModelFormatException;
import dev.tflmstudio.runtime.tflite.ModelReader;
import dev.tflmstudio.serial.analysis.OpSequence;
import dev.tflmstudio.serial.analysis.TickClock;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * What {@code attach} and {@code replay} need to read a board's log: the model it runs (to map events to ops) and
 * its clock (to turn ticks into time), from a device profile or {@code --tick-hz}. A picocli mixin.
 */
final class BoardOptions {
    @Option(names = "--model", paramLabel = "M", description = "The .tflite the board runs: maps events to its ops.")
    Path model;

    @Option(names = "--device", paramLabel = "ID",
            description = "Device profile: its clock turns ticks into time (attach: also the default baud).")
    String device;

    @Option(names = "--tick-hz", paramLabel = "HZ", description = "The board's ticks per second (overrides --device).")
    Long tickHz;

    /** The op sequence of {@code --model}, or null when none is given. */
    OpSequence expectedOps() throws IOException, ModelFormatException {
        return model == null ? null : OpSequence.of(ModelReader.open(model));
    }

    /** The board clock from {@code --tick-hz}, else from the device profile, else null. */
    TickClock tickClock() {
        if (tickHz != null) {
            if (tickHz <= 0) {
                throw new CliException(ExitCode.USAGE, "--tick-hz must be positive, got " + tickHz);
            }
            return new TickClock(tickHz, "--tick-hz");
        }
        DeviceProfile profile = deviceProfile();
        return profile == null ? null : new TickClock(profile.clockHz(), "core clock of " + profile.id());
    }

    /** The {@code --device} profile, or null when none is given. */
    DeviceProfile deviceProfile() {
        return deviceProfile(device);
    }

    /** The profile with this id (built-in or the user's), null for a null id; a usage error for an unknown one. */
    static DeviceProfile deviceProfile(String id) {
        if (id == null) {
            return null;
        }
        DeviceCatalog catalog = DeviceCatalog.load(DeviceCatalog.defaultUserFolder());
        return catalog.find(id).orElseThrow(() -> new CliException(ExitCode.USAGE,
                "unknown device '" + id + "' (see 'tflm-studio devices')"));
    }
}
