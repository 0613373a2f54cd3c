package dev.tflmstudio.profiler.estimate;

/**
 * An op's estimate against its measurement.
 *
 * @param beforeMicros estimate from the profile as it was
 * @param afterMicros  estimate from the calibrated profile
 * @param measuredMicros what the run measured (steady-state median)
 */
public record OpComparison(String model, int opIndex, String opName, double beforeMicros, double afterMicros,
                           double measuredMicros) {

    /** Signed error of the calibrated estimate in percent of the measurement; NaN when nothing was measured. */
    public double errorPercent() {
        return measuredMicros == 0 ? Double.NaN : (afterMicros - measuredMicros) * 100 / measuredMicros;
    }

    /** Signed error of the estimate before calibration, in percent of the measurement. */
    public double errorPercentBefore() {
        return measuredMicros == 0 ? Double.NaN : (beforeMicros - measuredMicros) * 100 / measuredMicros;
    }
}
