package dev.tflmstudio.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tflmstudio.runtime.input.PatternInput;
import dev.tflmstudio.runtime.interpreter.MacBaseline;
import dev.tflmstudio.runtime.interpreter.Session;
import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.model.ModelFormatException;
import dev.tflmstudio.runtime.model.Subgraph;
import dev.tflmstudio.runtime.model.Tensor;
import dev.tflmstudio.runtime.samples.SyntheticModels;
import dev.tflmstudio.runtime.tflite.ModelReader;
import dev.tflmstudio.runtime.tflite.OpenBenchmark;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tflm-studio bench [--open | --startup] [MODEL...]}: median invoke time of each model on the local interpreter (pattern input,
 * after JIT warm-up), beside TFLM's own median measured in the same run by tflm_bench (the stored reference median where the tool is absent), with a fixed int8 multiply-accumulate loop
 * timed in the same run as a baseline so figures compare across machines and loads.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark invoke time against TFLM (tflm_bench, timed in the same run).")
public final class BenchCommand implements Callable<Integer> {
    /** Multiply-accumulates of the baseline loop (about what a 1 ms reference-kernel model does). */
    private static final int BASELINE_MACS = 1 << 20;

    @Parameters(paramLabel = "MODEL", arity = "0..*",
            description = "Models to time (default: every .tflite in SHARED/models).")
    List<Path> models = new ArrayList<>();

