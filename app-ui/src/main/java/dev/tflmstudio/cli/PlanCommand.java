package dev.tflmstudio.cli;

import dev.tflmstudio.devices.DeviceCatalog;
import dev.tflmstudio.devices.DeviceProfile;
import dev.tflmstudio.profiler.report.BoardFits;
import dev.tflmstudio.profiler.report.PlanCsv;
import dev.tflmstudio.profiler.report.PlanHtml;
import dev.tflmstudio.profiler.report.PlanJson;
import dev.tflmstudio.profiler.report.PlanMarkdown;
import dev.tflmstudio.profiler.report.PlanReport;
import dev.tflmstudio.profiler.report.PlanReports;
import dev.tflmstudio.runtime.io.AtomicFile;
import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.plan.KernelSet;
import dev.tflmstudio.runtime.plan.MemoryPlan;
import dev.tflmstudio.runtime.plan.OfflinePlans;
import dev.tflmstudio.runtime.plan.Planners;
import dev.tflmstudio.runtime.plan.Target;
import dev.tflmstudio.runtime.tflite.ModelReader;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tflm-studio plan MODEL}: the arena memory plan (TFLM's or a better one), the whole-arena size TFLM will
 * report, and whether it fits a board.
 */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Plan the tensor arena like TFLM (or better) and predict arena_used_bytes before flashing.",
                "Prints a Markdown summary unless --format or -o says otherwise."})
public final class PlanCommand implements Callable<Integer> {
    enum Format { json, md, csv, html }

    @Parameters(paramLabel = "MODEL", description = "A .tflite file.")
    Path modelPath;

    @Option(names = "--planner", paramLabel = "tflm|best", defaultValue = "tflm",
            description = "tflm: TFLM's GreedyMemoryPlanner exactly; best: the smallest plan found (default: "
                    + "${DEFAULT-VALUE}).")
    String planner;

    @Option(names = "--target", paramLabel = "host64|mcu32",
            description = "Word size for the tail: host64 (x86-64) or mcu32 (Cortex-M). Default: the device's, "
                    + "else host64.")
    String target;

    @Option(names = "--kernels", paramLabel = "reference|cmsis-nn",
            description = "The kernel library the firmware links: reference (TFLM's own) or cmsis-nn (Arm's, for "
                    + "Cortex-M with DSP; implies mcu32). Default: the device's, else reference.")
    String kernels;

    @Option(names = "--device", paramLabel = "ID", description = "Board profile id (see 'tflm-studio devices').")
    String deviceId;

    @Option(names = "--devices-folder", paramLabel = "DIR", hidden = true,
            description = "Folder of user device profiles.")
    Path devicesFolder = DeviceCatalog.defaultUserFolder();

    @Option(names = "--format", paramLabel = "json|md|csv|html",
            description = "Output format (default: md, or from the -o file's extension).")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report here (atomically).")
    Path output;

    @Option(names = "--json", hidden = true, description = "Same as --format json.")
    boolean json;

    @Option(names = "--write-offline-plan", paramLabel = "OUT.tflite",
            description = "Write a copy of the model with the best plan stored as OfflineMemoryAllocation.")
    Path offlinePlanOut;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!Planners.NAMES.contains(planner)) {
            throw new CliException(ExitCode.USAGE, "unknown planner '" + planner + "' (expected tflm or best)");
        }
        DeviceProfile device = device();
        KernelSet k = kernels(device);
        Target t = target(device, k);
        if (k == KernelSet.CMSIS_NN && t != Target.MCU32) {
            throw new CliException(ExitCode.USAGE, "--kernels cmsis-nn runs on Cortex-M only: use --target mcu32");
        }
        Model model = ModelReader.open(modelPath);
        try {
            // the graph check first (exit 3), then every op's Prepare: TFLM plans only after each passed, so a
            // model it refuses there has no plan
            dev.tflmstudio.runtime.interpreter.Session.allocate(model);
        } catch (dev.tflmstudio.runtime.kernels.KernelException e) {
            throw new CliException(ExitCode.NOT_RUNNABLE, e.getMessage());
        }
        PlanReport report;
        try {
            report = PlanReports.build(model, planner, t, k, device);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.NOT_RUNNABLE, modelPath + ": " + e.getMessage());
        }
        String text = switch (format()) {
            case json -> PlanJson.write(report);
            case csv -> PlanCsv.write(report);
            case html -> PlanHtml.write(report);
            case md -> PlanMarkdown.write(report);
        };
        if (output == null) {
            spec.commandLine().getOut().print(text);
        } else {
            AtomicFile.write(output, text);
            spec.commandLine().getErr().println("wrote " + output);
        }
        if (offlinePlanOut != null) {
            writeOfflinePlan(model, t);
        }
        spec.commandLine().getOut().flush();
        spec.commandLine().getErr().flush();
        return ExitCode.OK;
    }

    private void writeOfflinePlan(Model model, Target t) throws Exception {
        MemoryPlan best = Planners.plan(model, "best", t);
        byte[] copy = OfflinePlans.withPlan(ByteBuffer.wrap(Files.readAllBytes(modelPath)), model, best);
        AtomicFile.write(offlinePlanOut, copy);
        Model written = ModelReader.open(offlinePlanOut);
        MemoryPlan onBoard = Planners.plan(written, "tflm", t);
        spec.commandLine().getErr().printf("wrote %s: TFLM will plan a %,d-byte head with it (best plan %,d, "
                + "TFLM without it %,d)%n", offlinePlanOut, onBoard.headBytes(), best.headBytes(),
                Planners.plan(model, "tflm", t).headBytes());
    }

    private Format format() {
        if (json) {
            return Format.json;
        }
        if (format != null) {
            return format;
        }
        if (output != null) {
            String name = output.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
            for (Format f : Format.values()) {
                if (name.endsWith("." + f.name()) || (f == Format.html && name.endsWith(".htm"))) {
                    return f;
                }
            }
        }
        return Format.md;
    }

    private DeviceProfile device() {
        if (deviceId == null) {
            return null;
        }
        DeviceCatalog catalog = DeviceCatalog.load(devicesFolder);
        return catalog.find(deviceId).orElseThrow(() -> new CliException(ExitCode.USAGE,
                "unknown device '" + deviceId + "' (see 'tflm-studio devices')"));
    }

    private KernelSet kernels(DeviceProfile device) {
        String id = kernels != null ? kernels : device != null ? device.kernels() : KernelSet.REFERENCE.id();
        try {
            return KernelSet.fromId(id);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.USAGE, e.getMessage());
        }
    }

    private Target target(DeviceProfile device, KernelSet k) {
        if (target == null && device == null && k == KernelSet.CMSIS_NN) {
            return Target.MCU32;
        }
        if (target != null) {
            try {
                return Target.fromId(target);
            } catch (IllegalArgumentException e) {
                throw new CliException(ExitCode.USAGE, e.getMessage());
            }
        }
        return device == null ? Target.HOST64 : BoardFits.targetFor(device);
    }
}
