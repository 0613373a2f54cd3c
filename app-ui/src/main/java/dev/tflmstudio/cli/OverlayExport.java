package dev.tflmstudio.cli;

import dev.tflmstudio.devices.DeviceProfile;
import dev.tflmstudio.profiler.estimate.DeviceEstimate;
import dev.tflmstudio.profiler.estimate.OpEstimate;
import dev.tflmstudio.profiler.overlay.OpOverlay;
import dev.tflmstudio.profiler.overlay.OverlayFormat;
import dev.tflmstudio.profiler.overlay.OverlayMetric;
import dev.tflmstudio.profiler.run.OpTiming;
import dev.tflmstudio.profiler.run.Run;
import dev.tflmstudio.runtime.cost.ModelCost;
import dev.tflmstudio.runtime.io.AtomicFile;
import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.plan.KernelSet;
import dev.tflmstudio.runtime.plan.MemoryPlan;
import dev.tflmstudio.runtime.plan.Planners;
import dev.tflmstudio.runtime.plan.Target;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** {@code profile --export-overlay}: the profile's per-op numbers as a file Model Explorer or Netron opens. */
final class OverlayExport {
    private OverlayExport() {
    }

    /** The overlay of what {@code profile} measured and estimated; any part may be missing (null). */
    static OpOverlay of(Model model, ModelCost cost, Run local, Run board, DeviceEstimate estimate,
                        DeviceProfile device) {
        List<String> notes = new ArrayList<>();
        if (local != null) {
            notes.add("local: " + local.source().detail() + ", " + local.invocations() + " invokes, medians");
        }
        if (board != null) {
            notes.add("board: " + board.source().kind().name().toLowerCase(java.util.Locale.ROOT) + " "
                    + board.source().detail() + ", " + board.invocations() + " invocations, medians");
        }
        if (estimate != null) {
            notes.add("device estimate: " + estimate.basis());
        }
        MemoryPlan plan = null;
        try {
            Target target = device == null || device.wordSizeBits() > 32 ? Target.HOST64 : Target.MCU32;
            KernelSet kernels = target == Target.MCU32 ? KernelSet.fromId(device.kernels()) : KernelSet.REFERENCE;
            plan = Planners.plan(model, "tflm", target, kernels);
            notes.add("live bytes: TFLM's greedy plan for " + target.id() + ", " + kernels.id() + " kernels");
        } catch (RuntimeException e) {
            notes.add("no live bytes: " + e.getMessage());
        }
        int n = model.main().operators().size();
        double[] est = null;
        if (estimate != null) {
            est = new double[n];
            Arrays.fill(est, Double.NaN);
            for (OpEstimate e : estimate.ops()) {
                est[e.opIndex()] = e.micros();
            }
        }
        return OpOverlay.of(model, cost, plan, medians(local, n), medians(board, n), est, notes);
    }

    private static double[] medians(Run run, int n) {
        if (run == null) {
            return null;
        }
        if (run.ops().size() != n) {
            throw new CliException(ExitCode.INVALID_INPUT, "the " + run.source().kind().name().toLowerCase(
                    java.util.Locale.ROOT) + " run has " + run.ops().size() + " ops, the model " + n);
        }
        double[] us = new double[n];
        for (OpTiming t : run.ops()) {
            us[t.index()] = t.stats().medianMicros();
        }
        return us;
    }

    /** Writes the file (a temporary file renamed over {@code to}) and returns the path written. */
    static Path write(OpOverlay overlay, OverlayFormat format, OverlayMetric metric, Path to) throws IOException {
        String text;
        try {
            text = format.write(overlay, metric);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.USAGE, "--export-overlay " + format.id() + ": " + e.getMessage());
        }
        AtomicFile.write(to, text);
        return to;
    }

    /** {@code MODEL-STEM.METRIC.model-explorer.json} or {@code MODEL-STEM.netron.json} in the current folder. */
    static Path defaultPath(Path model, OverlayFormat format, OverlayMetric metric) {
        String name = model.getFileName().toString();
        String stem = name.endsWith(".tflite") ? name.substring(0, name.length() - 7) : name;
        return Path.of(format == OverlayFormat.NETRON ? stem + ".netron.json"
                : stem + "." + metric.id() + ".model-explorer.json");
    }
}
