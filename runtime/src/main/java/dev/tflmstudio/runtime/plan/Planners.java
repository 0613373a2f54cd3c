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
        return plan(model, planner, target, KernelSet.REFERENCE);
    }

    /**
     * Plans {@code model} as a build with {@code kernels} does; CMSIS-NN exists for Cortex-M only, so it needs the
     * mcu32 target.
     */
    public static MemoryPlan plan(Model model, String planner, Target target, KernelSet kernels) {
        if (kernels == KernelSet.CMSIS_NN && target != Target.MCU32) {
            throw new IllegalArgumentException("cmsis-nn kernels run on Cortex-M only: use the mcu32 target");
        }
        return plan(Lifetimes.of(model, target, kernels), byName(planner), target, kernels);
    }

    /** Places {@code unplaced} buffers with {@code planner}. */
    public static MemoryPlan plan(List<PlannedBuffer> unplaced, MemoryPlanner planner, Target target) {
        return plan(unplaced, planner, target, KernelSet.REFERENCE);
    }

    /** Places {@code unplaced} buffers (requested by {@code kernels}) with {@code planner}. */
    public static MemoryPlan plan(List<PlannedBuffer> unplaced, MemoryPlanner planner, Target target,
                                  KernelSet kernels) {
        int[] offsets = planner.place(unplaced);
        List<PlannedBuffer> placed = new ArrayList<>(unplaced.size());
        for (int i = 0; i < unplaced.size(); i++) {
            placed.add(unplaced.get(i).withOffset(offsets[i]));
        }
        return MemoryPlan.of(planner.name(), target, kernels, placed);
    }
}
