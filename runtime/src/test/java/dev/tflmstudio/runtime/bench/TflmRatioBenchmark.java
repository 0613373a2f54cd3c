package dev.tflmstudio.runtime.bench;

import dev.tflmstudio.runtime.input.PatternInput;
import dev.tflmstudio.runtime.interpreter.Session;
import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.model.Subgraph;
import dev.tflmstudio.runtime.tflite.ModelReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Our invoke time as a ratio to real TFLM's (tflm_bench), alternating the two in rounds so both see the same load
 * on a shared machine (not a test: run its main with model paths). Each round times about {@code -Dms=300} ms of
 * TFLM, then as long of ours, and prints the round's ratio of medians; the line per model gives the median and
 * range of those ratios, and the ratio of the two minimum times, over {@code -Drounds=N} rounds (default 7). {@code -Dshared=DIR} (default ../shared) holds the tool.
 */
public final class TflmRatioBenchmark {
    private static final Pattern MEDIAN = Pattern.compile("median_us=([0-9.]+)");
    private static final Pattern MIN = Pattern.compile("min_us=([0-9.]+)");

    private TflmRatioBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.getInteger("rounds", 7);
        long budgetNs = Long.getLong("ms", 300) * 1_000_000L;
        Path tool = Path.of(System.getProperty("shared", "../shared"), "tools", "tflm-ref", "tflm_bench");
        for (String arg : args) {
            Path path = Path.of(arg);
            Model model = ModelReader.open(path);
            Session session;
            try {
                session = Session.allocate(model);
            } catch (KernelException e) {
                // TFLM refuses these too (hybrid models): nothing to compare
                System.out.printf(Locale.ROOT, "%-44s refused: %s%n", path.getFileName(), e.getMessage());
                continue;
            }
            session.setOpTiming(Boolean.getBoolean("opTiming"));
            Subgraph main = model.main();
            for (int i = 0; i < main.inputs().size(); i++) {
                session.setInput(i, PatternInput.bytesFor(main.tensor(main.inputs().get(i))));
            }
            oursNs(session, 2_000_000_000L); // warm-up: let the JIT compile the kernels
            double tflm0 = tflmNs(tool, path, 50)[0];
            int n = (int) Math.max(20, Math.min(200_000, budgetNs / tflm0));
            double[] ratio = new double[rounds];
            double[] ours = new double[rounds];
            double[] tflm = new double[rounds];
            double oursMin = Double.MAX_VALUE;
            double tflmMin = Double.MAX_VALUE;
            for (int r = 0; r < rounds; r++) {
                double[] t = tflmNs(tool, path, n);
                tflm[r] = t[0];
                tflmMin = Math.min(tflmMin, t[1]);
                double[] o = oursNs(session, budgetNs);
                ours[r] = o[0];
                oursMin = Math.min(oursMin, o[1]);
                ratio[r] = ours[r] / tflm[r];
            }
            double[] sorted = ratio.clone();
            Arrays.sort(sorted);
            System.out.printf(Locale.ROOT, "%-44s ours %9.1f us  tflm %9.1f us  ratio median %.3f  range %.3f-%.3f"
                            + "  min/min %.3f%n", path.getFileName(), median(ours) / 1e3,
                    median(tflm) / 1e3, sorted[rounds / 2], sorted[0], sorted[rounds - 1], oursMin / tflmMin);
        }
    }

    private static double median(double[] a) {
        double[] s = a.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    /** Median and minimum invoke time in ns over about {@code budgetNs}. */
    private static double[] oursNs(Session session, long budgetNs) throws Exception {
        long end = System.nanoTime() + budgetNs;
        long[] t = new long[1 << 20];
        int n = 0;
        while (n < 20 || (System.nanoTime() < end && n < t.length)) {
            long t0 = System.nanoTime();
            session.run();
            t[n++] = System.nanoTime() - t0;
        }
        Arrays.sort(t, 0, n);
        return new double[] {t[n / 2], t[0]};
    }

    /** tflm_bench's median and minimum invoke time in ns over {@code n} invokes. */
    private static double[] tflmNs(Path tool, Path model, int n) throws Exception {
        if (!Files.isExecutable(tool)) {
            throw new IllegalStateException(tool + " is not there");
        }
        Process p = new ProcessBuilder(tool.toString(), model.toString(), Integer.toString(n))
                .redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("tflm_bench failed: " + text);
        }
        Matcher m = MEDIAN.matcher(text);
        Matcher min = MIN.matcher(text);
        if (!m.find() || !min.find()) {
            throw new IllegalStateException("tflm_bench printed no median: " + text);
        }
        return new double[] {Double.parseDouble(m.group(1)) * 1e3, Double.parseDouble(min.group(1)) * 1e3};
    }
}
