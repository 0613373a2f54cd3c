package dev.tflmstudio.serial.analysis;

/**
 * One {@code [RecordingMicroAllocator] 'NAME' used ...} line.
 *
 * @param name           e.g. {@code Persistent buffer data}
 * @param usedBytes      bytes used with alignment overhead
 * @param requestedBytes bytes requested
 * @param count          how many allocations
 * @param unit           what was counted ({@code allocations}, {@code tensors}, {@code NodeAndRegistration structs})
 */
public record AllocationCategory(String name, long usedBytes, long requestedBytes, long count, String unit) {
}
