package dev.tflmstudio.serial.analysis;

/**
 * The board clock rates consistent with every {@code (N ms)} value seen: TFLM truncates toward zero, so a line
 * {@code T ticks (N ms)} means {@code 1000*T/(N+1) < ticks_per_second <= 1000*T/N}.
 *
 * @param lowExclusive  every consistent rate is above this (0 when nothing bounds it)
 * @param highInclusive every consistent rate is at most this (infinite when nothing bounds it)
 * @param samples       how many lines contributed
 */
public record ClockRange(double lowExclusive, double highInclusive, long samples) {
    public static final ClockRange UNKNOWN = new ClockRange(0, Double.POSITIVE_INFINITY, 0);

    ClockRange with(long ticks, long ms) {
        if (ticks <= 0 || ms < 0) {
            return this;
        }
        // float rounding in TicksToMs can move a boundary by a few ulps; stay slightly generous.
        double low = 1000.0 * ticks / (ms + 1) * (1 - 1e-6);
        double high = ms == 0 ? Double.POSITIVE_INFINITY : 1000.0 * ticks / ms * (1 + 1e-6);
        return new ClockRange(Math.max(lowExclusive, low), Math.min(highInclusive, high), samples + 1);
    }

    /** Whether the observations contradict each other (no single clock rate explains them all). */
    public boolean inconsistent() {
        return lowExclusive >= highInclusive;
    }

    public boolean contains(long ticksPerSecond) {
        return ticksPerSecond > lowExclusive && ticksPerSecond <= highInclusive;
    }
}
