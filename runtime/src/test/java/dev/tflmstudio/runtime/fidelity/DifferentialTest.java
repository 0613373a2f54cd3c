package dev.tflmstudio.runtime.fidelity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Differential test against real TFLM: generates single-op models (every op of {@link OpCases}, every type the
 * generator tries, option corners) with a fixed seed, runs each through {@code tflm_ref} and through our runtime
 * and planner, and requires the same answer everywhere ({@link Differential}). Skips where tflm_ref is absent.
 *
 * <p>A deeper sweep: {@code -Dsweep=50000 -Dsweep.seed=7 -Dsweep.ops=CONV_2D,ADD -Dsweep.keep=/tmp/cases}; with
 * {@code -Dsweep.audit=FILE} it writes, per op, the types TFLM ran and refused and its refusal words.
 */
class DifferentialTest {
    private static final int BATCH = 500;

    @Test
    void everyFixedCaseMatchesTflm(@TempDir Path tmp) throws Exception {
        TflmRefTool tflm = TflmRefTool.find();
        Assumptions.assumeTrue(tflm != null, "tflm_ref not found under tflm.shared/tools/tflm-ref: skipped");
        List<FixedCases.Fixed> cases = FixedCases.all();
        List<Path> files = new ArrayList<>();
        for (FixedCases.Fixed c : cases) {
            files.add(Files.write(tmp.resolve(c.fileName()), c.model()));
        }
        List<List<String>> reports = tflm.run(files, 2);
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            Differential.Result r = Differential.compare(files.get(i), reports.get(i));
            if (r.outcome() != cases.get(i).tflm()) {
                differences.add(cases.get(i).name() + ": " + r.outcome() + (r.difference() == null ? ""
                        : " (" + r.difference() + ")") + ", expected " + cases.get(i).tflm());
            }
        }
        assertThat(differences).as("hand-built cases where our runtime differs from TFLM").isEmpty();
    }

    @Test
    void everyGeneratedModelMatchesTflm(@TempDir Path tmp) throws Exception {
        TflmRefTool tflm = TflmRefTool.find();
        Assumptions.assumeTrue(tflm != null, "tflm_ref not found under tflm.shared/tools/tflm-ref: skipped");
        int cases = Integer.getInteger("sweep", 3000);
        long seed = Long.getLong("sweep.seed", 1);
        String only = System.getProperty("sweep.ops", "");
        Path dir = System.getProperty("sweep.keep") != null ? Path.of(System.getProperty("sweep.keep")) : tmp;
        Files.createDirectories(dir);
        List<String> ops = OpCases.ops();
        if (!only.isBlank()) {
            ops = ops.stream().filter(o -> List.of(only.split(",")).contains(o)).toList();
        }
        int parallel = Integer.getInteger("sweep.parallel", Math.max(2, Runtime.getRuntime().availableProcessors()));

        Map<Differential.Outcome, Integer> outcomes = new EnumMap<>(Differential.Outcome.class);
        Map<String, int[]> perOp = new TreeMap<>();
        List<String> mismatches = new ArrayList<>();
        SweepAudit audit = new SweepAudit();
        for (int start = 0; start < cases; start += BATCH) {
            List<OpCases.Case> batch = new ArrayList<>();
            List<Path> files = new ArrayList<>();
            for (int i = start; i < Math.min(cases, start + BATCH); i++) {
                OpCases.Case c = OpCases.generate(seed, i, ops);
                Path f = dir.resolve(c.fileName());
                Files.write(f, c.model());
                batch.add(c);
                files.add(f);
            }
            List<List<String>> reports = tflm.run(files, parallel);
            for (int k = 0; k < batch.size(); k++) {
                OpCases.Case c = batch.get(k);
                Differential.Result r = Differential.compare(files.get(k), reports.get(k));
                if (System.getProperty("sweep.audit") != null) {
                    audit.record(c.op(), files.get(k), r, reports.get(k));
                }
                outcomes.merge(r.outcome(), 1, Integer::sum);
                perOp.computeIfAbsent(c.op(), o -> new int[Differential.Outcome.values().length])[r.outcome().ordinal()]++;
                if (r.outcome() == Differential.Outcome.MISMATCH) {
                    String line = c.fileName() + " [" + c.label() + "]: " + r.difference();
                    mismatches.add(line);
                }
                if (System.getProperty("sweep.keep") == null) {
                    Files.deleteIfExists(files.get(k));
                }
            }
        }
        if (System.getProperty("sweep.audit") != null) {
            audit.write(Path.of(System.getProperty("sweep.audit")));
        }
        System.out.println("differential: " + cases + " cases over " + ops.size() + " ops, seed " + seed + ": "
                + outcomes);
        perOp.forEach((op, n) -> System.out.printf("  %-26s ran %4d  refused %4d  tflm-crashed %3d  mismatched %3d%n",
                op, n[0], n[1], n[2], n[3]));
        mismatches.forEach(m -> System.out.println("MISMATCH " + m));
        assertThat(mismatches).as("models where our runtime differs from TFLM (seed " + seed + ")").isEmpty();
    }
}
