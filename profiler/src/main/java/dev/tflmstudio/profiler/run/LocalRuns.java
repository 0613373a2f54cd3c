package dev.tflmstudio.profiler.run;

import dev.tflmstudio.runtime.input.PatternInput;
import dev.tflmstudio.runtime.interpreter.Session;
import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.model.Tensor;
import dev.tflmstudio.runtime.model.TensorType;
import dev.tflmstudio.runtime.plan.ArenaEstimator;
import dev.tflmstudio.runtime.plan.MemoryPlan;
import dev.tflmstudio.runtime.plan.Planners;
import dev.tflmstudio.runtime.plan.Target;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures a model on TFLM Studio's own runtime: every op's wall time ({@code System.nanoTime}) over
 * {@code invocations} invokes on the reference input pattern. No warm-up is hidden: invocation 1 is the cold one
 * and is reported apart as the first invocation.
 */
public final class LocalRuns {
    private LocalRuns() {
    }

    /**
     * Allocates a session for {@code model} and times it.
     *
     * @param modelFile the file the model came from (hashed into the run), or null
     * @throws KernelException when an op cannot be registered, prepared or run
     */
    public static Run measure(Model model, Path modelFile, int invocations) throws KernelException, IOException {
        return measure(Session.allocate(model), modelFile, invocations);
    }

    /**
     * Times an allocated session (its WHILE limit and cancellation set by the caller) on the reference pattern;
     * resource-handle inputs, which take no values, are left as they are.
     */
    public static Run measure(Session session, Path modelFile, int invocations) throws KernelException, IOException {
        if (invocations < 1) {
            throw new IllegalArgumentException("invocations must be at least 1, got " + invocations);
        }
        Model model = session.model();
        for (int i = 0; i < model.main().inputs().size(); i++) {
            Tensor t = model.main().tensor(model.main().inputs().get(i));
            if (t.type() != TensorType.RESOURCE) {
                session.setInput(i, PatternInput.bytesFor(t));
            }
        }
        int n = session.opCount();
        List<List<Double>> samples = new ArrayList<>();
        for (int op = 0; op < n; op++) {
            samples.add(new ArrayList<>(invocations));
        }
        for (int k = 0; k < invocations; k++) {
            session.run();
            long[] nanos = session.lastOpNanos();
            for (int op = 0; op < n; op++) {
                samples.get(op).add(nanos[op] / 1000.0);
            }
        }
        MemoryPlan plan = session.layout().plan();
        List<OpTiming> ops = new ArrayList<>(n);
        for (int op = 0; op < n; op++) {
            // op k runs at time step k+1 of the memory plan
            Long live = op + 1 < plan.liveBytes().size() ? (long) plan.liveBytes().get(op + 1) : null;
            ops.add(OpTiming.measured(op, model.main().operator(op).opName(), samples.get(op), live));
        }
        String name = modelFile != null ? modelFile.getFileName().toString() : model.source();
        String hash = modelFile != null ? ModelHash.sha256(modelFile) : "";
        return new Run(Run.FORMAT, name, hash, new RunSource(SourceKind.LOCAL, "TFLM Studio runtime, "
                + System.getProperty("os.arch")), null, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                invocations, arenaUsedBytes(model), ops);
    }

    /**
     * What TFLM's {@code arena_used_bytes()} would report for this model on this (64-bit) host, so local runs
     * compare with reference logs and board runs; null when the estimator cannot size the model.
     */
    private static Long arenaUsedBytes(Model model) {
        try {
            return ArenaEstimator.estimate(model, Planners.plan(model, "tflm", Target.HOST64)).totalBytes();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
