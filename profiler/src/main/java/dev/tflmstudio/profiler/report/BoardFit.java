package dev.tflmstudio.profiler.report;

/**
 * Whether a model fits a board, and the {@code kTensorArenaSize} to use.
 *
 * @param deviceId              the board's profile id
 * @param deviceName            the board's name
 * @param arenaUsedBytes        predicted {@code arena_used_bytes()}
 * @param planningPeakBytes     arena needed while {@code AllocateTensors()} plans (tail plus temporary planning
 *                              data in the head), which can exceed the final use for many small buffers
 * @param headroomBytes         margin added on top of the larger of the two
 * @param headroomRule          how the margin was chosen, in words
 * @param recommendedArenaBytes the {@code kTensorArenaSize} to use (rounded up to 1 KiB)
 * @param largestSramBytes      the biggest single SRAM region (the arena must be contiguous)
 * @param totalSramBytes        all SRAM regions together
 * @param fitsSram              recommended arena fits the largest SRAM region
 * @param modelBytes            the .tflite size (goes to flash as a C array)
 * @param runtimeCodeBytes      estimated TFLM code size for the ops this model uses
 * @param flashBytes            total flash
 * @param fitsFlash             model + runtime fit in flash
 */
public record BoardFit(String deviceId, String deviceName, long arenaUsedBytes, long planningPeakBytes,
                       long headroomBytes, String headroomRule, long recommendedArenaBytes, long largestSramBytes,
                       long totalSramBytes, boolean fitsSram, long modelBytes, long runtimeCodeBytes,
                       long flashBytes, boolean fitsFlash) {

    public long sramLeftBytes() {
        return largestSramBytes - recommendedArenaBytes;
    }

    public long flashLeftBytes() {
        return flashBytes - modelBytes - runtimeCodeBytes;
    }
}
