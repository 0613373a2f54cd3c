package dev.tflmstudio.profiler.heatmap;

import java.util.Arrays;

/**
 * One value per op of subgraph 0 for colouring the app's graph. {@code values[i]} belongs to op index i; NaN marks
 * an op without a value (a MAC-less op has no cycles per MAC, an op a trace did not compare has no error).
 *
 * @param metric what is measured, a stable key: {@code latency}, {@code share}, {@code macs}, ...
 * @param unit   the unit of the values: {@code us}, {@code %}, {@code MACs}, {@code cycles/MAC}, {@code B}, ...
 * @param label  a human title with the source, e.g. {@code Latency (local, median of 20)}
 */
public record HeatMap(String metric, String unit, String label, double[] values) {
    public HeatMap {
        values = values.clone();
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    /** The value of op {@code opIndex}; NaN when it has none. */
    public double value(int opIndex) {
        return opIndex >= 0 && opIndex < values.length ? values[opIndex] : Double.NaN;
    }

    public int size() {
        return values.length;
    }

    /** Largest value, ignoring NaN; NaN when no op has a value. */
    public double max() {
        return Arrays.stream(values).filter(v -> !Double.isNaN(v)).max().orElse(Double.NaN);
    }

    public double min() {
        return Arrays.stream(values).filter(v -> !Double.isNaN(v)).min().orElse(Double.NaN);
    }

    /** The value scaled to 0..1 between {@link #min()} and {@link #max()}, for a colour ramp; NaN stays NaN. */
    public double normalized(int opIndex) {
        double v = value(opIndex);
        double lo = min();
        double hi = max();
        if (Double.isNaN(v)) {
            return Double.NaN;
        }
        return hi == lo ? 0 : (v - lo) / (hi - lo);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HeatMap h && metric.equals(h.metric) && unit.equals(h.unit) && label.equals(h.label)
                && Arrays.equals(values, h.values);
    }

    @Override
    public int hashCode() {
        return metric.hashCode() * 31 + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "HeatMap[" + metric + " (" + unit + "), " + values.length + " ops]";
    }
}
