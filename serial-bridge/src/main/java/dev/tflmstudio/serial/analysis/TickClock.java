package dev.tflmstudio.serial.analysis;

/**
 * How fast the board's profiler ticks ({@code tflite::ticks_per_second()}), which the board never prints: from the
 * device profile (ticks = core cycles, as the Cortex-M ports count them) or a value the user gives.
 *
 * @param ticksPerSecond ticks per second, positive
 * @param source         where the figure comes from, e.g. {@code device arduino-nano-33-ble-sense (64 MHz core)}
 */
public record TickClock(long ticksPerSecond, String source) {
    public TickClock {
        if (ticksPerSecond <= 0) {
            throw new IllegalArgumentException("ticks per second must be positive, got " + ticksPerSecond);
        }
    }

    public double millis(long ticks) {
        return ticks * 1000.0 / ticksPerSecond;
    }

    public double micros(long ticks) {
        return ticks * 1_000_000.0 / ticksPerSecond;
    }

    /**
     * The {@code (N ms)} value TFLM prints for {@code ticks} on this clock: {@code TicksToMs} computes
     * {@code (uint32_t)(1000.0f * (float)(int32_t)ticks / (float)ticks_per_second)} in single precision.
     * Returns -1 where C's conversion of a negative float is undefined.
     */
    public long tflmMillis(long ticks) {
        return tflmMillis(ticks, ticksPerSecond);
    }

    static long tflmMillis(long ticks, long ticksPerSecond) {
        float ms = 1000.0f * (float) (int) ticks / (float) ticksPerSecond;
        return ms < 0 ? -1 : (long) ms;
    }
}
