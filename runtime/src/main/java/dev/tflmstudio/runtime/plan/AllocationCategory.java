package dev.tflmstudio.runtime.plan;

/**
 * One line of {@code RecordingMicroAllocator::PrintAllocations()}: bytes the tail grew by (with alignment
 * padding), bytes asked for, and how many allocations.
 */
public record AllocationCategory(String name, String description, long usedBytes, long requestedBytes, int count) {

    /** The line exactly as TFLM prints it. */
    public String logLine() {
        return "[RecordingMicroAllocator] '" + name + "' used " + usedBytes
                + " bytes with alignment overhead (requested " + requestedBytes + " bytes for " + count + " "
                + description + ")";
    }
}
