package dev.tflmstudio.profiler.estimate;

import java.util.List;

/**
 * A model's predicted per-op cycles and time on one device. It is an estimate, never a measurement: {@code basis}
 * says what it rests on.
 *
 * @param deviceId  the profile's id
 * @param clockHz   the clock the cycles were converted with
 * @param basis     one line: the formula and where the profile's figures come from
 */
public record DeviceEstimate(String deviceId, String deviceName, long clockHz, List<OpEstimate> ops, String basis) {

    public DeviceEstimate {
        ops = List.copyOf(ops);
    }

    public double totalCycles() {
        return ops.stream().mapToDouble(OpEstimate::cycles).sum();
    }

    public double totalMicros() {
        return ops.stream().mapToDouble(OpEstimate::micros).sum();
    }
}
