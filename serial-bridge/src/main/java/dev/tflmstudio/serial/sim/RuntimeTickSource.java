package dev.tflmstudio.serial.sim;

import dev.tflmstudio.runtime.input.PatternInput;
import dev.tflmstudio.runtime.interpreter.Session;
import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.model.Model;
import java.util.Arrays;

/**
 * Runs the model in the local runtime for every invocation (pattern inputs, as the reference runs use) and gives
 * each op's measured host time in microseconds, like the reference build's {@code clock()} (the virtual board
 * without a device profile). A calibration of {@value #CALIBRATION_RUNS} runs (after {@value #WARMUP_RUNS} warm-up
 * runs) gives each op's median host time; each invocation then varies with the real run, but a host hiccup (GC,
 * JIT, another process) is clamped to {@value #MIN_RATIO}..{@value #MAX_RATIO} of the op's median.
 */
final class RuntimeTickSource implements OpTickSource {
    private static final int WARMUP_RUNS = 10;
    private static final int CALIBRATION_RUNS = 9;
    private static final double MIN_RATIO = 0.8;
    private static final double MAX_RATIO = 1.25;

    private final Session session;
    private final double[] medianNanos;
    private static final double TICKS_PER_NANO = 1e-3;

    private RuntimeTickSource(Session session, double[] medianNanos) {
        this.session = session;
        this.medianNanos = medianNanos;
    }

    /** @throws KernelException when the runtime cannot run the model (a missing kernel, an unsupported type) */
    static RuntimeTickSource start(Model model) throws KernelException {
        Session session = Session.allocate(model);
        for (int i = 0; i < model.main().inputs().size(); i++) {
            session.setInput(i, PatternInput.bytesFor(model.main().tensor(model.main().inputs().get(i))));
        }
        for (int i = 0; i < WARMUP_RUNS; i++) {
            session.run();
        }
        int ops = model.main().operators().size();
        long[][] runs = new long[ops][CALIBRATION_RUNS];
        for (int r = 0; r < CALIBRATION_RUNS; r++) {
            session.run();
            long[] nanos = session.lastOpNanos();
            for (int op = 0; op < ops; op++) {
                runs[op][r] = nanos[op];
            }
        }
        double[] median = new double[ops];
        for (int op = 0; op < ops; op++) {
            Arrays.sort(runs[op]);
            median[op] = Math.max(1, runs[op][CALIBRATION_RUNS / 2]);
        }
        return new RuntimeTickSource(session, median);
    }

    @Override
    public long[] nextInvocation() {
        try {
            session.run();
        } catch (KernelException e) {
            throw new IllegalStateException("the local runtime failed: " + e.getMessage(), e);
        }
        long[] nanos = session.lastOpNanos();
        long[] ticks = new long[nanos.length];
        for (int i = 0; i < nanos.length; i++) {
            double ratio = Math.min(MAX_RATIO, Math.max(MIN_RATIO, nanos[i] / medianNanos[i]));
            ticks[i] = Math.max(1, Math.round(medianNanos[i] * ratio * TICKS_PER_NANO));
        }
        return ticks;
    }

    @Override
    public String basis() {
        return "local runtime, host microseconds";
    }
}
