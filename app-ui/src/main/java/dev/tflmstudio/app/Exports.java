package dev.tflmstudio.app;

import dev.tflmstudio.app.inputs.InputFilesDialog;
import dev.tflmstudio.app.inputs.InputFilesModel;
import dev.tflmstudio.app.profile.ProfileOverlay;
import dev.tflmstudio.app.workspace.Dialogs;
import dev.tflmstudio.devices.DeviceProfile;
import dev.tflmstudio.profiler.overlay.OpOverlay;
import dev.tflmstudio.profiler.overlay.OverlayFormat;
import dev.tflmstudio.profiler.overlay.OverlayMetric;
import dev.tflmstudio.profiler.report.PlanCsv;
import dev.tflmstudio.profiler.report.PlanHtml;
import dev.tflmstudio.profiler.report.PlanJson;
import dev.tflmstudio.profiler.report.PlanMarkdown;
import dev.tflmstudio.profiler.report.PlanReport;
import dev.tflmstudio.profiler.report.PlanReports;
import dev.tflmstudio.runtime.io.AtomicFile;
import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.plan.KernelSet;
import dev.tflmstudio.runtime.plan.Target;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.FileChooser;

/** File choosers for opening and exporting, and the exports that are only file writing. */
final class Exports {
    /** An export body that may fail with an I/O error. */
    private interface Body {
        void write(Path target) throws IOException;
    }

    private final MainWindow window;
    private Path lastDir;

    Exports(MainWindow window) {
        this.window = window;
    }

