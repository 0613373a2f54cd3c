package dev.tflmstudio.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tflmstudio.runtime.cost.CostModel;
import dev.tflmstudio.runtime.cost.ModelCost;
import dev.tflmstudio.profiler.diff.OpDelta;
import dev.tflmstudio.profiler.diff.RunComparison;
import dev.tflmstudio.profiler.diff.RunDiff;
import dev.tflmstudio.profiler.diff.UnmatchedOp;
import dev.tflmstudio.profiler.divergence.DivergenceFinder;
import dev.tflmstudio.profiler.divergence.DivergenceReport;
import dev.tflmstudio.profiler.divergence.LocalTrace;
import dev.tflmstudio.profiler.divergence.OpError;
import dev.tflmstudio.profiler.divergence.RefChecksums;
import dev.tflmstudio.profiler.divergence.Thresholds;
import dev.tflmstudio.profiler.divergence.TensorTrace;
import dev.tflmstudio.profiler.divergence.TraceInputs;
import dev.tflmstudio.profiler.run.LocalRuns;
import dev.tflmstudio.profiler.run.RefLogRuns;
import dev.tflmstudio.profiler.run.Run;
import dev.tflmstudio.profiler.run.RunFiles;
import dev.tflmstudio.profiler.run.RunFormatException;
import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.tflite.ModelReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tflm-studio diff RUN_A RUN_B}: what got faster, slower, bigger or smaller between two runs of a model or
 * two versions of it. A run is a saved run file ({@code profile --save-run}), a TFLM reference log, or a
 * {@code .tflite} model, which is then run locally.
 */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Compare two runs (local vs board, before vs after) or two versions of a model: per-op "
                + "deltas in time, share, live bytes and MACs, sorted by impact, with unmatched ops listed.",
                "RUN is a saved run .json, a TFLM reference log, or a .tflite model to run locally.",
                "With --tensors: compare every op's output (our runtime's values, or the checksums of a reference "
                        + "log) and point at the first op that diverges."})
