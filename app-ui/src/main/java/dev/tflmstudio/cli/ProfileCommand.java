package dev.tflmstudio.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tflmstudio.devices.DeviceCatalog;
import dev.tflmstudio.devices.DeviceProfile;
import dev.tflmstudio.runtime.cost.CostModel;
import dev.tflmstudio.runtime.cost.CostTotals;
import dev.tflmstudio.runtime.cost.ModelCost;
import dev.tflmstudio.runtime.cost.OpCost;
import dev.tflmstudio.profiler.estimate.Calibration;
import dev.tflmstudio.profiler.estimate.CalibrationResult;
import dev.tflmstudio.profiler.estimate.DeviceEstimate;
import dev.tflmstudio.profiler.estimate.DeviceEstimator;
import dev.tflmstudio.profiler.estimate.OpComparison;
import dev.tflmstudio.profiler.estimate.ProfileJson;
import dev.tflmstudio.profiler.overlay.BoardOpError;
import dev.tflmstudio.profiler.overlay.OpOverlay;
import dev.tflmstudio.profiler.overlay.OverlayFormat;
import dev.tflmstudio.profiler.overlay.OverlayMetric;
import dev.tflmstudio.profiler.run.LocalRuns;
import dev.tflmstudio.profiler.run.ModelHash;
import dev.tflmstudio.profiler.run.OpTiming;
import dev.tflmstudio.profiler.run.RefLogRuns;
import dev.tflmstudio.profiler.run.Run;
import dev.tflmstudio.profiler.run.RunFiles;
import dev.tflmstudio.profiler.run.RunFormatException;
import dev.tflmstudio.profiler.run.RunSource;
import dev.tflmstudio.profiler.run.SourceKind;
import dev.tflmstudio.runtime.check.GraphCheck;
import dev.tflmstudio.runtime.interpreter.InvokeCancelledException;
import dev.tflmstudio.runtime.interpreter.Session;
import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.tflite.ModelReader;
import dev.tflmstudio.serial.BoardListener;
import dev.tflmstudio.serial.BoardSession;
import dev.tflmstudio.serial.analysis.OpSequence;
import dev.tflmstudio.serial.analysis.SessionSummary;
import dev.tflmstudio.serial.analysis.TickClock;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tflm-studio profile MODEL}: the cost model of every op, local timings on TFLM Studio's runtime, estimates
 * per device, and optionally a calibration of a device profile from a measured capture.
 */
@Command(name = "profile", mixinStandardHelpOptions = true,
        description = {"Profile a model: MACs, bytes and arithmetic intensity per op, local timings, and estimated "
                + "time per device.",
                "With --calibrate, fit the device's cost figures to a measured capture and show estimate against "
                        + "measurement per op."})
public final class ProfileCommand implements Callable<Integer> {
    @Parameters(paramLabel = "MODEL", description = "A .tflite file.")
    Path modelPath;

