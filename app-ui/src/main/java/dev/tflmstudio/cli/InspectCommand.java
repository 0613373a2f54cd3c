package dev.tflmstudio.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.model.Operator;
import dev.tflmstudio.runtime.model.Quantization;
import dev.tflmstudio.runtime.model.Subgraph;
import dev.tflmstudio.runtime.model.Tensor;
import dev.tflmstudio.runtime.model.TensorKind;
import dev.tflmstudio.runtime.tflite.ModelReader;
import dev.tflmstudio.runtime.tflm.TflmCompatibility;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code tflm-studio inspect MODEL [--json]}: what is in a model. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Summarise a model: operators in execution order, tensors with bytes and quantization, totals.")
public final class InspectCommand implements Callable<Integer> {
    @Parameters(paramLabel = "MODEL", description = "A .tflite file.")
    Path modelPath;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Model model = ModelReader.open(modelPath);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            out.println(mapper.writeValueAsString(toJson(mapper, model)));
        } else {
            printText(out, model);
        }
        return ExitCode.OK;
    }

    static ObjectNode toJson(ObjectMapper mapper, Model model) {
        ObjectNode root = mapper.createObjectNode();
        root.put("model", model.source());
        root.put("bytes", model.sizeBytes());
        root.put("schemaVersion", model.schemaVersion());
        ArrayNode sgs = root.putArray("subgraphs");
        for (Subgraph sg : model.subgraphs()) {
            ObjectNode s = sgs.addObject();
            s.put("index", sg.index());
            s.put("name", sg.name());
            sg.inputs().forEach(s.putArray("inputs")::add);
            sg.outputs().forEach(s.putArray("outputs")::add);
            ArrayNode tensors = s.putArray("tensors");
            for (Tensor t : sg.tensors()) {
                ObjectNode tn = tensors.addObject();
                tn.put("index", t.index());
                tn.put("name", t.name());
                tn.put("type", t.type().name());
                ArrayNode shape = tn.putArray("shape");
                for (int d : t.shape().toArray()) {
                    shape.add(d);
                }
                tn.put("bytes", t.hasData() ? t.data().remaining() : Math.max(0, t.arenaBytes()));
                tn.put("constant", t.kind() == TensorKind.CONSTANT);
                tn.put("variable", t.variable());
                Quantization q = t.quantization();
                if (q == null) {
                    tn.putNull("quantization");
                } else {
                    ObjectNode qn = tn.putObject("quantization");
                    q.scales().forEach(qn.putArray("scale")::add);
                    q.zeroPoints().forEach(qn.putArray("zeroPoint")::add);
                    qn.put("quantizedDimension", q.quantizedDimension());
                }
            }
            ArrayNode ops = s.putArray("operators");
            for (Operator op : sg.operators()) {
                ObjectNode on = ops.addObject();
                on.put("index", op.index());
                on.put("opcode", op.opName());
                on.put("version", op.code().version());
                op.inputs().forEach(on.putArray("inputs")::add);
                op.outputs().forEach(on.putArray("outputs")::add);
            }
        }
        List<String> problems = TflmCompatibility.problems(model);
        ObjectNode tflm = root.putObject("tflm");
        tflm.put("runnable", problems.isEmpty());
        problems.forEach(tflm.putArray("problems")::add);
        return root;
    }

    private static void printText(PrintWriter out, Model model) {
        out.printf("model: %s (%,d bytes, schema %d)%n", model.source(), model.sizeBytes(), model.schemaVersion());
        if (!model.description().isEmpty()) {
            out.printf("description: %s%n", model.description());
        }
        if (model.minRuntimeVersion() != null) {
            out.printf("min_runtime_version: %s%n", model.minRuntimeVersion());
        }
        for (Subgraph sg : model.subgraphs()) {
            out.printf("%nsubgraph %d%s: %d operators, %d tensors, inputs %s, outputs %s%n", sg.index(),
                    sg.name().isEmpty() ? "" : " '" + sg.name() + "'", sg.operators().size(), sg.tensors().size(),
                    sg.inputs(), sg.outputs());
            out.println();
            out.println("  #    operator                         inputs -> outputs");
            for (Operator op : sg.operators()) {
                out.printf("  %-4d %-32s %s -> %s%n", op.index(), op.opName() + " v" + op.code().version(),
                        tensorList(sg, op.inputs()), tensorList(sg, op.outputs()));
            }
            out.println();
            out.printf("  %-5s %-10s %-9s %-18s %12s  %s%n", "#", "kind", "type", "shape", "bytes",
                    "name / quantization");
            long weights = 0;
            long activations = 0;
            for (Tensor t : sg.tensors()) {
                long bytes = t.hasData() ? t.data().remaining() : Math.max(0, t.arenaBytes());
                if (t.kind() == TensorKind.CONSTANT) {
                    weights += bytes;
                } else {
                    activations += bytes;
                }
                out.printf("  %-5d %-10s %-9s %-18s %,12d  %s%s%n", t.index(), t.kind().name().toLowerCase(),
                        t.type(), t.shape(), bytes, t.name(), quantText(t.quantization()));
            }
            out.printf("%n  totals: %d operators, %d tensors, %,d bytes of constants, %,d bytes of activations "
                    + "and variables (unplanned sum)%n", sg.operators().size(), sg.tensors().size(), weights,
                    activations);
        }
        List<String> problems = TflmCompatibility.problems(model);
        out.println();
        if (problems.isEmpty()) {
            out.println("TFLM: every op has a TFLM kernel; no static reason it would not run.");
        } else {
            out.println("TFLM: will not run this model:");
            problems.forEach(p -> out.println("  - " + p));
        }
    }

    private static String tensorList(Subgraph sg, List<Integer> indices) {
        return indices.stream().map(i -> i < 0 ? "-" : i + ":" + sg.tensor(i).type().name().toLowerCase()
                + sg.tensor(i).shape()).collect(Collectors.joining(" "));
    }

    private static String quantText(Quantization q) {
        if (q == null || !q.isQuantized()) {
            return "";
        }
        if (q.isPerChannel()) {
            return String.format("  [per-channel x%d along dim %d, scale %g..]", q.scales().size(),
                    q.quantizedDimension(), q.scale(0));
        }
        return String.format("  [scale %g, zero point %d]", q.scale(0), q.zeroPoint(0));
    }
}
