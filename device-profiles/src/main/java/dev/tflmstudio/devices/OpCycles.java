package dev.tflmstudio.devices;

/**
 * One op's core cycles on a device by {@link DeviceProfile#opCycles}: arithmetic and memory traffic apart, so a
 * reader sees which one the estimate says dominates.
 *
 * @param compute cycles charged for arithmetic: (MACs + other operations) x cycles per MAC
 * @param memory  cycles charged for traffic: bytes moved / bandwidth in bytes per cycle
 */
public record OpCycles(double compute, double memory) {
    public double total() {
        return compute + memory;
    }
}
