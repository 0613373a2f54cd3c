package dev.tflmstudio.serial.sim;

import dev.tflmstudio.runtime.input.PatternInput;
import dev.tflmstudio.runtime.interpreter.Session;
import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.model.Model;
import java.util.Arrays;

/**
 * Runs the model in the local runtime for every invocation (pattern inputs, as the reference runs use) and turns
 * each op's measured host time into board ticks. A calibration of {@value #CALIBRATION_RUNS} runs (after
 * {@value #WARMUP_RUNS} warm-up runs) gives each op's median host time; with a device estimate these are scaled so
 * their sum equals the device's estimated invocation (relative op costs from the real run, absolute level from the
 * profile); without one, ticks are host microseconds, like the reference build's {@code clock()}. Each invocation
 * then varies with the real run, but a host hiccup (GC, JIT, another process) is clamped to
 * {@value #MIN_RATIO}..{@value #MAX_RATIO} of the op's median: a microcontroller has no such pauses.
 */
final class RuntimeTickSource implements OpTickSource {
    private static final int WARMUP_RUNS = 10;
    private static final int CALIBRATION_RUNS = 9;
    private static final double MIN_RATIO = 0.8;
    private static final double MAX_RATIO = 1.25;

    private final Session session;
    private final double[] medianNanos;
    private final double ticksPerNano;
    private final String basis;

    private RuntimeTickSource(Session session, double[] medianNanos, double ticksPerNano, String basis) {
        this.session = session;
        this.medianNanos = medianNanos;
        this.ticksPerNano = ticksPerNano;
        this.basis = basis;
    }

    /**
     * @param deviceTotalTicks the device estimate of a whole invocation in ticks, or -1 for host microseconds
     * @throws KernelException when the runtime cannot run the model (a missing kernel, an unsupported type)
     */
    static RuntimeTickSource start(Model model, long deviceTotalTicks, String deviceBasis) throws KernelException {
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
        double total = 0;
        for (int op = 0; op < ops; op++) {
            Arrays.sort(runs[op]);
            median[op] = Math.max(1, runs[op][CALIBRATION_RUNS / 2]);
            total += median[op];
        }
        if (deviceTotalTicks < 0) {
            return new RuntimeTickSource(session, median, 1e-3, "local runtime, host microseconds");
        }
        return new RuntimeTickSource(session, median, deviceTotalTicks / total,
                "local runtime op timings scaled to " + deviceBasis);
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
            ticks[i] = Math.max(1, Math.round(medianNanos[i] * ratio * ticksPerNano));
        }
        return ticks;
    }

    @Override
    public String basis() {
        return basis;
    }
}
