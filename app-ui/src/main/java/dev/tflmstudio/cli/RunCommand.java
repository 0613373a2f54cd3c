package dev.tflmstudio.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tflmstudio.runtime.input.InputException;
import dev.tflmstudio.runtime.input.InputMapping;
import dev.tflmstudio.runtime.input.InputSources;
import dev.tflmstudio.runtime.input.SampleKind;
import dev.tflmstudio.runtime.check.GraphCheck;
import dev.tflmstudio.runtime.interpreter.Breakpoint;
import dev.tflmstudio.runtime.interpreter.InvokeCancelledException;
import dev.tflmstudio.runtime.interpreter.Session;
import dev.tflmstudio.runtime.plan.KernelSet;
import dev.tflmstudio.runtime.interpreter.TensorSnapshot;
import dev.tflmstudio.runtime.io.AtomicFile;
import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.model.Operator;
import dev.tflmstudio.runtime.model.Subgraph;
import dev.tflmstudio.runtime.model.Tensor;
import dev.tflmstudio.runtime.model.TensorType;
import dev.tflmstudio.runtime.plan.PlannedBuffer;
import dev.tflmstudio.runtime.tflite.ModelReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tflm-studio run MODEL}: runs a model on the local TFLM-exact interpreter and prints its outputs, per-op
 * times and (with {@code --checksums}) each op's output FNV-1a-32 right after it ran, as the reference driver does.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a model on the local TFLM-exact interpreter.")
public final class RunCommand implements Callable<Integer> {
    @Parameters(paramLabel = "MODEL", description = "A .tflite file.")
    Path modelPath;

    @Option(names = "--input", arity = "1..*", paramLabel = "pattern|random[:SEED]|FILE",
            description = "One per model input, in order: pattern (the reference fill, default), random[:SEED], "
                    + "or a .npy/.bin/.csv file, an image (.png/.bmp/.jpg, exactly the input's size) or a 16-bit .wav "
                    + "(see --input-mapping).")
    List<String> inputs = new ArrayList<>();

