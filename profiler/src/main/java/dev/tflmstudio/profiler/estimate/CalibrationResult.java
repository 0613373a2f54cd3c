package dev.tflmstudio.profiler.estimate;

import dev.tflmstudio.devices.DeviceProfile;
import java.util.List;

/**
 * A device profile fitted to measured runs, with every op's estimate before and after against its measurement.
 *
 * @param calibrated the fitted profile (save it with {@link ProfileJson#save})
 */
public record CalibrationResult(DeviceProfile base, DeviceProfile calibrated, List<OpComparison> ops) {
    public CalibrationResult {
        ops = List.copyOf(ops);
    }

    public double measuredMicros() {
        return ops.stream().mapToDouble(OpComparison::measuredMicros).sum();
    }

    public double estimatedMicrosBefore() {
        return ops.stream().mapToDouble(OpComparison::beforeMicros).sum();
    }

    public double estimatedMicrosAfter() {
        return ops.stream().mapToDouble(OpComparison::afterMicros).sum();
    }

    /** Error of the whole-model estimate after calibration, percent of the measured total. */
    public double totalErrorPercent() {
        return (estimatedMicrosAfter() - measuredMicros()) * 100 / measuredMicros();
    }

    public double totalErrorPercentBefore() {
        return (estimatedMicrosBefore() - measuredMicros()) * 100 / measuredMicros();
    }
}
