package dev.tflmstudio.runtime.fidelity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tflmstudio.runtime.check.InvalidGraphException;
import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.model.Operator;
import dev.tflmstudio.runtime.tflite.ModelReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Omitted inputs (tensor index -1), shorter and longer input lists against real TFLM, for every op the differential
 * test generates: from a case TFLM runs with all its inputs, each input position omitted in turn, the input list cut
 * before each position (the empty list included), one and two inputs appended (input 0 again, or -1), and input 0
 * omitted with one more appended (which TFLM checks first: the count or the missing input).
 * Where TFLM runs the variant we must run it bit for bit ({@link Differential}); where it refuses, refuse at the
 * same stage and op with its words; where it crashes (it dereferences the missing tensor), refuse cleanly (the
 * graph check does). {@code -Domitted.survey=true} prints what TFLM did with every variant (runtime/KERNELS.md's
 * table of omitted inputs).
 */
class OmittedInputTest {
    /** Candidate cases tried per op for one TFLM runs with every input present. */
    private static final int CANDIDATES = 12;
    private static final long SEED = 5;
    /** Ops with inputs TFLM runs without: one base case per distinct list of input types (bias types differ). */
    private static final Set<String> OPTIONAL = Set.of("CONV_2D", "DEPTHWISE_CONV_2D", "FULLY_CONNECTED",
            "TRANSPOSE_CONV", "PAD", "PADV2", "RESHAPE", "SPLIT_V", "SVDF");
    private static final Set<String> VARIADIC = Set.of("CONCATENATION", "PACK");

    static List<String> ops() {
        return OpCases.ops();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ops")
    void omittedInputsAsTflm(String op, @TempDir Path tmp) throws Exception {
        TflmRefTool tflm = TflmRefTool.find();
        Assumptions.assumeTrue(tflm != null, "tflm_ref not found under tflm.shared/tools/tflm-ref: skipped");
        List<Integer> bases = baseCases(tflm, op, tmp);
        assertThat(bases).as(op + ": a generated case TFLM runs with all its inputs, among " + CANDIDATES).isNotEmpty();
        List<String> names = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        for (int base : bases) {
            Model m = ModelReader.open(Files.write(tmp.resolve("count.tflite"),
                    OpCases.generate(SEED, base, List.of(op)).model()));
            Operator o = target(m, op);
            String types = o.inputs().stream().map(t -> m.main().tensor(t).type().toString()).toList().toString();
            for (int p = 0; p < o.inputs().size(); p++) {
                int at = p;
                add(names, files, tmp, op, base, "case " + base + " " + types + ": input " + p + " omitted",
                        in -> omit(in, at));
                // a variadic op with fewer inputs is another op (its output no longer adds up), not one missing
                if (!VARIADIC.contains(op)) {
                    add(names, files, tmp, op, base, "case " + base + " " + types + ": inputs from " + p
                            + " dropped", in -> Arrays.copyOf(in, at));
                }
            }
            for (int extra = 1; extra <= 2; extra++) {
                int count = extra;
                // CONCATENATION's inputs must add up to its output: one more is another op, which TFLM (its
                // shape checks are DCHECKs) would copy past the output's end
                if (!op.equals("CONCATENATION")) {
                    add(names, files, tmp, op, base, "case " + base + " " + types + ": " + count
                            + " extra input(s), input 0 again", in -> append(in, count, in[0]));
                }
                add(names, files, tmp, op, base, "case " + base + " " + types + ": " + count
                        + " extra input(s), omitted", in -> append(in, count, -1));
            }
            // which comes first, the count check or the check of a missing input
            add(names, files, tmp, op, base, "case " + base + " " + types + ": input 0 omitted and 1 extra input",
                    in -> append(omit(in, 0), 1, -1));
        }
        List<List<String>> reports = tflm.run(files, 2);
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            String d = difference(files.get(i), reports.get(i));
            if (Boolean.getBoolean("omitted.survey")) {
                System.out.println("omitted " + op + " [" + names.get(i) + "]: " + tflmOutcome(reports.get(i))
                        + (d == null ? "" : " DIFF " + d));
            }
            if (d != null) {
                differences.add(names.get(i) + ": " + d);
            }
        }
        assertThat(differences).as(op + " (cases " + bases + " of seed " + SEED + ") with inputs omitted").isEmpty();
    }

    private static int[] append(int[] in, int count, int tensor) {
        int[] longer = Arrays.copyOf(in, in.length + count);
        Arrays.fill(longer, in.length, longer.length, tensor);
        return longer;
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

    /**
     * Candidate cases that TFLM and we run with every one of the op's inputs present: the one with the most inputs,
     * or for the {@link #OPTIONAL} ops the first of each list of input types.
     */
    private static List<Integer> baseCases(TflmRefTool tflm, String op, Path tmp) throws Exception {
        List<Path> files = new ArrayList<>();
        int candidates = OPTIONAL.contains(op) ? 3 * CANDIDATES : CANDIDATES;
        for (int i = 0; i < candidates; i++) {
            files.add(Files.write(tmp.resolve("base_" + i + ".tflite"),
                    OpCases.generate(SEED, i, List.of(op)).model()));
        }
        List<List<String>> reports = tflm.run(files, 2);
        int best = -1;
        int bestInputs = -1;
        Map<String, Integer> byTypes = new LinkedHashMap<>();
        for (int i = 0; i < candidates; i++) {
            Model m = ModelReader.open(files.get(i));
            Operator o = target(m, op);
            boolean complete = o.inputs().stream().allMatch(t -> t >= 0);
            if (complete && reports.get(i).contains("exit_code: 0")
                    && Differential.compare(files.get(i), reports.get(i)).outcome() == Differential.Outcome.RAN) {
                byTypes.putIfAbsent(o.inputs().stream().map(t -> m.main().tensor(t).type().toString())
                        .toList().toString(), i);
                if (o.inputs().size() > bestInputs) {
                    best = i;
                    bestInputs = o.inputs().size();
                }
            }
        }
        if (best < 0) {
            return List.of();
        }
        return OPTIONAL.contains(op) ? new ArrayList<>(byTypes.values()) : List.of(best);
    }

    private static Operator target(Model m, String op) {
        return m.main().operators().stream().filter(o -> o.opName().equals(op)).findFirst().orElseThrow();
    }

    static String tflmOutcome(List<String> report) {
        if (report.stream().anyMatch(l -> l.startsWith("tflm_ref crashed") || l.startsWith("tflm_ref timed out"))) {
            return "TFLM crashed";
        }
        if (report.contains("exit_code: 0")) {
            return "TFLM ran";
        }
        return "TFLM refused (" + Differential.tflmReason(report) + ")";
    }

    /** Null when we answer as TFLM does, else the difference. */
    static String difference(Path file, List<String> report) {
        if (report.stream().anyMatch(l -> l.startsWith("tflm_ref crashed") || l.startsWith("tflm_ref timed out"))) {
            String ours = Differential.ourRun(file);
            return ours == null ? "TFLM crashed, we ran it" : ours.startsWith("threw") ? "TFLM crashed, we " + ours : null;
        }
        try {
            Differential.Result r = Differential.compare(file, report);
            return r.outcome() == Differential.Outcome.MISMATCH ? r.difference() : null;
        } catch (InvalidGraphException e) {
            return "our graph check refused (" + e.getMessage() + "), TFLM: " + tflmOutcome(report);
        }
    }
}