    @Option(names = "--input-mapping", paramLabel = "raw|unit|signed|quantized",
            description = "How image and WAV values become input elements: raw (the file's values stored in the "
                    + "input's type; a pixel's byte copied into int8, as TFLM's tests do), unit (0..1 then "
                    + "quantized), signed (-1..1 then quantized) or quantized (the file's range onto the type's whole "
                    + "range: pixel p -> int8 p-128). Default: raw for integer inputs the values fit, unit (images) "
                    + "or signed (audio) for float ones. The mapping used is printed on stderr.")
    String inputMapping;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "1",
            description = "Invokes to time (per-op median over them); outputs are those of the first.")
    int repeat;

    @Option(names = "--checksums", description = "Add each op's output FNV-1a-32 (after the op ran in invoke 1).")
    boolean checksums;

    @Option(names = "--dump", paramLabel = "DIR", description = "Write every op's output tensors to DIR "
            + "(op<k>_t<tensor>.bin, raw little-endian bytes).")
    Path dumpDir;

    @Option(names = "--kernels", paramLabel = "reference|cmsis-nn", defaultValue = "reference",
            description = "Run as a firmware linking these kernels: the values are the same (CMSIS-NN is bit-exact), "
                    + "but cmsis-nn refuses what that build refuses. Default: ${DEFAULT-VALUE}.")
    String kernels;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Option(names = "--max-while-iterations", paramLabel = "N", defaultValue = "1000000",
            description = "Fail a WHILE whose condition is still true after N iterations. Default: ${DEFAULT-VALUE}.")
    long maxWhileIterations;

    @Option(names = "--step", description = "Print each op's outputs (shape, range, checksum) as it runs.")
    boolean step;

    @Option(names = "--until", paramLabel = "OP", description = "Stop after op OP (an index) in the first invoke.")
    Integer until;

    @Option(names = "--break", paramLabel = "BP", description = "Breakpoint: an op index, an op type (CONV_2D) or "
            + "t:TENSOR; prints the op's inputs and the live arena buffers before it runs. Repeatable.")
    List<String> breaks = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (repeat < 1) {
            throw new CliException(ExitCode.USAGE, "--repeat must be at least 1");
        }
        KernelSet kernelSet;
        try {
            kernelSet = KernelSet.fromId(kernels);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.USAGE, e.getMessage());
        }
        if (maxWhileIterations < 1) {
            throw new CliException(ExitCode.USAGE, "--max-while-iterations must be at least 1");
        }
        Model model = ModelReader.open(modelPath);
        GraphCheck.verify(model);
        java.util.Optional<java.util.List<String>> refused = kernelSet.refusal(model);
        if (refused.isPresent()) {
            throw new CliException(ExitCode.NOT_RUNNABLE, modelPath + ": " + kernelSet.id() + " kernels refuse it: "
                    + String.join(" / ", refused.get()));
        }
        Subgraph main = model.main();
        PrintWriter out = spec.commandLine().getOut();
        Session session;
        try {
            session = Session.allocate(model);
        } catch (KernelException e) {
            throw new CliException(ExitCode.NOT_RUNNABLE, e.getMessage());
        }
        session.setMaxWhileIterations(maxWhileIterations);
        setInputs(session, main);
        for (String b : breaks) {
            session.addBreakpoint(parseBreakpoint(b, main));
        }
        int n = session.opCount();
        int last = until == null ? n - 1 : until;
        if (until != null && (last < 0 || last >= n)) {
            throw new CliException(ExitCode.USAGE, "--until " + until + " is not an op index ("
                    + (n == 0 ? "the main graph has no ops" : "0.." + (n - 1)) + ")");
        }
        CancelOnCtrlC ctrlC = CancelOnCtrlC.install(session);
        try {
            invoke(out, session, main, n, last);
        } catch (InvokeCancelledException e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println(e.getMessage() + " (Ctrl+C)");
            err.flush();
            ctrlC.reported();
            return ExitCode.CANCELLED;
        } finally {
            ctrlC.close();
        }
        return ExitCode.OK;
    }

    /** Runs the first invoke op by op (up to op {@code last}), then the repeats, and reports. */
    private void invoke(PrintWriter out, Session session, Subgraph main, int n, int last) throws IOException {
        long[][] nanos = new long[repeat][n];
        int[][] sums = new int[n][];
        try {
            if (n == 0) {
                session.run(); // TFLM invokes a graph without ops: the outputs are the inputs
            }
            for (int op = 0; op <= last; op++) {
                if (!session.breakpoints().isEmpty() && matches(session, main.operator(op))) {
                    printBreak(out, session, main.operator(op));
                }
                session.step();
                sums[op] = outputSums(session, main.operator(op));
                if (dumpDir != null) {
                    dump(session, main.operator(op));
                }
                if (step) {
                    printStep(out, session, main.operator(op), session.lastOpNanos()[op]);
                }
            }
            nanos[0] = session.lastOpNanos();
            if (until == null) {
                List<TensorSnapshot> outputs = new ArrayList<>();
                for (int t : main.outputs()) {
                    outputs.add(session.read(t));
                }
                for (int r = 1; r < repeat; r++) {
                    session.run();
                    nanos[r] = session.lastOpNanos();
                }
                report(out, main, outputs, nanos, sums);
            }
        } catch (KernelException e) {
            throw new CliException(ExitCode.NOT_RUNNABLE, e.getMessage());
        }
    }

    private void setInputs(Session session, Subgraph main) {
        int count = main.inputs().size();
        if (inputs.size() > count) {
            throw new CliException(ExitCode.USAGE, inputs.size() + " --input values for " + count + " model inputs");
        }
        InputMapping mapping;
        try {
            mapping = inputMapping == null ? null : InputMapping.fromId(inputMapping);
        } catch (InputException e) {
            throw new CliException(ExitCode.USAGE, e.getMessage());
        }
        for (int i = 0; i < count; i++) {
            String specText = i < inputs.size() ? inputs.get(i) : "pattern";
            Tensor t = main.tensor(main.inputs().get(i));
            if (t.type() == TensorType.RESOURCE) {
                // a handle's bytes are a resource id the runtime owns: there is no value to give it
                spec.commandLine().getErr().println("input " + i + ": " + t + " is a resource handle; left as is "
                        + "(" + specText + " not applied)");
                continue;
            }
            try {
                SampleKind kind = SampleKind.ofFile(specText);
                if (kind != null) {
                    InputMapping used = mapping != null ? mapping : InputMapping.defaultFor(t, kind);
                    spec.commandLine().getErr().println("input " + i + ": " + used.id() + " mapping, "
                            + used.describe(t, kind));
                }
                session.setInput(i, InputSources.load(specText, t, mapping));
            } catch (InputException | IllegalArgumentException e) {
                throw new CliException(ExitCode.INVALID_INPUT, "input " + i + ": " + e.getMessage());
            }
        }
    }

    private static Breakpoint parseBreakpoint(String text, Subgraph main) {
        String s = text.trim();
        if (s.startsWith("t:")) {
            return new Breakpoint.OnTensor(Integer.parseInt(s.substring(2)));
        }
        if (s.chars().allMatch(Character::isDigit) && !s.isEmpty()) {
            return new Breakpoint.AtOp(Integer.parseInt(s));
        }
        boolean known = main.operators().stream().anyMatch(op -> op.opName().equalsIgnoreCase(s));
        if (!known) {
            throw new CliException(ExitCode.USAGE, "--break " + s + ": the model has no op of that type");
        }
        return new Breakpoint.OnOpType(s);
    }

    private static boolean matches(Session session, Operator op) {
        return session.breakpoints().stream().anyMatch(b -> b.matches(op));
    }

    private static int[] outputSums(Session session, Operator op) {
        int[] s = new int[op.outputs().size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = session.fnv1a32(op.output(i));
        }
        return s;
    }

    private static void printBreak(PrintWriter out, Session session, Operator op) {
        out.printf("break before op %d %s%n", op.index(), op.opName());
        for (int t : op.inputs()) {
            if (t >= 0) {
                out.println("  in  " + summary(session, t));
            }
        }
        StringBuilder live = new StringBuilder("  live:");
        for (PlannedBuffer b : session.liveBuffers()) {
            live.append(b.tensor() >= 0 ? " t" + b.tensor() : " scratch(op" + b.op() + ")")
                    .append('@').append(b.offset()).append('+').append(b.size());
        }
        out.println(live);
    }

    private static void printStep(PrintWriter out, Session session, Operator op, long nanos) {
        out.printf("op %3d %-22s %9.1f us%n", op.index(), op.opName(), nanos / 1000.0);
        for (int t : op.outputs()) {
            out.println("       out " + summary(session, t));
        }
    }

    private static String summary(Session session, int t) {
        TensorSnapshot s = session.read(t);
        TensorSnapshot.Stats st = s.stats();
        String where = s.arenaOffset() < 0 ? "const" : "arena@" + s.arenaOffset();
        return String.format(Locale.ROOT, "t%d %s%s %s min=%.6g max=%.6g mean=%.6g fnv1a32=0x%08x %s", t,
                s.tensor().type(), s.tensor().shape(), where, st.min(), st.max(), st.mean(), session.fnv1a32(t),
                s.state());
    }

    private void dump(Session session, Operator op) throws IOException {
        Files.createDirectories(dumpDir);
        for (int t : op.outputs()) {
            AtomicFile.write(dumpDir.resolve("op" + op.index() + "_t" + t + ".bin"), session.read(t).raw());
        }
    }

    private static long median(long[][] nanos, int op) {
        long[] v = new long[nanos.length];
        for (int r = 0; r < nanos.length; r++) {
            v[r] = nanos[r][op];
        }
        Arrays.sort(v);
        return v[v.length / 2];
    }

    private void report(PrintWriter out, Subgraph main, List<TensorSnapshot> outputs, long[][] nanos, int[][] sums)
            throws IOException {
        if (json) {
            ObjectMapper mapper = new ObjectMapper();
            ArrayNode ops = mapper.createArrayNode();
            for (Operator op : main.operators()) {
                ObjectNode o = ops.addObject();
                o.put("index", op.index());
                o.put("opcode", op.opName());
                op.outputs().forEach(o.putArray("outputs")::add);
                o.put("nanosMedian", median(nanos, op.index()));
                if (checksums) {
                    ArrayNode f = o.putArray("fnv1a32");
                    for (int s : sums[op.index()]) {
                        f.add(String.format("0x%08x", s));
                    }
                }
            }
            // the values streamed as written: a tree of a large output's elements took gigabytes
            JsonGenerator g = mapper.getFactory().createGenerator(out).useDefaultPrettyPrinter()
                    .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.writeStartObject();
            g.writeArrayFieldStart("outputs");
            for (TensorSnapshot s : outputs) {
                g.writeStartObject();
                g.writeNumberField("tensor", s.tensor().index());
                g.writeStringField("type", s.tensor().type().name());
                g.writeArrayFieldStart("shape");
                for (int d : s.tensor().shape().toArray()) {
                    g.writeNumber(d);
                }
                g.writeEndArray();
                boolean printed = ValueJson.hasValues(s);
                g.writeArrayFieldStart("values");
                if (printed) {
                    ValueJson.writeValues(g, s);
                }
                g.writeEndArray();
                if (!printed) {
                    g.writeStringField("note", ValueJson.noValues(s));
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeFieldName("ops");
            g.writeTree(ops);
            g.writeEndObject();
            g.close();
            out.println();
            return;
        }
        for (int i = 0; i < outputs.size(); i++) {
            TensorSnapshot s = outputs.get(i);
            out.printf("output %d: tensor %d %s%s%n  ", i, s.tensor().index(), s.tensor().type(), s.tensor().shape());
            if (ValueJson.hasValues(s)) {
                ValueJson.writeText(out, s);
                out.println();
            } else {
                out.println("(" + ValueJson.noValues(s) + ")");
            }
        }
        out.printf("%-5s %-28s %12s%s%n", "op", "opcode", "median us", checksums ? "  fnv1a32" : "");
        long total = 0;
        for (Operator op : main.operators()) {
            long m = median(nanos, op.index());
            total += m;
            StringBuilder f = new StringBuilder();
            if (checksums) {
                for (int s : sums[op.index()]) {
                    f.append(String.format("  0x%08x", s));
                }
            }
            out.printf(Locale.ROOT, "%-5d %-28s %12.1f%s%n", op.index(), op.opName(), m / 1000.0, f);
        }
        out.printf(Locale.ROOT, "total (sum of per-op medians over %d invoke%s): %.3f ms%n", repeat,
                repeat == 1 ? "" : "s", total / 1e6);
    }

    /** Output values as JSON numbers or plain text, floats in their shortest round-tripping form. */
    static final class ValueJson {
        private static final int CHUNK = 8192;
        private static final java.util.Set<TensorType> PRINTED = java.util.EnumSet.of(TensorType.FLOAT32,
                TensorType.INT8, TensorType.UINT8, TensorType.BOOL, TensorType.INT16, TensorType.UINT16,
                TensorType.INT32, TensorType.UINT32, TensorType.INT64);

        private ValueJson() {
        }

        /** Whether the values of {@code s}'s type are printed (a resource handle has none). */
        static boolean hasValues(TensorSnapshot s) {
            return PRINTED.contains(s.tensor().type());
        }

        static String noValues(TensorSnapshot s) {
            return s.tensor().type() == TensorType.RESOURCE ? "a resource handle: no values"
                    : s.tensor().type() + " values are not printed";
        }

        static void writeValues(JsonGenerator g, TensorSnapshot s) throws IOException {
            ByteBuffer b = ByteBuffer.wrap(s.raw()).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < s.elementCount(); i++) {
                switch (s.tensor().type()) {
                    case FLOAT32 -> {
                        float f = b.getFloat(4 * i);
                        if (Float.isFinite(f)) {
                            g.writeNumber(f);
                        } else {
                            g.writeString(Float.toString(f));
                        }
                    }
                    case INT64 -> g.writeNumber(b.getLong(8 * i));
                    default -> g.writeNumber(raw(b, s, i));
                }
            }
        }

        private static long raw(ByteBuffer b, TensorSnapshot s, int i) {
            return switch (s.tensor().type()) {
                case INT8 -> b.get(i);
                case UINT8, BOOL -> b.get(i) & 0xFF;
                case INT16 -> b.getShort(2 * i);
                case UINT16, FLOAT16, BFLOAT16 -> b.getShort(2 * i) & 0xFFFF;
                case INT32 -> b.getInt(4 * i);
                case UINT32 -> b.getInt(4 * i) & 0xFFFFFFFFL;
                default -> b.getLong(8 * i);
            };
        }

        /**
         * The values comma-separated, written in chunks of a reused buffer: one string of a large output's values
         * took several times its size.
         */
        static void writeText(PrintWriter out, TensorSnapshot s) {
            ByteBuffer b = ByteBuffer.wrap(s.raw()).order(ByteOrder.LITTLE_ENDIAN);
            StringBuilder sb = new StringBuilder(CHUNK + 64);
            char[] chars = new char[CHUNK + 64];
            for (int i = 0; i < s.elementCount(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                if (s.tensor().type() == TensorType.FLOAT32) {
                    sb.append(b.getFloat(4 * i));
                } else {
                    sb.append(raw(b, s, i));
                }
                if (sb.length() >= CHUNK) {
                    flush(out, sb, chars);
                }
            }
            flush(out, sb, chars);
        }

        private static void flush(PrintWriter out, StringBuilder sb, char[] chars) {
            sb.getChars(0, sb.length(), chars, 0);
            out.write(chars, 0, sb.length());
            sb.setLength(0);
        }
    }
}
