package dev.tflmstudio.profiler.report;

import dev.tflmstudio.devices.DeviceProfile;
import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.plan.ArenaEstimate;
import dev.tflmstudio.runtime.plan.ArenaEstimator;
import dev.tflmstudio.runtime.plan.KernelSet;
import dev.tflmstudio.runtime.plan.Lifetimes;
import dev.tflmstudio.runtime.plan.MemoryPlan;
import dev.tflmstudio.runtime.plan.PlannedBuffer;
import dev.tflmstudio.runtime.plan.Planners;
import dev.tflmstudio.runtime.plan.Target;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds {@link PlanReport}s. */
public final class PlanReports {
    private PlanReports() {
    }

    /**
     * Plans {@code model} with {@code planner} for {@code target}, predicts the arena and, when {@code device} is
     * given, checks the board.
     */
    public static PlanReport build(Model model, String planner, Target target, DeviceProfile device) {
        return build(model, planner, target, KernelSet.REFERENCE, device);
    }

    /** Same, for a firmware built with {@code kernels} (cmsis-nn needs the mcu32 target). */
    public static PlanReport build(Model model, String planner, Target target, KernelSet kernels,
                                   DeviceProfile device) {
        if (kernels == KernelSet.CMSIS_NN && target != Target.MCU32) {
            throw new IllegalArgumentException("cmsis-nn kernels run on Cortex-M only: use the mcu32 target");
        }
        List<PlannedBuffer> unplaced = Lifetimes.of(model, target, kernels);
        List<PlannerComparison> comparison = new ArrayList<>();
        MemoryPlan chosen = null;
        for (String name : Planners.NAMES) {
            MemoryPlan p = Planners.plan(unplaced, Planners.byName(name), target, kernels);
            comparison.add(new PlannerComparison(name, p.headBytes(), p.lowerBoundBytes()));
            if (name.equals(planner)) {
                chosen = p;
            }
        }
        if (chosen == null) {
            throw new IllegalArgumentException("unknown planner '" + planner + "' (expected tflm or best)");
        }
        ArenaEstimate arena = ArenaEstimator.estimate(model, chosen);
        BoardFit fit = device == null ? null : BoardFits.assess(device, model, chosen, arena);
        return new PlanReport(modelName(model), model, chosen, arena, comparison, fit, OpResolverSnippet.cpp(model));
    }

    private static String modelName(Model model) {
        Path p = Path.of(model.source());
        return p.getFileName() == null ? model.source() : p.getFileName().toString();
    }
}
