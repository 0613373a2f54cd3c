package dev.tflmstudio.app;

import dev.tflmstudio.app.workspace.BackgroundWork;
import dev.tflmstudio.app.workspace.RecentFiles;
import dev.tflmstudio.app.workspace.Workspace;
import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.plan.MemoryPlan;
import dev.tflmstudio.runtime.plan.Planners;
import dev.tflmstudio.runtime.tflite.ModelReader;
import java.nio.file.Path;
import java.util.Locale;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.concurrent.Task;

/** Opens models and plans their arena in the background, then hands them to the workspace. */
final class ModelOpener {
    private final Workspace workspace;
    private final BackgroundWork work;
    private final RecentFiles recent;
    private final ObjectProperty<String> planner = new SimpleObjectProperty<>(this, "planner", "tflm");
    private Runnable onRecentChanged = () -> { };

    ModelOpener(Workspace workspace, BackgroundWork work, RecentFiles recent) {
        this.workspace = workspace;
        this.work = work;
        this.recent = recent;
        planner.addListener((o, a, b) -> replan());
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
                return ModelReader.open(path);
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
        });
    }

    /** Plans the open model's arena with the chosen planner. */
    void replan() {
        Model model = workspace.model();
        if (model == null) {
            return;
        }
        String name = planner.get();
        Task<MemoryPlan> task = new Task<>() {
            @Override
            protected MemoryPlan call() {
                updateMessage("Planning the arena (" + name + ")");
                return Planners.plan(model, name);
            }
        };
        work.run("Memory planning (" + name + ")", task, plan -> {
            if (workspace.model() == model) {
                workspace.planProperty().set(plan);
                workspace.log().info(String.format(Locale.ROOT, "Planned %d buffers with '%s': head %,d B,"
                                + " lower bound %,d B", plan.bufferCount(), name, plan.headBytes(),
                        plan.lowerBoundBytes()));
            }
        });
    }
}
