package dev.tflmstudio.app.profile;

/**
 * One op's line in the profile table; NaN where a number is not known (no run yet, no cost model).
 *
 * @param op       execution index
 * @param name     op name
 * @param meanUs   mean local latency over the invokes, µs
 * @param minUs    fastest, µs
 * @param maxUs    slowest, µs
 * @param lastUs   the latest invoke, µs
 * @param share    mean latency as a percentage of the whole invoke
 * @param macs     multiply-accumulates from the cost model
 * @param boardUs  the attached board's latest time for the op, µs
 * @param deviceUs the device estimate for the chosen device profile, µs
 */
public record ProfileRow(int op, String name, double meanUs, double minUs, double maxUs, double lastUs,
                         double share, double macs, double boardUs, double deviceUs) {
}
