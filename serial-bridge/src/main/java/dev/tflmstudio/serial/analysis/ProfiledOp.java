package dev.tflmstudio.serial.analysis;

/**
 * One op's timing inside an invocation.
 *
 * @param position   0-based position in the invocation (= the model's op index when the invocation matches it)
 * @param tag        the op name the board printed
 * @param ticks      ticks as printed
 * @param reportedMs the board's {@code (N ms)} value, or -1 when the line had none
 * @param line       the line number it came from
 */
public record ProfiledOp(int position, String tag, long ticks, long reportedMs, long line) {
}
