package dev.tflmstudio.runtime.model;

import java.util.List;

/**
 * The {@code OfflineMemoryAllocation} metadata: an arena offset for every tensor of every subgraph (concatenated,
 * subgraph 0 first), or -1 to let TFLM plan that tensor online.
 */
public record OfflineMemoryAllocation(int formatVersion, int subgraphCount, List<Integer> offsets) {
    public static final String METADATA_NAME = "OfflineMemoryAllocation";
    public static final int ONLINE = -1;

    public OfflineMemoryAllocation {
        offsets = List.copyOf(offsets);
    }
}
