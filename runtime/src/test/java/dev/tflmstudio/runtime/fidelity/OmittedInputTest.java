package dev.tflmstudio.runtime.fidelity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tflmstudio.runtime.check.InvalidGraphException;
import dev.tflmstudio.runtime.input.PatternInput;
import dev.tflmstudio.runtime.interpreter.Session;
import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.model.Operator;
import dev.tflmstudio.runtime.model.Subgraph;
import dev.tflmstudio.runtime.tflite.ModelReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Omitted inputs (tensor index -1) against real TFLM, for every op the differential test generates: from a case
 * TFLM runs with all its inputs, each input position omitted in turn, and the input list cut after each position.
 * Where TFLM runs the variant we must run it bit for bit ({@link Differential}); where it refuses, refuse at the
 * same stage and op with its words; where it crashes (it dereferences the missing tensor), refuse cleanly.
 */
class OmittedInputTest {
    /** Candidate cases tried per op for one TFLM runs with every input present. */
    private static final int CANDIDATES = 12;
    private static final long SEED = 5;

    static List<String> ops() {
        return OpCases.ops();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ops")
    void omittedInputsAsTflm(String op, @TempDir Path tmp) throws Exception {
        TflmRefTool tflm = TflmRefTool.find();
        Assumptions.assumeTrue(tflm != null, "tflm_ref not found under tflm.shared/tools/tflm-ref: skipped");
        int base = baseCase(tflm, op, tmp);
        assertThat(base).as(op + ": a generated case TFLM runs with all its inputs, among " + CANDIDATES).isNotNegative();
        int inputs = inputCount(OpCases.generate(SEED, base, List.of(op)).model(), op, tmp);

        List<String> names = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        for (int p = 0; p < inputs; p++) {
            int at = p;
            add(names, files, tmp, op, base, "input " + p + " omitted", in -> omit(in, at));
            if (p > 0) {
                add(names, files, tmp, op, base, "inputs from " + p + " dropped", in -> Arrays.copyOf(in, at));
            }
        }
        List<List<String>> reports = tflm.run(files, 2);
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            String d = difference(files.get(i), reports.get(i));
            System.out.println("omitted " + op + " [" + names.get(i) + "]: " + tflmOutcome(reports.get(i))
                    + (d == null ? "" : " DIFF " + d));
            if (d != null) {
                differences.add(names.get(i) + ": " + d);
            }
        }
        assertThat(differences).as(op + " (case " + base + " of seed " + SEED + ") with inputs omitted").isEmpty();
    }

    private static int[] omit(int[] in, int at) {
        in[at] = -1;
        return in;
    }

    private static void add(List<String> names, List<Path> files, Path tmp, String op, int base, String name,
                            UnaryOperator<int[]> rewrite) throws Exception {
        byte[] model = OpCases.generate(SEED, base, List.of(op), g -> g.rewriteInputs(op, rewrite)).model();
        names.add(name);
        files.add(Files.write(tmp.resolve(op.toLowerCase() + "_" + files.size() + ".tflite"), model));
    }

    /** The first of the candidate cases that TFLM and we run, with every one of the op's inputs present. */
    private static int baseCase(TflmRefTool tflm, String op, Path tmp) throws Exception {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < CANDIDATES; i++) {
            files.add(Files.write(tmp.resolve("base_" + i + ".tflite"),
                    OpCases.generate(SEED, i, List.of(op)).model()));
        }
        List<List<String>> reports = tflm.run(files, 2);
        int best = -1;
        int bestInputs = -1;
        for (int i = 0; i < CANDIDATES; i++) {
            Model m = ModelReader.open(files.get(i));
            Operator o = target(m, op);
            boolean complete = o.inputs().stream().allMatch(t -> t >= 0);
            if (complete && o.inputs().size() > bestInputs && reports.get(i).contains("exit_code: 0")
                    && Differential.compare(files.get(i), reports.get(i)).outcome() == Differential.Outcome.RAN) {
                best = i;
                bestInputs = o.inputs().size();
            }
        }
        return best;
    }

    private static int inputCount(byte[] model, String op, Path tmp) throws Exception {
        return target(ModelReader.open(Files.write(tmp.resolve("count.tflite"), model)), op).inputs().size();
    }

    private static Operator target(Model m, String op) {
        return m.main().operators().stream().filter(o -> o.opName().equals(op)).findFirst().orElseThrow();
    }

    private static String tflmOutcome(List<String> report) {
        if (report.stream().anyMatch(l -> l.startsWith("tflm_ref crashed") || l.startsWith("tflm_ref timed out"))) {
            return "TFLM crashed";
        }
        if (report.contains("exit_code: 0")) {
            return "TFLM ran";
        }
        return "TFLM refused (" + Differential.tflmReason(report) + ")";
    }

    /** Null when we answer as TFLM does, else the difference. */
    private static String difference(Path file, List<String> report) {
        if (report.stream().anyMatch(l -> l.startsWith("tflm_ref crashed") || l.startsWith("tflm_ref timed out"))) {
            String ours = ourRun(file);
            return ours == null ? "TFLM crashed, we ran it" : ours.startsWith("threw") ? "TFLM crashed, we " + ours : null;
        }
        try {
            Differential.Result r = Differential.compare(file, report);
            return r.outcome() == Differential.Outcome.MISMATCH ? r.difference() : null;
        } catch (InvalidGraphException e) {
            return "our graph check refused (" + e.getMessage() + "), TFLM: " + tflmOutcome(report);
        }
    }

    /** Null when we run the model, "refused: ..." for a clean refusal, "threw ..." otherwise. */
    private static String ourRun(Path file) {
        try {
            Model model = ModelReader.open(file);
            Session session = Session.allocate(model);
            Subgraph main = model.main();
            for (int i = 0; i < main.inputs().size(); i++) {
                session.setInput(i, PatternInput.bytesFor(main.tensor(main.inputs().get(i))));
            }
            session.run();
            return null;
        } catch (InvalidGraphException | KernelException e) {
            return "refused: " + e.getMessage();
        } catch (Exception e) {
            return "threw " + e;
        }
    }
}
