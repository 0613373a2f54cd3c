package dev.tflmstudio.profiler.estimate;

/**
 * Predicted cost of one op on one device.
 *
 * @param computeCycles cycles charged for arithmetic: (MACs + other operations) x cycles per MAC
 * @param memoryCycles  cycles charged for traffic: bytes moved / bandwidth in bytes per cycle
 * @param micros        (compute + memory cycles) / clock, in microseconds
 */
public record OpEstimate(int opIndex, String opName, double computeCycles, double memoryCycles, double micros) {

    public double cycles() {
        return computeCycles + memoryCycles;
    }
}