    @Option(names = "--device", paramLabel = "ID", description = "Estimate for this device profile (repeatable).")
    List<String> devices = new ArrayList<>();

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "20",
            description = "Local invocations to time (default ${DEFAULT-VALUE}; 0 skips local timing).")
    int repeat;

    @ArgGroup(exclusive = true)
    Format format = new Format();

    static final class Format {
        @Option(names = "--json", description = "Print JSON.")
        boolean json;
        @Option(names = "--csv", description = "Print one CSV row per op.")
        boolean csv;
    }

    @Option(names = "--save-run", paramLabel = "FILE", description = "Save the local run as JSON (for diff).")
    Path saveRun;

    @Option(names = "--calibrate", paramLabel = "CAPTURE",
            description = "Fit the (single) --device's figures to a measured run: a saved run .json, a TFLM "
                    + "reference log, or a board capture/recording (replayed with the device's clock).")
    Path calibrate;

    @Option(names = "--save-profile", paramLabel = "DIR", arity = "0..1", fallbackValue = "",
            description = "With --calibrate: write the calibrated profile as <device>-calibrated.json to DIR "
                    + "(default: the user devices folder).")
    Path saveProfile;

    @Option(names = "--export-overlay", paramLabel = "model-explorer|netron",
            description = "Also write the per-op numbers (local, board and estimated latency, share, MACs, live "
                    + "bytes, board share minus local share, and with --probe-json the board-vs-local error) for "
                    + "Google Model Explorer (node data JSON, one metric per file: --overlay-metric) or Netron (an "
                    + "attachment JSON with every metric).")
    String exportOverlay;

    @Option(names = "--overlay-out", paramLabel = "FILE", description = "The overlay file (default: "
            + "MODEL.METRIC.model-explorer.json or MODEL.netron.json in the current folder).")
    Path overlayOut;

    @Option(names = "--overlay-metric", paramLabel = "M", defaultValue = "local-us",
            description = "Model Explorer's metric: local-us, board-us, estimate-us, share-pct, macs, live-bytes, "
                    + "share-diff-pp, board-max-abs-error or board-equal (default ${DEFAULT-VALUE}).")
    String overlayMetric;

    @Option(names = "--board", paramLabel = "CAPTURE", description = "The board's latencies for the overlay: a "
            + "board capture or recording (replayed with the first --device's clock), a TFLM log or a saved run.")
    Path boardCapture;

    @Option(names = "--probe-json", paramLabel = "FILE", description = "The board-vs-local error for the overlay: "
            + "what 'debug --json' wrote (per op, the largest dequantized difference of the board's outputs from the "
            + "local runtime's, and whether they are equal).")
    Path probeJson;

    @Option(names = "--devices-folder", paramLabel = "DIR",
            description = "User device profiles folder (default ~/.tflm-studio/devices).")
    Path devicesFolder;

    @Option(names = "--max-while-iterations", paramLabel = "N", defaultValue = "1000000",
            description = "Fail a WHILE whose condition is still true after N iterations. Default: ${DEFAULT-VALUE}.")
    long maxWhileIterations;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (repeat < 0) {
            throw new CliException(ExitCode.USAGE, "--repeat must be 0 or more, got " + repeat);
        }
        if (calibrate != null && devices.size() != 1) {
            throw new CliException(ExitCode.USAGE, "--calibrate needs exactly one --device (the profile to fit)");
        }
        if (saveProfile != null && calibrate == null) {
            throw new CliException(ExitCode.USAGE, "--save-profile needs --calibrate");
        }
        if (maxWhileIterations < 1) {
            throw new CliException(ExitCode.USAGE, "--max-while-iterations must be at least 1");
        }
        Model model = ModelReader.open(modelPath);
        GraphCheck.verify(model);
        List<DeviceProfile> profiles = resolveDevices(devicesFolder, devices);
        ModelCost cost = CostModel.of(model);
        String hash = ModelHash.sha256(modelPath);
        PrintWriter err = spec.commandLine().getErr();

        Run local = null;
        String localProblem = null;
        if (repeat > 0) {
            try {
                local = measureLocally(model);
            } catch (InvokeCancelledException e) {
                return ExitCode.CANCELLED;
            } catch (KernelException e) {
                localProblem = e.getMessage();
                err.println("warning: no local timings: " + localProblem);
            }
        }
        if (saveRun != null) {
            if (local == null) {
                throw new CliException(ExitCode.NOT_RUNNABLE, "--save-run: the model did not run locally"
                        + (localProblem == null ? " (--repeat 0)" : ": " + localProblem));
            }
            RunFiles.save(local, saveRun);
        }
        List<DeviceEstimate> estimates = new ArrayList<>();
        for (DeviceProfile p : profiles) {
            estimates.add(DeviceEstimator.estimate(cost, p));
        }
        CalibrationResult calibration = null;
        Path savedProfile = null;
        if (calibrate != null) {
            Run measured = readMeasuredRun(calibrate, model, profiles.get(0));
            try {
                calibration = Calibration.fit(profiles.get(0), List.of(new Calibration.Measurement(cost, measured)),
                        profiles.get(0).id() + "-calibrated");
            } catch (IllegalArgumentException e) {
                throw new CliException(ExitCode.INVALID_INPUT, calibrate + ": " + e.getMessage());
            }
            if (saveProfile != null) {
                Path folder = saveProfile.toString().isEmpty()
                        ? (devicesFolder != null ? devicesFolder : DeviceCatalog.defaultUserFolder()) : saveProfile;
                savedProfile = ProfileJson.save(calibration.calibrated(), folder);
            }
        }
        exportOverlay(model, cost, local, profiles, estimates, err);
        PrintWriter out = spec.commandLine().getOut();
        if (format.json) {
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            out.println(mapper.writeValueAsString(json(mapper, hash, cost, local, localProblem, estimates,
                    calibration, savedProfile)));
        } else if (format.csv) {
            printCsv(out, cost, local, estimates);
        } else {
            printText(out, hash, cost, local, localProblem, estimates, calibration, savedProfile);
        }
        return ExitCode.OK;
    }

    /** Local timings of {@code repeat} invokes; Ctrl+C cancels them with one line on stderr. */
    private Run measureLocally(Model model) throws KernelException, IOException {
        Session session = Session.allocate(model);
        session.setMaxWhileIterations(maxWhileIterations);
        CancelOnCtrlC ctrlC = CancelOnCtrlC.install(session);
        try {
            return LocalRuns.measure(session, modelPath, repeat);
        } catch (InvokeCancelledException e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println(e.getMessage() + " (Ctrl+C)");
            err.flush();
            ctrlC.reported();
            throw e;
        } finally {
            ctrlC.close();
        }
    }

    /** The profiles for {@code ids}, from the built-ins plus the user folder; unknown ids are a usage error. */
    static List<DeviceProfile> resolveDevices(Path folder, List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        DeviceCatalog catalog = DeviceCatalog.load(folder != null ? folder : DeviceCatalog.defaultUserFolder());
        List<DeviceProfile> out = new ArrayList<>();
        for (String id : ids) {
            out.add(catalog.find(id).orElseThrow(() -> new CliException(ExitCode.USAGE, "unknown device '" + id
                    + "' (see 'tflm-studio devices')")));
        }
        return out;
    }

    private void exportOverlay(Model model, ModelCost cost, Run local, List<DeviceProfile> profiles,
                               List<DeviceEstimate> estimates, PrintWriter err) throws IOException {
        if (exportOverlay == null) {
            if (boardCapture != null || overlayOut != null || probeJson != null) {
                throw new CliException(ExitCode.USAGE, "--board, --probe-json and --overlay-out need --export-overlay");
            }
            return;
        }
        OverlayFormat overlayFormat;
        OverlayMetric metric;
        try {
            overlayFormat = OverlayFormat.fromId(exportOverlay);
            metric = OverlayMetric.fromId(overlayMetric);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.USAGE, e.getMessage());
        }
        DeviceProfile device = profiles.isEmpty() ? null : profiles.get(0);
        if (boardCapture != null && device == null && !boardCapture.toString().endsWith(".json")) {
            throw new CliException(ExitCode.USAGE, "--board " + boardCapture + ": give --device ID for the board's "
                    + "clock (its ticks become time with it)");
        }
        Run board = boardCapture == null ? null : readMeasuredRun(boardCapture, model, device);
        Path to = overlayOut != null ? overlayOut : OverlayExport.defaultPath(modelPath, overlayFormat, metric);
        OpOverlay overlay = OverlayExport.of(model, cost, local, board, estimates.isEmpty() ? null : estimates.get(0),
                device);
        if (probeJson != null) {
            List<BoardOpError> errors = ProbeJson.read(probeJson, model);
            overlay = overlay.withBoardErrors(errors, "board vs local error: debug probe run " + probeJson.getFileName()
                    + ", " + errors.size() + " ops compared (max abs of the dequantized outputs)");
        }
        OverlayExport.write(overlay, overlayFormat, metric, to);
        err.println("overlay: wrote " + to + " (" + overlayFormat.id()
                + (overlayFormat == OverlayFormat.MODEL_EXPLORER ? ", " + metric.id() : "") + ")");
    }

    /**
     * A measured run from a file: a saved run (.json), a TFLM reference log, or a board capture or recording,
     * replayed through the serial bridge against the model's op sequence with the device's clock as tick rate.
     */
    static Run readMeasuredRun(Path file, Model model, DeviceProfile device) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new CliException(ExitCode.INVALID_INPUT, "no such file: " + file);
        }
        try {
            if (file.toString().endsWith(".json")) {
                return RunFiles.load(file);
            }
            if (looksLikeRefLog(file)) {
                return RefLogRuns.read(file, null);
            }
        } catch (RunFormatException e) {
            throw new CliException(ExitCode.INVALID_INPUT, e.getMessage());
        }
        TickClock clock = new TickClock(device.clockHz(), "device " + device.id() + " ("
                + Math.round(device.clockMHz()) + " MHz core)");
        SessionSummary summary = BoardSession.replay(file, OpSequence.of(model), clock, new BoardListener() {
        });
        if (summary.ops().isEmpty() || summary.matchedInvocations() == 0) {
            throw new CliException(ExitCode.INVALID_INPUT, file + ": no profiler output that matches the model's "
                    + model.main().operators().size() + " ops (" + summary.invocations() + " invocations seen)");
        }
        return MeasuredRuns.of(summary, clock, model, device, new RunSource(SourceKind.REPLAY, file.toString()));
    }

    private static boolean looksLikeRefLog(Path file) throws IOException {
        try (var lines = Files.lines(file)) {
            return lines.limit(200).anyMatch(l -> l.startsWith("=== tflm_ref ==="));
        } catch (java.io.UncheckedIOException e) {
            return false;
        }
    }

    private static void printText(PrintWriter out, String hash, ModelCost cost, Run local, String localProblem,
                                  List<DeviceEstimate> estimates, CalibrationResult cal, Path savedProfile) {
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
        if (cal != null) {
            printCalibration(out, cal, savedProfile);
        }
    }

    private static void printCalibration(PrintWriter out, CalibrationResult cal, Path savedProfile) {
        DeviceProfile b = cal.base();
        DeviceProfile c = cal.calibrated();
        out.println();
        out.printf("calibration of %s: %s%n", b.id(), c.cyclesPerMac().basis());
        out.printf("  cycles/MAC int8    %.4g -> %.4g%n", b.cyclesPerMac().int8(), c.cyclesPerMac().int8());
        out.printf("  cycles/MAC float32 %.4g -> %.4g%n", b.cyclesPerMac().float32(), c.cyclesPerMac().float32());
        out.printf("  bytes/cycle        %.4g -> %.4g%n", b.memoryBandwidthBytesPerCycle(),
                c.memoryBandwidthBytesPerCycle());
        out.printf("  total: measured %.3f ms, estimate before %.3f ms (%+.1f%%), after %.3f ms (%+.1f%%)%n",
                cal.measuredMicros() / 1000, cal.estimatedMicrosBefore() / 1000, cal.totalErrorPercentBefore(),
                cal.estimatedMicrosAfter() / 1000, cal.totalErrorPercent());
        out.printf("  %-4s %-26s %12s %12s %12s %9s%n", "#", "op", "measured us", "before us", "after us", "error");
        for (OpComparison op : cal.ops()) {
            out.printf("  %-4d %-26s %12.1f %12.1f %12.1f %8.1f%%%n", op.opIndex(), shorten(op.opName(), 26),
                    op.measuredMicros(), op.beforeMicros(), op.afterMicros(), op.errorPercent());
        }
        if (savedProfile != null) {
            out.printf("saved calibrated profile '%s' to %s%n", c.id(), savedProfile);
        }
    }

    private static void printCsv(PrintWriter out, ModelCost cost, Run local, List<DeviceEstimate> estimates) {
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

    private static ObjectNode json(ObjectMapper mapper, String hash, ModelCost cost, Run local, String localProblem,
                                   List<DeviceEstimate> estimates, CalibrationResult cal, Path savedProfile)
            throws IOException {
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
        if (cal != null) {
            ObjectNode o = root.putObject("calibration");
            o.put("base", cal.base().id());
            o.set("profile", mapper.readTree(ProfileJson.toJson(cal.calibrated())));
            o.put("measuredMicros", cal.measuredMicros());
            o.put("estimatedMicrosBefore", cal.estimatedMicrosBefore());
            o.put("estimatedMicrosAfter", cal.estimatedMicrosAfter());
            o.put("totalErrorPercent", cal.totalErrorPercent());
            if (savedProfile != null) {
                o.put("savedTo", savedProfile.toString());
            }
            ArrayNode co = o.putArray("ops");
            for (OpComparison op : cal.ops()) {
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

    static String shorten(String s, int width) {
        return s.length() <= width ? s : s.substring(0, width - 1) + "~";
    }
}
