package dev.tflmstudio.serial.analysis;

import java.util.List;

/**
 * The arena a board reported with {@code RecordingMicroAllocator::PrintAllocations()}. A field the board has not
 * printed (yet) is -1.
 *
 * @param totalBytes {@code arena_used_bytes()}
 * @param headBytes  the non-persistent (planned) section
 * @param tailBytes  the persistent section
 * @param categories the per-category lines, in print order
 */
public record MeasuredArena(long totalBytes, long headBytes, long tailBytes, List<AllocationCategory> categories) {
    public static final MeasuredArena NONE = new MeasuredArena(-1, -1, -1, List.of());

    public MeasuredArena {
        categories = List.copyOf(categories);
    }

    public boolean reported() {
        return totalBytes >= 0 || headBytes >= 0 || tailBytes >= 0;
    }
}
