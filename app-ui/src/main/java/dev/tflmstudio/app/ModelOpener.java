package dev.tflmstudio.app;

import dev.tflmstudio.app.workspace.BackgroundWork;
import dev.tflmstudio.app.workspace.RecentFiles;
import dev.tflmstudio.app.workspace.Workspace;
import dev.tflmstudio.runtime.check.GraphCheck;
import dev.tflmstudio.runtime.cost.CostModel;
import dev.tflmstudio.runtime.cost.ModelCost;
import dev.tflmstudio.runtime.cost.OpCost;
import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.plan.KernelSet;
import dev.tflmstudio.runtime.plan.MemoryPlan;
import dev.tflmstudio.runtime.plan.Planners;
import dev.tflmstudio.runtime.plan.Target;
import dev.tflmstudio.runtime.tflite.ModelReader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.concurrent.Task;

/** Opens models and plans their arena in the background, then hands them to the workspace. */
final class ModelOpener {
    private final Workspace workspace;
    private final BackgroundWork work;
    private final RecentFiles recent;
    private final ObjectProperty<String> planner = new SimpleObjectProperty<>(this, "planner", "tflm");
    private final ObjectProperty<KernelSet> kernels = new SimpleObjectProperty<>(this, "kernels",
            KernelSet.REFERENCE);
    private Runnable onRecentChanged = () -> { };

    ModelOpener(Workspace workspace, BackgroundWork work, RecentFiles recent) {
        this.workspace = workspace;
        this.work = work;
        this.recent = recent;
        planner.addListener((o, a, b) -> {
            MemoryPlan known = workspace.plans().get(b);
            if (known != null) {
                workspace.planProperty().set(known);
                workspace.log().info("Showing the '" + b + "' plan");
            } else {
                replan();
            }
        });
        // another kernel set requests other scratch buffers: every cached plan is stale
        kernels.addListener((o, a, b) -> {
            workspace.plans().clear();
            workspace.log().info("Planning for " + b.id() + " kernels" + (b == KernelSet.CMSIS_NN
                    ? " (a Cortex-M firmware, mcu32)" : ""));
            replan();
        });
    }

    /** The kernel set the plans are made for: reference (the local runtime's) or cmsis-nn (a Cortex-M build). */
    ObjectProperty<KernelSet> kernelsProperty() {
        return kernels;
    }

    /** The planner whose plan the arena, properties and heat map show ({@code tflm} or {@code best}). */
    ObjectProperty<String> plannerProperty() {
        return planner;
    }

    void setOnRecentChanged(Runnable r) {
        this.onRecentChanged = r;
    }

    Task<Model> open(Path path) {
        long start = System.nanoTime();
        workspace.log().info("Opening " + path);
        Task<Model> task = new Task<>() {
            @Override
            protected Model call() throws Exception {
                updateMessage("Opening " + path.getFileName());
                Model model = ModelReader.open(path);
                // a graph that would recurse, hang the planner or need an impossible arena is refused here, before
                // it replaces the open model (the failure dialog shows the check's one line)
                GraphCheck.verify(model);
                return model;
            }
        };
        return work.run("Opening " + path.getFileName(), task, model -> {
            workspace.setModel(model, path);
            recent.add(path);
            onRecentChanged.run();
            workspace.log().info(String.format(Locale.ROOT, "Opened %s: %d subgraph(s), %d ops, %d tensors in %d ms",
                    path.getFileName(), model.subgraphs().size(), model.main().operators().size(),
                    model.main().tensors().size(), (System.nanoTime() - start) / 1_000_000));
            replan();
            countCost(model);
        });
    }

    /** MACs per op from the profiler's static cost model, for the profile table and the MACs heat map. */
    private void countCost(Model model) {
        Task<ModelCost> task = new Task<>() {
            @Override
            protected ModelCost call() {
                updateMessage("Counting MACs");
                return CostModel.of(model);
            }
        };
        work.run("Cost model", task, cost -> {
            if (workspace.model() != model) {
                return;
            }
            double[] macs = new double[model.main().operators().size()];
            for (OpCost op : cost.ops()) {
                if (op.opIndex() < macs.length) {
                    macs[op.opIndex()] = op.macs();
                }
            }
            workspace.costProperty().set(cost);
            workspace.opMetrics().put("MACS", macs);
        });
    }

    /** Plans the open model's arena with every planner and shows the chosen one's plan. */
    void replan() {
        Model model = workspace.model();
        if (model == null) {
            return;
        }
        String chosen = planner.get();
        KernelSet set = kernels.get();
        Task<Map<String, MemoryPlan>> task = new Task<>() {
            @Override
            protected Map<String, MemoryPlan> call() {
                Map<String, MemoryPlan> out = new LinkedHashMap<>();
                for (String name : Planners.NAMES) {
                    updateMessage("Planning the arena (" + name + ")");
                    out.put(name, set == KernelSet.CMSIS_NN ? Planners.plan(model, name, Target.MCU32, set)
                            : Planners.plan(model, name));
                }
                return out;
            }
        };
        work.run("Memory planning", task, plans -> {
            if (workspace.model() != model || kernels.get() != set) {
                return;
            }
            workspace.plans().putAll(plans);
            MemoryPlan plan = plans.get(chosen);
            workspace.planProperty().set(plan);
            workspace.log().info(String.format(Locale.ROOT, "Planned %d buffers with '%s': head %,d B,"
                    + " lower bound %,d B", plan.bufferCount(), chosen, plan.headBytes(), plan.lowerBoundBytes()));
        });
    }
}
