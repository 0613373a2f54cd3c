package dev.tflmstudio.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tflmstudio.devices.DeviceCatalog;
import dev.tflmstudio.devices.DeviceProfile;
import dev.tflmstudio.runtime.cost.CostModel;
import dev.tflmstudio.runtime.cost.ModelCost;
import dev.tflmstudio.profiler.estimate.Calibration;
import dev.tflmstudio.profiler.estimate.CalibrationResult;
import dev.tflmstudio.profiler.estimate.DeviceEstimate;
import dev.tflmstudio.profiler.estimate.DeviceEstimator;
import dev.tflmstudio.profiler.estimate.ProfileJson;
import dev.tflmstudio.profiler.overlay.BoardOpError;
import dev.tflmstudio.profiler.overlay.OpOverlay;
import dev.tflmstudio.profiler.overlay.OverlayFormat;
import dev.tflmstudio.profiler.overlay.OverlayMetric;
import dev.tflmstudio.profiler.run.LocalRuns;
import dev.tflmstudio.profiler.run.ModelHash;
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
        ProfileReport report = new ProfileReport(hash, cost, local, localProblem, estimates, calibration,
                savedProfile);
        if (format.json) {
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            out.println(mapper.writeValueAsString(report.json(mapper)));
        } else if (format.csv) {
            report.printCsv(out);
        } else {
            report.printText(out);
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
}
