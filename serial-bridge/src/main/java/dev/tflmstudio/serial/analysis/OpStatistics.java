package dev.tflmstudio.serial.analysis;

/**
 * Per-op statistics over the invocations that matched the expected op sequence.
 *
 * @param index      op index (position in the invocation; the model's op index when a model is loaded)
 * @param tag        op name
 * @param all        over every matched invocation
 * @param firstTicks the first matched invocation's ticks (cold caches, lazy init: often slower)
 * @param steady     over every matched invocation after the first (empty until there are two)
 */
public record OpStatistics(int index, String tag, TickStats all, long firstTicks, TickStats steady) {
}