    Optional<Path> chooseModel() {
        FileChooser fc = chooser("Open a TFLite model");
        fc.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("TFLite models", "*.tflite"),
                new FileChooser.ExtensionFilter("All files", "*"));
        File f = fc.showOpenDialog(window.stage());
        return remember(f);
    }

    void graph(String format) {
        save("Export the graph", named("graph." + format), format.toUpperCase(java.util.Locale.ROOT) + " image",
                format.equals("svg") ? window.graphView()::exportSvg : window.graphView()::exportPng);
    }

    void profile() {
        save("Export the profile", named("profile.csv"), "CSV", window.profileView()::exportCsv);
    }

    /** File > Export > Overlay: the profile's per-op numbers for Model Explorer (one metric) or Netron (all). */
    void overlay(OverlayFormat format, OverlayMetric metric) {
        String name = format == OverlayFormat.NETRON ? named("netron.json")
                : named(metric.id() + ".model-explorer.json");
        FileChooser fc = chooser(format == OverlayFormat.NETRON ? "Export a Netron attachment"
                : "Export Model Explorer node data (" + metric.title() + ")");
        fc.setInitialFileName(name);
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("JSON", "*.json"));
        remember(fc.showSaveDialog(window.stage())).ifPresent(p -> writeOverlay(p, format, metric));
    }

    /**
     * Writes the overlay of what the Profile window shows (built on the FX thread, written by a background task,
     * through a temporary file); a metric nobody measured is one console line and a dialog.
     */
    void writeOverlay(Path to, OverlayFormat format, OverlayMetric metric) {
        Model model = window.workspace().model();
        if (model == null) {
            return;
        }
        OpOverlay overlay = ProfileOverlay.of(model, window.workspace().costProperty().get(),
                window.workspace().planProperty().get(), window.profileView().shownRows(),
                window.workspace().boardSummaryProperty().get(),
                window.profileView().estimateBasisText().replaceFirst("^Device µs: ", ""));
        String what = "Export the " + (format == OverlayFormat.NETRON ? "Netron attachment"
                : "Model Explorer node data");
        window.work().run(what, new javafx.concurrent.Task<Void>() {
            @Override
            protected Void call() throws IOException {
                AtomicFile.write(to, format.write(overlay, metric));
                return null;
            }
        }, v -> window.workspace().log().info("Exported " + (format == OverlayFormat.NETRON ? "a Netron attachment"
                : "Model Explorer node data (" + metric.id() + ")") + " to " + to));
    }

    void tensor(String ext, String stem) {
        save("Export the tensor", stem + "." + ext, ext.equals("npy") ? "NumPy array" : "CSV",
                ext.equals("npy") ? window.tensorView()::exportNpy : window.tensorView()::exportCsv);
    }

    void plan() {
        FileChooser fc = chooser("Export the memory plan report");
        fc.setInitialFileName(named("memory-plan.html"));
        fc.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("HTML report", "*.html"),
                new FileChooser.ExtensionFilter("Markdown", "*.md"), new FileChooser.ExtensionFilter("JSON", "*.json"),
                new FileChooser.ExtensionFilter("CSV", "*.csv"));
        remember(fc.showSaveDialog(window.stage())).ifPresent(p -> run("Export the memory plan report",
                () -> writePlan(p)));
    }

    /**
     * Run > Set Inputs > From File: a dialog with one file per model input and, for images and WAV, the mapping
     * of their values; the files are read in the background and apply at the next invoke.
     */
    void inputs() {
        Model m = window.workspace().model();
        if (m == null) {
            return;
        }
        InputFilesModel files = new InputFilesModel(m.main());
        Path dir = lastDir != null ? lastDir : window.workspace().modelPathProperty().get() == null ? null
                : window.workspace().modelPathProperty().get().toAbsolutePath().getParent();
        new InputFilesDialog(window.stage(), files, dir, chosen -> window.work().run("Reading the input files",
                chosen.loadTask(), loaded -> {
                    window.debugger().setInputBytes(loaded.bytes());
                    loaded.lines().forEach(window.workspace().log()::info);
                    window.workspace().log().info("Inputs set from files (applied at the next invoke)");
                })).show();
    }

    /**
     * The profiler's memory-plan report for the open model and the chosen planner, in the format the file name's
     * extension asks for (html, md, json or csv), the same report {@code tflm-studio plan} writes.
     */
    void writePlan(Path to) throws IOException {
        Model model = window.workspace().model();
        if (model == null) {
            throw new IOException("no model open");
        }
        String planner = window.opener().plannerProperty().get();
        // The board and word size the window shows (Board window's device profile), as `plan --device` would, with
        // the planner bar's kernel set (cmsis-nn plans a Cortex-M, mcu32, firmware).
        DeviceProfile device = window.workspace().boardDeviceProperty().get();
        KernelSet kernels = window.opener().kernelsProperty().get();
        Target target = kernels == KernelSet.CMSIS_NN ? Target.MCU32 : window.workspace().boardTarget();
        PlanReport report = PlanReports.build(model, planner, target, kernels, device);
        String name = to.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        String text = name.endsWith(".json") ? PlanJson.write(report) : name.endsWith(".csv") ? PlanCsv.write(report)
                : name.endsWith(".md") ? PlanMarkdown.write(report) : PlanHtml.write(report);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        AtomicFile.write(to, out -> out.write(bytes));
        window.workspace().log().info("Exported the '" + planner + "' memory plan report for "
                + (device == null ? "no board (host64; pick a device profile in the Board window)"
                : device.name() + " (" + target.id() + ")") + " to " + to);
    }

    private void save(String title, String name, String kind, Body body) {
        FileChooser fc = chooser(title);
        fc.setInitialFileName(name);
        String ext = name.substring(name.lastIndexOf('.') + 1);
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(kind, "*." + ext));
        remember(fc.showSaveDialog(window.stage())).ifPresent(p -> run(title, () -> body.write(p)));
    }

    /** An export, with its failure reported in the console and a dialog. */
    private interface Action {
        void run() throws IOException;
    }

    private void run(String title, Action action) {
        try {
            action.run();
        } catch (IOException | RuntimeException e) {
            window.workspace().log().error(title + " failed: " + e.getMessage());
            Dialogs.error(window.stage(), title, "Check that the folder exists and is writable.", e);
        }
    }

    /** {@code what} prefixed with the open model's name, so exports of several models do not overwrite each other. */
    private String named(String what) {
        Path model = window.workspace().modelPathProperty().get();
        if (model == null) {
            return what;
        }
        String name = model.getFileName().toString();
        return (name.endsWith(".tflite") ? name.substring(0, name.length() - 7) : name) + "-" + what;
    }

    private FileChooser chooser(String title) {
        FileChooser fc = new FileChooser();
        fc.setTitle(title);
        Path dir = lastDir != null ? lastDir : window.workspace().modelPathProperty().get() == null ? null
                : window.workspace().modelPathProperty().get().toAbsolutePath().getParent();
        if (dir != null && Files.isDirectory(dir)) {
            fc.setInitialDirectory(dir.toFile());
        }
        return fc;
    }

    private Optional<Path> remember(File f) {
        if (f == null) {
            return Optional.empty();
        }
        lastDir = f.toPath().toAbsolutePath().getParent();
        return Optional.of(f.toPath());
    }
}
