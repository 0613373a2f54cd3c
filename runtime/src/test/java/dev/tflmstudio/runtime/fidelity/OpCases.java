package dev.tflmstudio.runtime.fidelity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every op the differential test generates models for, and the generator of case {@code i} of a sweep: ops in
 * turn (so every op gets its share), each case with its own seed derived from the sweep's seed.
 */
final class OpCases {
    /** Builds one random model for an op into a {@link CaseModel}. */
    interface Family {
        void build(CaseModel g);
    }

    /** A generated model and the words that say what it is. */
    record Case(int index, String op, String label, byte[] model) {
        String fileName() {
            return String.format("%05d_%s.tflite", index, op.toLowerCase());
        }
    }

    private static final Map<String, Family> FAMILIES = new TreeMap<>();

    static {
        ElementwiseCases.register(FAMILIES);
        LayerCases.register(FAMILIES);
        ShapeCases.register(FAMILIES);
        IndexingCases.register(FAMILIES);
    }

    private OpCases() {
    }

    static List<String> ops() {
        return new ArrayList<>(FAMILIES.keySet());
    }

    static Case generate(long seed, int index, List<String> ops) {
        return generate(seed, index, ops, g -> { });
    }

    /** Case {@code index}, with {@code setup} applied to its model before the family builds it. */
    static Case generate(long seed, int index, List<String> ops, java.util.function.Consumer<CaseModel> setup) {
        String op = ops.get(index % ops.size());
        CaseModel g = new CaseModel(seed * 1_000_003L + index);
        setup.accept(g);
        FAMILIES.get(op).build(g);
        return new Case(index, op, g.label(), g.build());
    }
}
