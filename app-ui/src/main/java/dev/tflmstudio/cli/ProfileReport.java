package dev.tflmstudio.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tflmstudio.devices.DeviceProfile;
import dev.tflmstudio.profiler.estimate.CalibrationResult;
import dev.tflmstudio.profiler.estimate.DeviceEstimate;
import dev.tflmstudio.profiler.estimate.OpComparison;
import dev.tflmstudio.profiler.estimate.ProfileJson;
import dev.tflmstudio.profiler.run.OpTiming;
import dev.tflmstudio.profiler.run.Run;
import dev.tflmstudio.profiler.run.RunFiles;
import dev.tflmstudio.runtime.cost.CostTotals;
import dev.tflmstudio.runtime.cost.ModelCost;
import dev.tflmstudio.runtime.cost.OpCost;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What {@code tflm-studio profile} found, and its three ways of printing it (text, CSV, JSON).
 *
 * @param hash         the model file's SHA-256
 * @param cost         the cost model of every op
 * @param local        the local run, or null (--repeat 0, or the model did not run)
 * @param localProblem why the model did not run locally, or null
 * @param estimates    one per --device
 * @param calibration  the --calibrate fit, or null
 * @param savedProfile where --save-profile wrote the calibrated profile, or null
 */
record ProfileReport(String hash, ModelCost cost, Run local, String localProblem, List<DeviceEstimate> estimates,
                     CalibrationResult calibration, Path savedProfile) {

    /** The human-readable report: totals, one row per op, totals by op type, estimates and the calibration. */
    void printText(PrintWriter out) {
        CostTotals t = cost.total();
        out.printf("model: %s (sha256 %s)%n", cost.model(), hash);
        out.printf("cost: %d ops, %,d MACs, %,d other ops, weights %,d B, activations read %,d B, written %,d B, "
                        + "scratch %,d B, intensity %.2f ops/B%n", t.ops(), t.macs(), t.elementwiseOps(),
                t.weightBytes(), t.activationReadBytes(), t.activationWriteBytes(), t.scratchBytes(),
                t.arithmeticIntensity());
        if (local != null) {
            out.printf("local: %s, %d invocations, total %.3f ms (steady-state medians; first invocation %.3f ms)%n",
                    local.source(), local.invocations(), local.totalMicros() / 1000, firstTotal(local) / 1000);
        } else if (localProblem != null) {
            out.printf("local: not runnable: %s%n", localProblem);
        }
        out.println();
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-4s %-26s %8s %13s %10s %10s %10s %10s "
                + "%7s", "#", "op", "precision", "MACs", "other ops", "weights B", "act in B", "act out B", "ops/B"));
        if (local != null) {
            head.append(String.format(Locale.ROOT, " %11s %11s %6s", "local us", "p95 us", "share"));
        }
        for (DeviceEstimate e : estimates) {
            head.append(String.format(Locale.ROOT, " %14s", shorten(e.deviceId(), 14)));
        }
        out.println(head);
        for (OpCost op : cost.ops()) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-4d %-26s %8s %,13d %,10d %,10d "
                            + "%,10d %,10d %7.2f", op.opIndex(), shorten(op.opName(), 26), op.precision(), op.macs(),
                    op.elementwiseOps(), op.weightBytes(), op.activationReadBytes(), op.activationWriteBytes(),
                    op.arithmeticIntensity()));
            if (local != null) {
                OpTiming timing = local.ops().get(op.opIndex());
                row.append(String.format(Locale.ROOT, " %11.1f %11.1f %5.1f%%", timing.micros(),
                        timing.stats().p95Micros(), local.share(op.opIndex()) * 100));
            }
            for (DeviceEstimate e : estimates) {
                row.append(String.format(Locale.ROOT, " %11.1f us", e.ops().get(op.opIndex()).micros()));
            }
            out.println(row);
        }
        out.println();
        out.println("by op type:");
        for (CostTotals type : cost.byOpType()) {
            out.printf("  %-26s %3d ops %,13d MACs %,10d other ops %,10d weight B", type.label(), type.ops(),
                    type.macs(), type.elementwiseOps(), type.weightBytes());
            if (local != null) {
                double micros = local.ops().stream().filter(o -> o.opName().equals(type.label()))
                        .mapToDouble(OpTiming::micros).sum();
                out.printf("  local %.1f us (%.1f%%)", micros, micros * 100 / Math.max(local.totalMicros(), 1e-12));
            }
            out.println();
        }
        if (!estimates.isEmpty()) {
            out.println();
            out.println("estimates (not measurements):");
            for (DeviceEstimate e : estimates) {
                out.printf("  %-28s %10.3f ms  %,.0f cycles%n", e.deviceId(), e.totalMicros() / 1000,
                        e.totalCycles());
                out.printf("    basis: %s%n", e.basis());
            }
        }
        if (calibration != null) {
            printCalibration(out);
        }
    }

    private void printCalibration(PrintWriter out) {
        DeviceProfile b = calibration.base();
        DeviceProfile c = calibration.calibrated();
        out.println();
        out.printf("calibration of %s: %s%n", b.id(), c.cyclesPerMac().basis());
        out.printf("  cycles/MAC int8    %.4g -> %.4g%n", b.cyclesPerMac().int8(), c.cyclesPerMac().int8());
        out.printf("  cycles/MAC float32 %.4g -> %.4g%n", b.cyclesPerMac().float32(), c.cyclesPerMac().float32());
        out.printf("  bytes/cycle        %.4g -> %.4g%n", b.memoryBandwidthBytesPerCycle(),
                c.memoryBandwidthBytesPerCycle());
        out.printf("  total: measured %.3f ms, estimate before %.3f ms (%+.1f%%), after %.3f ms (%+.1f%%)%n",
                calibration.measuredMicros() / 1000, calibration.estimatedMicrosBefore() / 1000,
                calibration.totalErrorPercentBefore(), calibration.estimatedMicrosAfter() / 1000,
                calibration.totalErrorPercent());
        out.printf("  %-4s %-26s %12s %12s %12s %9s%n", "#", "op", "measured us", "before us", "after us", "error");
        for (OpComparison op : calibration.ops()) {
            out.printf("  %-4d %-26s %12.1f %12.1f %12.1f %8.1f%%%n", op.opIndex(), shorten(op.opName(), 26),
                    op.measuredMicros(), op.beforeMicros(), op.afterMicros(), op.errorPercent());
        }
        if (savedProfile != null) {
            out.printf("saved calibrated profile '%s' to %s%n", c.id(), savedProfile);
        }
    }

    /** One CSV row per op, with the local timings and each device's estimate when there are any. */
    void printCsv(PrintWriter out) {
        StringBuilder head = new StringBuilder("index,op,kind,precision,macs,other_ops,weight_bytes,"
                + "activation_read_bytes,activation_write_bytes,scratch_bytes,intensity");
        if (local != null) {
            head.append(",local_median_us,local_p95_us,local_first_us,local_share");
        }
        for (DeviceEstimate e : estimates) {
            head.append(',').append(e.deviceId()).append("_cycles,").append(e.deviceId()).append("_us");
        }
        out.println(head);
        for (OpCost op : cost.ops()) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%d,%s,%s,%s,%d,%d,%d,%d,%d,%d,%.4f",
                    op.opIndex(), op.opName(), op.kind().name().toLowerCase(Locale.ROOT), op.precision(), op.macs(),
                    op.elementwiseOps(), op.weightBytes(), op.activationReadBytes(), op.activationWriteBytes(),
                    op.scratchBytes(), op.arithmeticIntensity()));
            if (local != null) {
                OpTiming t = local.ops().get(op.opIndex());
                row.append(String.format(Locale.ROOT, ",%.3f,%.3f,%.3f,%.5f", t.micros(), t.stats().p95Micros(),
                        t.stats().firstMicros(), local.share(op.opIndex())));
            }
            for (DeviceEstimate e : estimates) {
                row.append(String.format(Locale.ROOT, ",%.1f,%.3f", e.ops().get(op.opIndex()).cycles(),
                        e.ops().get(op.opIndex()).micros()));
            }
            out.println(row);
        }
    }

    /** Everything as one JSON object (the local run as {@code RunFiles} writes it). */
    ObjectNode json(ObjectMapper mapper) throws IOException {
        ObjectNode root = mapper.createObjectNode();
        root.put("model", cost.model());
        root.put("sha256", hash);
        ObjectNode c = root.putObject("cost");
        c.set("total", mapper.valueToTree(cost.total()));
        c.set("byOpType", mapper.valueToTree(cost.byOpType()));
        ArrayNode ops = c.putArray("ops");
        for (OpCost op : cost.ops()) {
            ObjectNode o = ops.addObject();
            o.put("index", op.opIndex());
            o.put("op", op.opName());
            o.put("kind", op.kind().name().toLowerCase(Locale.ROOT));
            o.put("precision", op.precision());
            o.put("macs", op.macs());
            o.put("otherOps", op.elementwiseOps());
            o.put("weightBytes", op.weightBytes());
            o.put("activationReadBytes", op.activationReadBytes());
            o.put("activationWriteBytes", op.activationWriteBytes());
            o.put("scratchBytes", op.scratchBytes());
            o.put("arithmeticIntensity", op.arithmeticIntensity());
        }
        if (local != null) {
            root.set("local", mapper.readTree(RunFiles.toJson(local)));
        } else {
            root.putNull("local");
            if (localProblem != null) {
                root.put("localProblem", localProblem);
            }
        }
        ArrayNode est = root.putArray("estimates");
        for (DeviceEstimate e : estimates) {
            ObjectNode o = est.addObject();
            o.put("device", e.deviceId());
            o.put("clockHz", e.clockHz());
            o.put("basis", e.basis());
            o.put("totalCycles", e.totalCycles());
            o.put("totalMicros", e.totalMicros());
            ArrayNode eo = o.putArray("ops");
            e.ops().forEach(op -> eo.addObject().put("index", op.opIndex()).put("op", op.opName())
                    .put("computeCycles", op.computeCycles()).put("memoryCycles", op.memoryCycles())
                    .put("micros", op.micros()));
        }
        if (calibration != null) {
            ObjectNode o = root.putObject("calibration");
            o.put("base", calibration.base().id());
            o.set("profile", mapper.readTree(ProfileJson.toJson(calibration.calibrated())));
            o.put("measuredMicros", calibration.measuredMicros());
            o.put("estimatedMicrosBefore", calibration.estimatedMicrosBefore());
            o.put("estimatedMicrosAfter", calibration.estimatedMicrosAfter());
            o.put("totalErrorPercent", calibration.totalErrorPercent());
            if (savedProfile != null) {
                o.put("savedTo", savedProfile.toString());
            }
            ArrayNode co = o.putArray("ops");
            for (OpComparison op : calibration.ops()) {
                ObjectNode x = co.addObject().put("index", op.opIndex()).put("op", op.opName())
                        .put("measuredMicros", op.measuredMicros()).put("beforeMicros", op.beforeMicros())
                        .put("afterMicros", op.afterMicros());
                if (Double.isNaN(op.errorPercent())) {
                    x.putNull("errorPercent");
                } else {
                    x.put("errorPercent", op.errorPercent());
                }
            }
        }
        return root;
    }

    private static double firstTotal(Run run) {
        return run.ops().stream().mapToDouble(o -> o.stats().firstMicros() == null ? o.micros()
                : o.stats().firstMicros()).sum();
    }

    /** {@code s} cut to {@code width} characters, its last one {@code ~} when cut (the text tables' op names). */
    static String shorten(String s, int width) {
        return s.length() <= width ? s : s.substring(0, width - 1) + "~";
    }
}
