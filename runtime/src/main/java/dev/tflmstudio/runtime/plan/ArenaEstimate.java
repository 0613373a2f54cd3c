package dev.tflmstudio.runtime.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The whole arena as {@code RecordingMicroAllocator} reports it after {@code AllocateTensors()}: the planned head,
 * the persistent tail and the recorded categories (only those TFLM prints: used or requested above zero).
 *
 * @param target         word size the tail was computed for
 * @param headBytes      non-persistent bytes (the memory plan's head)
 * @param tailBytes      persistent bytes
 * @param categories     PrintAllocations categories in TFLM's print order
 * @param estimatedParts ops (or structures) whose tail share is an estimate, not read from TFLM's source and
 *                       confirmed against a reference run; empty when the whole number is exact
 * @param kernels        the kernel set the head and tail were computed for
 * @param variables      where the resource variables live, or null when the model has none
 */
public record ArenaEstimate(Target target, int headBytes, long tailBytes, List<AllocationCategory> categories,
                            List<String> estimatedParts, KernelSet kernels, ResourceVariablesArena variables) {

    public ArenaEstimate {
        categories = List.copyOf(categories);
        estimatedParts = List.copyOf(estimatedParts);
    }

    /** {@code arena_used_bytes()}: head + tail. */
    public long totalBytes() {
        return headBytes + tailBytes;
    }

    public Optional<ResourceVariablesArena> resourceVariables() {
        return Optional.ofNullable(variables);
    }

    public boolean isExact() {
        return estimatedParts.isEmpty();
    }

    /** The PrintAllocations block exactly as TFLM logs it. */
    public List<String> logLines() {
        List<String> lines = new ArrayList<>();
        lines.add("[RecordingMicroAllocator] Arena allocation total " + totalBytes() + " bytes");
        lines.add("[RecordingMicroAllocator] Arena allocation head " + headBytes + " bytes");
        lines.add("[RecordingMicroAllocator] Arena allocation tail " + tailBytes + " bytes");
        for (AllocationCategory c : categories) {
            lines.add(c.logLine());
        }
        return lines;
    }
}
