package dev.tflmstudio.runtime.model;

import java.util.Map;

/** A SavedModel signature: named inputs and outputs (name to tensor index) of one subgraph. */
public record SignatureDef(String key, int subgraph, Map<String, Integer> inputs, Map<String, Integer> outputs) {
    public SignatureDef {
        inputs = Map.copyOf(inputs);
        outputs = Map.copyOf(outputs);
    }
}