    @Option(names = "--shared", paramLabel = "DIR", description = "The shared directory with models/ and ref/ "
            + "(default: the tflm.shared property, else ../shared).")
    Path shared;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "2",
            description = "Seconds of our invokes timed per model after warm-up, and about as long of TFLM's"
                    + " (default 2).")
    double seconds;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Option(names = "--open", description = "Time opening (map + verify + IR) and the heap it allocates instead of "
            + "invoking, beside reading the whole file as a baseline; adds the synthetic 2,000-op and 512 MB models.")
    boolean open;

    @Option(names = "--startup", description = "Time the desktop app's start-up (first frame of the main window, "
            + "the model's graph laid out) in fresh JVMs, beside the smallest JavaFX window as a baseline. Needs a "
            + "display (xvfb-run on a headless machine); MODEL is the model to open (default: the bundled sample).")
    boolean startup;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "5",
            description = "Start-ups of each kind for --startup (default 5).")
    int runs;

    @Option(names = "--in-process", hidden = true,
            description = "Time every model in this JVM (each child of a several-model bench runs one this way).")
    boolean inProcess;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (startup) {
            if (models.size() > 1 || runs < 1) {
                throw new CliException(ExitCode.USAGE, "bench --startup takes at most one MODEL and --runs >= 1");
            }
            return new StartupBench(runs, models.isEmpty() ? null : models.get(0))
                    .run(spec.commandLine().getOut(), json);
        }
        Path root = shared != null ? shared : Path.of(System.getProperty("tflm.shared", "../shared"));
        if (models.isEmpty()) {
            Path dir = root.resolve("models");
            if (!Files.isDirectory(dir)) {
                throw new CliException(ExitCode.USAGE, "no models given and " + dir + " does not exist");
            }
            try (Stream<Path> s = Files.list(dir)) {
                models = s.filter(p -> p.toString().endsWith(".tflite")).sorted().toList();
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (open) {
            return benchOpen(out);
        }
        // several models: each JVM of its own times the baseline beside its model (each row's baselineMs)
        boolean ownJvms = models.size() > 1 && !inProcess;
        double baselineMs = ownJvms ? Double.NaN : baseline();
        List<ObjectNode> rows = new ArrayList<>();
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        if (!json) {
            out.printf(Locale.ROOT, ownJvms ? "baseline: %d int8 MACs, timed in each model's JVM%n"
                    : "baseline: %d int8 MACs in %.4f ms%n", BASELINE_MACS, baselineMs);
            out.printf("%-48s %11s %11s %11s %9s %9s%n", "model", "ours us", "ours min us", "tflm us",
                    "ours/tflm", "ours/base");
        }
        for (Path m : models) {
            if (ownJvms) {
                // each model in a JVM of its own, as tflm_bench runs each in a process of its own: in one JVM the
                // code the JIT compiled for the models before shows in a sub-microsecond model's time (hello_world
                // measured 1.0x-1.75x after the large models, 0.7x-0.9x alone)
                ObjectNode row = ownJvm(root, m, mapper);
                rows.add(row);
                if (!json) {
                    printRow(out, row);
                }
                continue;
            }
            ObjectNode row = mapper.createObjectNode();
            row.put("model", m.getFileName().toString());
            double ref = refMedian(root, m);
            if (!Double.isNaN(ref)) {
                row.put("tflmMsMedian", ref);
            }
            double[] timing;
            try {
                // TFLM itself (tflm_bench) and ours alternating in rounds, so both see the same machine state
                timing = measureAlternating(root, m, ref);
                if (!Double.isNaN(timing[2])) {
                    ref = timing[2];
                    row.put("tflmMsMedian", ref);
                    row.put("tflmMeasured", "tflm_bench, same run");
                } else if (!Double.isNaN(ref)) {
                    row.put("tflmMeasured", "stored reference median");
                }
            } catch (KernelException | ModelFormatException e) {
                row.put("error", e.getMessage());
                if (!json) {
                    out.printf("%-48s %s%n", m.getFileName(), "not runnable: " + e.getMessage());
                }
                rows.add(row);
                continue;
            }
            double ours = timing[0];
            row.put("oursMsMedian", ours);
            row.put("oursMsMin", timing[1]);
            row.put("baselineMs", baselineMs);
            // the median of the rounds' ratios, each of medians measured side by side; else against the stored median
            double ratio = !Double.isNaN(timing[3]) ? timing[3] : ours / ref;
            if (!Double.isNaN(ref) && ref > 0) {
                row.put("ratioToTflm", ratio);
            }
            row.put("ratioToBaseline", ours / baselineMs);
            rows.add(row);
            if (!json) {
                printRow(out, row);
            }
        }
        if (json) {
            ObjectNode rootNode = mapper.createObjectNode();
            rootNode.put("baselineMacs", BASELINE_MACS);
            if (!ownJvms) {
                rootNode.put("baselineMs", baselineMs);
            }
            ArrayNode arr = rootNode.putArray("models");
            rows.forEach(arr::add);
            out.println(mapper.writeValueAsString(rootNode));
        }
        return ExitCode.OK;
    }

    private static void printRow(PrintWriter out, ObjectNode row) {
        String name = row.get("model").asText();
        if (row.has("error")) {
            out.printf("%-48s %s%n", name, "not runnable: " + row.get("error").asText());
        } else {
            double ours = row.get("oursMsMedian").asDouble();
            // microseconds in the table (a sub-microsecond model showed 0.0002 ms), milliseconds in the JSON
            out.printf(Locale.ROOT, "%-48s %11.2f %11.2f %11s %9s %9.4f%n", name, ours * 1e3,
                    row.get("oursMsMin").asDouble() * 1e3,
                    row.has("tflmMsMedian")
                            ? String.format(Locale.ROOT, "%.2f", row.get("tflmMsMedian").asDouble() * 1e3) : "-",
                    row.has("ratioToTflm") ? String.format(Locale.ROOT, "%.2f", row.get("ratioToTflm").asDouble())
                            : "-",
                    row.get("ratioToBaseline").asDouble());
        }
        out.flush();
    }

    /**
     * {@code bench --json --in-process MODEL} in a fresh JVM started as this one was (same java, options and class
     * path); its row. A model it cannot read fails the whole command with the child's own error line and exit code,
     * as it does in one JVM.
     */
    private ObjectNode ownJvm(Path root, Path model, ObjectMapper mapper) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
        // the launcher's main class (this package does not depend on the app's)
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.tflmstudio.app.Main", "bench",
                "--json", "--in-process", "--seconds", Double.toString(seconds), "--shared", root.toString(),
                model.toString()));
        Path errors = Files.createTempFile("tflm-bench", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectError(errors.toFile()).start();
            String text = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            int exit = p.waitFor();
            if (exit != 0) {
                String error = Files.readAllLines(errors).stream().filter(l -> l.startsWith("error: ")).reduce(
                        (first, last) -> last).map(l -> l.substring("error: ".length()))
                        .orElse("the benchmark's JVM for " + model.getFileName() + " exited with " + exit);
                throw new CliException(exit, error);
            }
            return (ObjectNode) mapper.readTree(text).get("models").get(0);
        } finally {
            Files.deleteIfExists(errors);
        }
    }

    private int benchOpen(PrintWriter out) throws IOException, ModelFormatException {
        Path tmp = Files.createTempDirectory("tflm-bench");
        try {
            List<Path> all = new ArrayList<>(models);
            Path chain = tmp.resolve("synthetic-chain-2000.tflite");
            SyntheticModels.chain(2000).writeTo(chain);
            Path large = tmp.resolve("synthetic-512MB-constant.tflite");
            SyntheticModels.largeConstant(large, 512L << 20);
            all.add(chain);
            all.add(large);
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            ArrayNode rows = mapper.createArrayNode();
            if (!json) {
                out.printf("%-48s %14s %10s %12s %12s %8s%n", "model", "file bytes", "open ms", "open heap B",
                        "readAll ms", "ratio");
            }
            for (Path m : all) {
                OpenBenchmark.Result r = OpenBenchmark.measure(m, 50);
                ObjectNode row = rows.addObject();
                row.put("model", m.getFileName().toString());
                row.put("fileBytes", r.fileBytes());
                row.put("openMsMedian", r.openMillis());
                row.put("openHeapBytes", r.openHeapBytes());
                row.put("readAllMsMedian", r.readAllMillis());
                row.put("ratioToReadAll", r.ratioToReadAll());
                if (!json) {
                    out.printf(Locale.ROOT, "%-48s %,14d %10.3f %,12d %12.3f %8.3f%n", m.getFileName(),
                            r.fileBytes(), r.openMillis(), r.openHeapBytes(), r.readAllMillis(), r.ratioToReadAll());
                    out.flush();
                }
            }
            if (json) {
                out.println(mapper.writeValueAsString(rows));
            }
            return ExitCode.OK;
        } finally {
            try (Stream<Path> files = Files.list(tmp)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Rounds of TFLM then ours; each round's medians give one ratio, and the figures are over all rounds. Five: a
     * shared machine drifts between a fast and a slow state (both programs about 1.4x apart), which three rounds
     * of a microsecond model did not outvote.
     */
    private static final int ROUNDS = 5;

    /** At most this many of our invokes per round, as tflm_bench's (a sub-microsecond model's round is ~1M). */
    private static final int MAX_ROUND_INVOKES = 1_000_000;

    /**
     * Ours and TFLM's in {@link #ROUNDS} alternating rounds after warm-up (at least 1 s and 20 invokes): each round
     * times about {@code seconds / ROUNDS} of tflm_bench's invokes, then as long of ours. Returns our median of
     * round medians and minimum over all rounds and TFLM's median of round medians, in ms (NaN when tflm_bench is
     * absent), and the median of the rounds' ratios (NaN likewise).
     */
    private double[] measureAlternating(Path root, Path modelPath, double storedMs)
            throws IOException, ModelFormatException, KernelException {
        Model model = ModelReader.open(modelPath);
        Session session = Session.allocate(model);
        session.setOpTiming(false); // as tflm_bench, which runs with TFLM's profiler off
        Subgraph main = model.main();
        for (int i = 0; i < main.inputs().size(); i++) {
            Tensor t = main.tensor(main.inputs().get(i));
            if (t.type() != dev.tflmstudio.runtime.model.TensorType.RESOURCE) { // a handle takes no values
                session.setInput(i, PatternInput.bytesFor(t));
            }
        }
        long warmEnd = System.nanoTime() + 1_000_000_000L;
        int warm = 0;
        while (warm < 20 || System.nanoTime() < warmEnd) {
            session.run();
            warm++;
        }
        // one reused array: boxing each time into a list allocated between invokes, and a GC then fell into a timed one
        long[] times = new long[MAX_ROUND_INVOKES];
        double[] ours = new double[ROUNDS];
        long min = Long.MAX_VALUE;
        double[] tflm = new double[ROUNDS];
        double[] ratios = new double[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            tflm[r] = liveTflm(root, modelPath, storedMs, seconds / ROUNDS);
            int n = 0;
            long end = System.nanoTime() + (long) (seconds / ROUNDS * 1e9);
            while (n < 20 || (System.nanoTime() < end && n < MAX_ROUND_INVOKES)) {
                long t0 = System.nanoTime();
                session.run();
                times[n++] = System.nanoTime() - t0;
            }
            Arrays.sort(times, 0, n);
            ours[r] = times[n / 2] / 1e6;
            min = Math.min(min, times[0]);
            ratios[r] = ours[r] / tflm[r];
        }
        // ours as TFLM's: the median of the rounds' medians
        Arrays.sort(ours);
        Arrays.sort(tflm);
        Arrays.sort(ratios);
        return new double[] {ours[ROUNDS / 2], min / 1e6, tflm[ROUNDS / 2], ratios[ROUNDS / 2]};
    }

    /** Median time of a fixed int8 dot-product loop, the in-run baseline, in ms. */
    private static double baseline() {
        return MacBaseline.medianNanos(BASELINE_MACS, 200, 41) / 1e6;
    }

    /**
     * TFLM's median invoke time measured now by {@code tools/tflm-ref/tflm_bench} (about {@code roundSeconds} of
     * invokes, judged from the stored median), in ms, or NaN when the tool is absent or fails.
     */
    private static double liveTflm(Path shared, Path model, double storedMs, double roundSeconds) {
        Path exe = shared.resolve("tools").resolve("tflm-ref").resolve("tflm_bench");
        if (!Files.isExecutable(exe)) {
            return Double.NaN;
        }
        int n = Double.isNaN(storedMs) || storedMs <= 0 ? 50
                : (int) Math.max(20, Math.min(1_000_000, roundSeconds * 1000 / storedMs));
        try {
            Process p = new ProcessBuilder(exe.toString(), model.toString(), Integer.toString(n))
                    .redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                return Double.NaN;
            }
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("median_us=([0-9.]+)").matcher(text);
            return m.find() ? Double.parseDouble(m.group(1)) / 1000.0 : Double.NaN;
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Double.NaN;
        }
    }

    /** TFLM's {@code invoke_ms_median} from {@code ref/<model>.txt} (or a sub-directory path mirrored), or NaN. */
    private static double refMedian(Path shared, Path model) {
        Path models = shared.resolve("models").toAbsolutePath().normalize();
        Path abs = model.toAbsolutePath().normalize();
        Path rel = abs.startsWith(models) ? models.relativize(abs) : model.getFileName();
        Path ref = shared.resolve("ref").resolve(rel.toString() + ".txt");
        if (!Files.isRegularFile(ref)) {
            return Double.NaN;
        }
        try {
            for (String line : Files.readAllLines(ref)) {
                if (line.startsWith("invoke_ms_median:")) {
                    return Double.parseDouble(line.substring(17).trim());
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
