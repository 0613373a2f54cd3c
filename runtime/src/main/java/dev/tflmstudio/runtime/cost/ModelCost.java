package dev.tflmstudio.runtime.cost;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The static cost of a model's main graph: one {@link OpCost} per op in execution order, the model totals and the
 * totals per op type (in order of first appearance, as TFLM's {@code LogTicksPerTagCsv} lists tags).
 */
public record ModelCost(String model, List<OpCost> ops, CostTotals total, List<CostTotals> byOpType) {

    public ModelCost {
        ops = List.copyOf(ops);
        byOpType = List.copyOf(byOpType);
    }

    static ModelCost of(String model, List<OpCost> ops) {
        Map<String, List<OpCost>> groups = new LinkedHashMap<>();
        for (OpCost c : ops) {
            groups.computeIfAbsent(c.opName(), k -> new ArrayList<>()).add(c);
        }
        List<CostTotals> byType = new ArrayList<>();
        groups.forEach((name, list) -> byType.add(CostTotals.sum(name, list)));
        return new ModelCost(model, ops, CostTotals.sum("model", ops), byType);
    }

    public OpCost op(int index) {
        return ops.get(index);
    }

    /** Totals for one op type, or null when the model has no op of that name. */
    public CostTotals forType(String opName) {
        for (CostTotals t : byOpType) {
            if (t.label().equals(opName)) {
                return t;
            }
        }
        return null;
    }
}
