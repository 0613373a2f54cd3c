package dev.tflmstudio.runtime.model;

import java.util.List;
import java.util.Optional;

/**
 * An opened, verified {@code .tflite} model: the immutable IR everything else reads.
 *
 * @param source             where it was read from (a path, or a name for in-memory models)
 * @param sizeBytes          file size
 * @param schemaVersion      {@code Model.version} (3 for every current file)
 * @param description        the converter's description string
 * @param operatorCodes      the operator code table
 * @param subgraphs          subgraphs; 0 is the main graph
 * @param metadata           named metadata entries
 * @param signatures         signature defs
 * @param offlinePlan        decoded {@code OfflineMemoryAllocation}, or null
 * @param minRuntimeVersion  the {@code min_runtime_version} metadata string, or null
 */
public record Model(String source, long sizeBytes, long schemaVersion, String description,
                    List<OperatorCode> operatorCodes, List<Subgraph> subgraphs, List<Metadata> metadata,
                    List<SignatureDef> signatures, OfflineMemoryAllocation offlinePlan, String minRuntimeVersion) {

    public Model {
        operatorCodes = List.copyOf(operatorCodes);
        subgraphs = List.copyOf(subgraphs);
        metadata = List.copyOf(metadata);
        signatures = List.copyOf(signatures);
    }

    /** The main graph (subgraph 0). */
    public Subgraph main() {
        return subgraphs.get(0);
    }

    public Optional<OfflineMemoryAllocation> offlineAllocation() {
        return Optional.ofNullable(offlinePlan);
    }

    /** Total tensors over all subgraphs (the length TFLM expects for an offline plan). */
    public int totalTensorCount() {
        int n = 0;
        for (Subgraph s : subgraphs) {
            n += s.tensors().size();
        }
        return n;
    }
}
