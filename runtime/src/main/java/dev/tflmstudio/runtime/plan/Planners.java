package dev.tflmstudio.runtime.plan;

import dev.tflmstudio.runtime.model.Model;
import java.util.ArrayList;
import java.util.List;

/** Entry point: plan a model's arena head with a named planner. */
public final class Planners {
    public static final List<String> NAMES = List.of("tflm", "best");

    private Planners() {
    }

    /** The planner called {@code name} ({@code tflm} or {@code best}). */
    public static MemoryPlanner byName(String name) {
        return switch (name) {
            case "tflm" -> new GreedyPlanner();
            case "best" -> new BestPlanner();
            default -> throw new IllegalArgumentException("unknown planner '" + name + "' (expected tflm or best)");
        };
    }

    /** Plans {@code model} for the host64 target (scratch sizes differ between targets only for ADD_N). */
    public static MemoryPlan plan(Model model, String planner) {
        return plan(model, planner, Target.HOST64);
    }

    public static MemoryPlan plan(Model model, String planner, Target target) {
        return plan(Lifetimes.of(model, target), byName(planner), target);
    }

    /** Places {@code unplaced} buffers with {@code planner}. */
    public static MemoryPlan plan(List<PlannedBuffer> unplaced, MemoryPlanner planner, Target target) {
        int[] offsets = planner.place(unplaced);
        List<PlannedBuffer> placed = new ArrayList<>(unplaced.size());
        for (int i = 0; i < unplaced.size(); i++) {
            placed.add(unplaced.get(i).withOffset(offsets[i]));
        }
        return MemoryPlan.of(planner.name(), target, placed);
    }
}
