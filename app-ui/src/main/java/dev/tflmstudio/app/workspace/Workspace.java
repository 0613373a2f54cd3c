package dev.tflmstudio.app.workspace;

import dev.tflmstudio.devices.DeviceProfile;
import dev.tflmstudio.runtime.cost.ModelCost;
import dev.tflmstudio.profiler.report.BoardFits;
import dev.tflmstudio.runtime.interpreter.TensorSnapshot;
import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.model.Operator;
import dev.tflmstudio.runtime.model.Subgraph;
import dev.tflmstudio.runtime.model.Tensor;
import dev.tflmstudio.runtime.plan.MemoryPlan;
import dev.tflmstudio.runtime.plan.Target;
import dev.tflmstudio.serial.analysis.MeasuredArena;
import dev.tflmstudio.serial.analysis.SessionSummary;
import java.nio.file.Path;
import java.util.Optional;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;
import javafx.collections.ObservableSet;

/**
 * The state every tool window binds to: the open model, the shared selection, the current time step and the
 * breakpoints. Tool windows never talk to each other; they observe and update this.
 */
public final class Workspace {
    private final ObjectProperty<Model> model = new SimpleObjectProperty<>(this, "model");
    private final ObjectProperty<Path> modelPath = new SimpleObjectProperty<>(this, "modelPath");
    private final ObjectProperty<Selection> selection = new SimpleObjectProperty<>(this, "selection", Selection.NONE);
    /** The operator about to run while debugging (its execution index), or -1 when no session is paused. */
    private final IntegerProperty currentStep = new SimpleIntegerProperty(this, "currentStep", -1);
    private final ObservableSet<Integer> breakpoints = FXCollections.observableSet();
    private final AppLog log = new AppLog();
    /**
     * Per-op numbers other windows show or colour by, keyed by metric ({@code LATENCY}, {@code SHARE},
     * {@code MACS}, {@code BOARD_US} = the attached board's latest per-op µs):
     * index = op index of subgraph 0, NaN where unknown. Filled by whoever computes them (profile, cost model).
     */
    /** The selected tensor's value now (from the debug session, or a constant's data), or null. */
    private final ObjectProperty<TensorSnapshot> tensorValue = new SimpleObjectProperty<>(this, "tensorValue");
    /** Per-op wall times of the local runs so far, or null before the first complete invoke. */
    private final ObjectProperty<OpTimings> timings = new SimpleObjectProperty<>(this, "timings");
    /** The profiler's static cost of the open model (MACs, bytes per op), or null until counted. */
    private final ObjectProperty<ModelCost> cost = new SimpleObjectProperty<>(this, "cost");
    private final ObservableMap<String, double[]> opMetrics = FXCollections.observableHashMap();
    /** The memory plan of the open model for the chosen planner, or null while none is computed. */
    private final ObjectProperty<MemoryPlan> plan = new SimpleObjectProperty<>(this, "plan");
    /** Every planner's plan of the open model by planner name, to compare them. */
    private final ObservableMap<String, MemoryPlan> plans = FXCollections.observableHashMap();
    /** The arena the attached (or replayed) board reported, or null while it has reported none. */
    private final ObjectProperty<MeasuredArena> boardArena = new SimpleObjectProperty<>(this, "boardArena");
    private final ObjectProperty<DeviceProfile> boardDevice = new SimpleObjectProperty<>(this, "boardDevice");
    private final ObservableList<DeviceProfile> devices = FXCollections.observableArrayList();
    /** The serial bridge's statistics of the attached (or replayed) board so far, or null. */
    private final ObjectProperty<SessionSummary> boardSummary = new SimpleObjectProperty<>(this, "boardSummary");
    /** The board attached through its debug probe, where it is and what it computed, or null while none is. */
    private final ObjectProperty<BoardProbe> boardProbe = new SimpleObjectProperty<>(this, "boardProbe");

    public ObjectProperty<Model> modelProperty() {
        return model;
    }

    public Model model() {
        return model.get();
    }

    public ObjectProperty<Path> modelPathProperty() {
        return modelPath;
    }

    /** Shows a freshly opened model: clears selection, step and breakpoints that belonged to the previous one. */
    public void setModel(Model newModel, Path path) {
        selection.set(Selection.NONE);
        currentStep.set(-1);
        breakpoints.clear();
        plan.set(null);
        plans.clear();
        opMetrics.clear();
        cost.set(null);
        tensorValue.set(null);
        timings.set(null);
        // Board numbers were measured for the previous model; comparing them with this one would mislead.
        boardArena.set(null);
        boardSummary.set(null);
        boardProbe.set(null);
        modelPath.set(path);
        model.set(newModel);
    }

    public ObjectProperty<Selection> selectionProperty() {
        return selection;
    }

    public Selection selection() {
        return selection.get();
    }

    public void select(Selection s) {
        selection.set(s == null ? Selection.NONE : s);
    }

    public IntegerProperty currentStepProperty() {
        return currentStep;
    }

    public ObservableSet<Integer> breakpoints() {
        return breakpoints;
    }

    public void toggleBreakpoint(int op) {
        if (!breakpoints.remove(op)) {
            breakpoints.add(op);
        }
    }

    public ObjectProperty<MemoryPlan> planProperty() {
        return plan;
    }

    public ObjectProperty<TensorSnapshot> tensorValueProperty() {
        return tensorValue;
    }

    public ObjectProperty<ModelCost> costProperty() {
        return cost;
    }

    public ObjectProperty<OpTimings> timingsProperty() {
        return timings;
    }

    public ObservableMap<String, double[]> opMetrics() {
        return opMetrics;
    }

    public ObservableMap<String, MemoryPlan> plans() {
        return plans;
    }

    public ObjectProperty<MeasuredArena> boardArenaProperty() {
        return boardArena;
    }

    /**
     * The device profiles the app offers: the built-in boards plus the user's folder, kept current by
     * {@link DeviceList} (filled in the background, so it is empty for a moment after start-up).
     */
    public ObservableList<DeviceProfile> devices() {
        return devices;
    }

    /** The device profile picked for the attached board (its word size decides which arena prediction applies). */
    public ObjectProperty<DeviceProfile> boardDeviceProperty() {
        return boardDevice;
    }

    /**
     * The word size the plan and arena predictions use for the chosen board: its own (mcu32 for a 32-bit core),
     * host64 while no board is chosen.
     */
    public Target boardTarget() {
        DeviceProfile d = boardDevice.get();
        return d == null ? Target.HOST64 : BoardFits.targetFor(d);
    }

    public ObjectProperty<SessionSummary> boardSummaryProperty() {
        return boardSummary;
    }

    public ObjectProperty<BoardProbe> boardProbeProperty() {
        return boardProbe;
    }

    public AppLog log() {
        return log;
    }

    /** The subgraph the selection is in, if a model is open. */
    public Optional<Subgraph> selectedSubgraph() {
        Model m = model.get();
        if (m == null) {
            return Optional.empty();
        }
        int s = selection.get().subgraph();
        return Optional.of(m.subgraphs().get(s < m.subgraphs().size() ? s : 0));
    }

    public Optional<Operator> selectedOperator() {
        Selection s = selection.get();
        return selectedSubgraph().filter(g -> s.hasOp() && s.op() < g.operators().size())
                .map(g -> g.operator(s.op()));
    }

    public Optional<Tensor> selectedTensor() {
        Selection s = selection.get();
        return selectedSubgraph().filter(g -> s.hasTensor() && s.tensor() < g.tensors().size())
                .map(g -> g.tensor(s.tensor()));
    }
}
