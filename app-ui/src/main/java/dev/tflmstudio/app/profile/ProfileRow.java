package dev.tflmstudio.app.profile;

/**
 * One op's line in the profile table; NaN where a number is not known (no run yet, no board, no cost model).
 * Local and board statistics follow the profiler's convention: the first invocation apart (cold caches, lazy
 * setup), min / median / p95 / max over the steady state (every invocation after the first, once there are two).
 *
 * @param op            execution index
 * @param name          op name
 * @param count         local invokes measured (0 before the first)
 * @param firstUs       the first local invoke, µs
 * @param minUs         steady-state fastest, µs
 * @param medianUs      steady-state median, µs
 * @param p95Us         steady-state 95th percentile, µs
 * @param maxUs         steady-state slowest, µs
 * @param share         steady-state median as a percentage of the sum of all ops' medians
 * @param macs          multiply-accumulates from the cost model
 * @param boardCount    board invocations that matched the model (0 when none)
 * @param boardFirst    the board's first matched invocation, in {@link ProfileRows.BoardUnit}s
 * @param boardMedian   the board's steady-state median
 * @param boardP95      the board's steady-state 95th percentile
 * @param deviceUs      the device estimate for the chosen device profile, µs
 */
public record ProfileRow(int op, String name, int count, double firstUs, double minUs, double medianUs,
                         double p95Us, double maxUs, double share, double macs, int boardCount, double boardFirst,
                         double boardMedian, double boardP95, double deviceUs) {
}