public final class DiffCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN_A", description = "The baseline run.")
    Path runA;

    @Parameters(index = "1", paramLabel = "RUN_B", description = "The run to compare with it.")
    Path runB;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "20",
            description = "Invocations when a RUN is a model run locally (default ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--top", paramLabel = "N", defaultValue = "0",
            description = "Show only the N ops with the largest impact (default: all).")
    int top;

    @Option(names = "--tensors", description = "Compare op output tensors instead of timings and point at the "
            + "first op that diverges (each RUN a .tflite model or a TFLM reference log).")
    boolean tensors;

    @Option(names = "--max-abs", paramLabel = "X", description = "With --tensors: diverges above this max abs error.")
    Double maxAbs;

    @Option(names = "--rmse", paramLabel = "X", description = "With --tensors: diverges above this RMSE.")
    Double rmse;

    @Option(names = "--min-cosine", paramLabel = "X",
            description = "With --tensors: diverges below this cosine similarity. Without any threshold: any "
                    + "difference diverges when both sides ran the same input bytes, else cosine < 0.99.")
    Double minCosine;

    @Spec
    CommandSpec spec;

    /** A run with the model's cost when the run came from a model file. */
    private record Loaded(Run run, ModelCost cost) {
    }

    @Override
    public Integer call() throws Exception {
        if (repeat < 1) {
            throw new CliException(ExitCode.USAGE, "--repeat must be at least 1, got " + repeat);
        }
        if (tensors) {
            return diffTensors(spec.commandLine().getOut());
        }
        Loaded a = load(runA);
        Loaded b = load(runB);
        RunComparison c = RunDiff.compare(a.run(), b.run(), a.cost(), b.cost());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            out.println(mapper.writeValueAsString(toJson(mapper, c)));
        } else {
            printText(out, c);
        }
        return ExitCode.OK;
    }

    private int diffTensors(PrintWriter out) throws IOException {
        Model modelA = modelOrNull(runA);
        Model modelB = modelOrNull(runB);
        boolean sameBytes = modelA == null || modelB == null
                || TraceInputs.sameInputEncoding(modelA, modelB);
        Thresholds t = maxAbs == null && rmse == null && minCosine == null
                ? (sameBytes ? Thresholds.EXACT : new Thresholds(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY,
                0.99))
                : new Thresholds(maxAbs == null ? Double.POSITIVE_INFINITY : maxAbs,
                rmse == null ? Double.POSITIVE_INFINITY : rmse, minCosine == null ? -1 : minCosine);
        TensorTrace a = trace(runA, modelA, modelA == null ? null : TraceInputs.pattern(modelA));
        TensorTrace b = trace(runB, modelB, modelB == null ? null
                : modelA == null ? TraceInputs.pattern(modelB) : TraceInputs.forPair(modelB, modelA));
        DivergenceReport r = DivergenceFinder.compare(a, b, t);
        if (json) {
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            out.println(mapper.writeValueAsString(tensorJson(mapper, r)));
            return ExitCode.OK;
        }
        out.printf("A: %s%nB: %s%n", r.sourceA(), r.sourceB());
        out.printf(Locale.ROOT, "input: %s; an op diverges when %s%n",
                sameBytes ? "the same bytes on both sides" : "the same real values, quantized per model",
                describe(t));
        out.println();
        out.printf("%-4s %-4s %-26s %12s %12s %9s %-9s %s%n", "A#", "B#", "op", "max abs", "RMSE", "cosine",
                "checksum", "tensor");
        for (OpError e : r.ops()) {
            String sum = e.checksumsEqual() == null ? "-" : e.checksumsEqual() ? "same" : "differs";
            if (e.metrics() != null) {
                out.printf(Locale.ROOT, "%-4d %-4d %-26s %12.6g %12.6g %9.6f %-9s %s%s%n", e.indexA(), e.indexB(),
                        ProfileReport.shorten(e.opName(), 26), e.metrics().maxAbs(), e.metrics().rmse(),
                        e.metrics().cosine(), sum, e.tensorName(), e.diverges() ? "  <- diverges" : "");
            } else {
                out.printf(Locale.ROOT, "%-4d %-4d %-26s %12s %12s %9s %-9s %s%s%n", e.indexA(), e.indexB(),
                        ProfileReport.shorten(e.opName(), 26), "-", "-", "-", sum,
                        e.note().isEmpty() ? e.tensorName() : e.note(), e.diverges() ? "  <- diverges" : "");
            }
        }
        out.println();
        r.firstDivergence().ifPresentOrElse(
                e -> out.printf("first divergence: A op %d / B op %d %s (tensor %s)%n", e.indexA(), e.indexB(),
                        e.opName(), e.tensorName()),
                () -> out.println("no op diverges"));
        if (!r.unmatchedA().isEmpty() || !r.unmatchedB().isEmpty()) {
            out.printf("ops only in A: %s; only in B: %s%n", r.unmatchedA(), r.unmatchedB());
        }
        return ExitCode.OK;
    }

    private static String describe(Thresholds t) {
        if (t.equals(Thresholds.EXACT)) {
            return "its output differs at all";
        }
        java.util.List<String> parts = new java.util.ArrayList<>();
        if (t.maxAbs() != Double.POSITIVE_INFINITY) {
            parts.add("max abs > " + t.maxAbs());
        }
        if (t.rmse() != Double.POSITIVE_INFINITY) {
            parts.add("RMSE > " + t.rmse());
        }
        if (t.minCosine() > -1) {
            parts.add("cosine < " + t.minCosine());
        }
        return parts.isEmpty() ? "never (no threshold)" : String.join(" or ", parts);
    }

    private static Model modelOrNull(Path file) throws IOException {
        if (!file.getFileName().toString().endsWith(".tflite")) {
            return null;
        }
        if (!Files.isRegularFile(file)) {
            throw new CliException(ExitCode.INVALID_INPUT, "no such file: " + file);
        }
        try {
            return ModelReader.open(file);
        } catch (dev.tflmstudio.runtime.model.ModelFormatException e) {
            throw new CliException(ExitCode.INVALID_INPUT, e.getMessage());
        }
    }

    private static TensorTrace trace(Path file, Model model, java.util.List<byte[]> inputs) throws IOException {
        if (model != null) {
            try {
                return LocalTrace.capture(model, inputs);
            } catch (KernelException e) {
                throw new CliException(ExitCode.NOT_RUNNABLE, file + ": " + e.getMessage());
            } catch (IllegalArgumentException e) {
                throw new CliException(ExitCode.INVALID_INPUT, file + ": " + e.getMessage());
            }
        }
        if (!Files.isRegularFile(file)) {
            throw new CliException(ExitCode.INVALID_INPUT, "no such file: " + file);
        }
        if (file.getFileName().toString().endsWith(".json")) {
            throw new CliException(ExitCode.USAGE, file + ": a saved run holds timings, not tensors; --tensors "
                    + "needs a .tflite model or a TFLM reference log");
        }
        TensorTrace trace = RefChecksums.read(file);
        if (trace.entries().isEmpty()) {
            throw new CliException(ExitCode.INVALID_INPUT, file + ": no intermediate tensor checksums found");
        }
        return trace;
    }

    private static ObjectNode tensorJson(ObjectMapper mapper, DivergenceReport r) {
        ObjectNode root = mapper.createObjectNode();
        root.put("a", r.sourceA());
        root.put("b", r.sourceB());
        root.put("maxAbs", r.thresholds().maxAbs());
        root.put("rmse", r.thresholds().rmse());
        root.put("minCosine", r.thresholds().minCosine());
        ArrayNode ops = root.putArray("ops");
        for (OpError e : r.ops()) {
            ObjectNode o = ops.addObject();
            o.put("indexA", e.indexA());
            o.put("indexB", e.indexB());
            o.put("op", e.opName());
            o.put("tensor", e.tensorName());
            if (e.metrics() != null) {
                o.put("maxAbs", e.metrics().maxAbs());
                o.put("rmse", e.metrics().rmse());
                o.put("cosine", e.metrics().cosine());
            }
            if (e.checksumsEqual() != null) {
                o.put("checksumsEqual", e.checksumsEqual());
            }
            o.put("diverges", e.diverges());
            if (!e.note().isEmpty()) {
                o.put("note", e.note());
            }
        }
        r.firstDivergence().ifPresentOrElse(e -> root.putObject("firstDivergence").put("indexA", e.indexA())
                .put("indexB", e.indexB()).put("op", e.opName()), () -> root.putNull("firstDivergence"));
        r.unmatchedA().forEach(root.putArray("unmatchedA")::add);
        r.unmatchedB().forEach(root.putArray("unmatchedB")::add);
        return root;
    }

    private Loaded load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new CliException(ExitCode.INVALID_INPUT, "no such file: " + file);
        }
        String name = file.getFileName().toString();
        try {
            if (name.endsWith(".tflite")) {
                Model model;
                try {
                    model = ModelReader.open(file);
                } catch (dev.tflmstudio.runtime.model.ModelFormatException e) {
                    throw new CliException(ExitCode.INVALID_INPUT, e.getMessage());
                }
                try {
                    return new Loaded(LocalRuns.measure(model, file, repeat), CostModel.of(model));
                } catch (KernelException e) {
                    throw new CliException(ExitCode.NOT_RUNNABLE, file + ": " + e.getMessage());
                }
            }
            if (name.endsWith(".json")) {
                return new Loaded(RunFiles.load(file), null);
            }
            return new Loaded(RefLogRuns.read(file, null), null);
        } catch (RunFormatException e) {
            throw new CliException(ExitCode.INVALID_INPUT, e.getMessage());
        }
    }

    private void printText(PrintWriter out, RunComparison c) {
        describe(out, "A", c.a());
        describe(out, "B", c.b());
        out.println(c.sameModel() ? "same model (sha256 " + c.a().modelSha256() + "): ops matched by index"
                : "different or unknown models: ops matched by execution order and type");
        out.printf(Locale.ROOT, "total: %.3f ms -> %.3f ms (%+.3f ms, %s)%n", c.totalMicrosA() / 1000,
                c.totalMicrosB() / 1000, c.deltaTotalMicros() / 1000, percent(c.totalMicrosA(), c.totalMicrosB()));
        if (c.deltaArenaBytes() != null) {
            out.printf(Locale.ROOT, "arena: %,d B -> %,d B (%+,d B)%n", c.a().arenaBytes(), c.b().arenaBytes(),
                    c.deltaArenaBytes());
        }
        if (c.peakLiveBytesA() != null && c.peakLiveBytesB() != null) {
            out.printf(Locale.ROOT, "peak live bytes: %,d B -> %,d B (%+,d B)%n", c.peakLiveBytesA(),
                    c.peakLiveBytesB(), c.peakLiveBytesB() - c.peakLiveBytesA());
        }
        out.println();
        out.printf(Locale.ROOT, "%-4s %-4s %-26s %11s %11s %11s %8s %7s %7s %8s %10s %12s%n", "A#", "B#", "op",
                "A us", "B us", "delta us", "delta", "share A", "share B", "d share", "d live B", "d MACs");
        int shown = 0;
        for (OpDelta d : c.byImpact()) {
            if (top > 0 && shown++ >= top) {
                break;
            }
            out.printf(Locale.ROOT, "%-4d %-4d %-26s %11.1f %11.1f %+11.1f %8s %6.1f%% %6.1f%% %+7.1fpp %10s %12s%n",
                    d.indexA(), d.indexB(), ProfileReport.shorten(d.opName(), 26), d.microsA(), d.microsB(),
                    d.deltaMicros(), percent(d.microsA(), d.microsB()), d.shareA() * 100, d.shareB() * 100,
                    d.deltaSharePoints(), signed(d.deltaLiveBytes()), signed(d.deltaMacs()));
        }
        if (top > 0 && c.byImpact().size() > top) {
            out.printf("(%d more ops; drop --top to see them)%n", c.byImpact().size() - top);
        }
        if (!c.unmatched().isEmpty()) {
            out.println();
            out.println("unmatched ops:");
            for (UnmatchedOp u : c.unmatched()) {
                out.printf(Locale.ROOT, "  only in %s: #%d %s, %.1f us%s%n", u.side(), u.index(), u.opName(),
                        u.micros(), u.macs() == null ? "" : String.format(Locale.ROOT, ", %,d MACs", u.macs()));
            }
        }
    }

    private static void describe(PrintWriter out, String side, Run run) {
        out.printf(Locale.ROOT, "%s: %s, %s%s, %d invocations, %s%n", side, run.model(), run.source(),
                run.device() == null ? "" : " on " + run.device(), run.invocations(), run.date());
    }

    private static String percent(double a, double b) {
        return a == 0 ? "n/a" : String.format(Locale.ROOT, "%+.1f%%", (b - a) * 100 / a);
    }

    private static String signed(Long v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%+,d", v);
    }

    private static ObjectNode toJson(ObjectMapper mapper, RunComparison c) {
        ObjectNode root = mapper.createObjectNode();
        root.set("a", summary(mapper, c.a()));
        root.set("b", summary(mapper, c.b()));
        root.put("sameModel", c.sameModel());
        root.put("totalMicrosA", c.totalMicrosA());
        root.put("totalMicrosB", c.totalMicrosB());
        root.put("deltaTotalMicros", c.deltaTotalMicros());
        putLong(root, "deltaArenaBytes", c.deltaArenaBytes());
        putLong(root, "peakLiveBytesA", c.peakLiveBytesA());
        putLong(root, "peakLiveBytesB", c.peakLiveBytesB());
        ArrayNode ops = root.putArray("ops");
        for (OpDelta d : c.byImpact()) {
            ObjectNode o = ops.addObject();
            o.put("indexA", d.indexA());
            o.put("indexB", d.indexB());
            o.put("op", d.opName());
            o.put("microsA", d.microsA());
            o.put("microsB", d.microsB());
            o.put("deltaMicros", d.deltaMicros());
            o.put("shareA", d.shareA());
            o.put("shareB", d.shareB());
            o.put("deltaSharePoints", d.deltaSharePoints());
            putLong(o, "liveBytesA", d.liveBytesA());
            putLong(o, "liveBytesB", d.liveBytesB());
            putLong(o, "deltaLiveBytes", d.deltaLiveBytes());
            putLong(o, "macsA", d.macsA());
            putLong(o, "macsB", d.macsB());
        }
        ArrayNode unmatched = root.putArray("unmatched");
        for (UnmatchedOp u : c.unmatched()) {
            ObjectNode o = unmatched.addObject();
            o.put("side", u.side());
            o.put("index", u.index());
            o.put("op", u.opName());
            o.put("micros", u.micros());
            putLong(o, "liveBytes", u.liveBytes());
            putLong(o, "macs", u.macs());
        }
        return root;
    }

    private static ObjectNode summary(ObjectMapper mapper, Run run) {
        ObjectNode o = mapper.createObjectNode();
        o.put("model", run.model());
        o.put("sha256", run.modelSha256());
        o.put("source", run.source().kind().name().toLowerCase(Locale.ROOT));
        o.put("sourceDetail", run.source().detail());
        o.put("device", run.device());
        o.put("date", run.date());
        o.put("invocations", run.invocations());
        putLong(o, "arenaBytes", run.arenaBytes());
        return o;
    }

    private static void putLong(ObjectNode o, String field, Long value) {
        if (value == null) {
            o.putNull(field);
        } else {
            o.put(field, value);
        }
    }
}
