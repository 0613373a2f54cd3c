package dev.tflmstudio.runtime.bench;

import dev.tflmstudio.runtime.input.PatternInput;
import dev.tflmstudio.runtime.interpreter.MacBaseline;
import dev.tflmstudio.runtime.interpreter.Session;
import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.model.Subgraph;
import dev.tflmstudio.runtime.tflite.ModelReader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Invoke timing for small models, where per-invoke overhead matters (not a test: run its main with model paths).
 * Prints each model's median invoke time as a ratio to a fixed int8 multiply-accumulate loop timed in the same run,
 * and the slowest ops by median, so changes can be compared before/after within the same minute. {@code -Drounds=N}
 * repeats the whole list (default 3); {@code -Dops=N} shows the N slowest ops (default 4).
 */
public final class SmallModelBenchmark {
    private static final int BASELINE_MACS = 1 << 16;

    private SmallModelBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.getInteger("rounds", 3);
        for (int round = 0; round < rounds; round++) {
            double base = baselineNanos();
            for (String arg : args) {
                Model model = ModelReader.open(Path.of(arg));
                Session session = Session.allocate(model);
                session.setOpTiming(Boolean.getBoolean("opTiming"));
                Subgraph main = model.main();
                for (int i = 0; i < main.inputs().size(); i++) {
                    session.setInput(i, PatternInput.bytesFor(main.tensor(main.inputs().get(i))));
                }
                double invoke = invokeMedianNanos(session);
                long[] perOp = session.profile(2_000, 2_001);
                Integer[] order = new Integer[perOp.length - 1];
                for (int i = 0; i < order.length; i++) {
                    order[i] = i;
                }
                Arrays.sort(order, (a, b) -> Long.compare(perOp[b], perOp[a]));
                StringBuilder top = new StringBuilder();
                for (int i = 0; i < Math.min(Integer.getInteger("ops", 4), order.length); i++) {
                    top.append(String.format(Locale.ROOT, " %s#%d=%dns", main.operator(order[i]).opName(),
                            order[i], perOp[order[i]]));
                }
                System.out.printf(Locale.ROOT, "%-50s invoke %8.0f ns  %.4f x baseline |%s%n",
                        Path.of(arg).getFileName(), invoke, invoke / base, top);
            }
        }
    }

    private static double invokeMedianNanos(Session session) throws Exception {
        for (int i = 0; i < 20_000; i++) {
            session.run();
        }
        long[] t = new long[20_001];
        for (int i = 0; i < t.length; i++) {
            long t0 = System.nanoTime();
            session.run();
            t[i] = System.nanoTime() - t0;
        }
        Arrays.sort(t);
        return t[t.length / 2];
    }

    private static double baselineNanos() {
        return MacBaseline.medianNanos(BASELINE_MACS, 2_000, 201);
    }
}
