package dev.tflmstudio.app.profile;

import dev.tflmstudio.app.ModelFixtures;
import dev.tflmstudio.app.workspace.OpTimings;
import dev.tflmstudio.runtime.model.Subgraph;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.LongSupplier;

/**
 * Benchmark (not a test; run by hand) of the desktop profile's cost of following a long run: appending 5,000
 * invokes of a 30-op model and summarising them, the way the app did before (copy every sample on each append,
 * recompute every mean over all samples, rebuild the rows after every invoke) against now (shared append-only
 * samples, running sums, rows rebuilt only when the coalesced UI asks). The old way is reproduced here as the
 * baseline so both are measured in the same run; results are ratios to it. Run with
 * {@code java -cp <test classpath> dev.tflmstudio.app.profile.ProfileBenchmark [invokes] [ops]}.
 */
public final class ProfileBenchmark {
    private static final int RUNS = 5;
    /** Keeps the JIT from dropping work whose result is otherwise unused. */
    private static volatile long sink;

    private ProfileBenchmark() {
    }

    public static void main(String[] args) {
        int invokes = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        int ops = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        Subgraph g = ModelFixtures.chain(ops).main();
        List<long[]> samples = samples(invokes, ops);

        double appendBefore = medianMillis(() -> appendTheOldWay(samples, g, false));
        double appendAfter = medianMillis(() -> appendNow(samples, g, 0));
        System.out.printf(Locale.ROOT, "append + per-op means, %,d invokes x %d ops: before %.1f ms, after %.2f ms"
                + " = %.4f x before (%.0f x faster)%n", invokes, ops, appendBefore, appendAfter,
                appendAfter / appendBefore, appendBefore / appendAfter);

        // Quadratic and slow (the point of the change): measured once.
        double allBefore = medianMillis(1, () -> appendTheOldWay(samples, g, true));
        // The UI now asks for rows at most once per FX pulse; every 50 invokes is a pessimistic stand-in.
        double allAfter = medianMillis(() -> appendNow(samples, g, 50));
        System.out.printf(Locale.ROOT, "append + means + profile rows: before (rows after every invoke, on the FX"
                + " thread) %.0f ms, after (rows every 50 invokes, off the FX thread) %.0f ms = %.4f x before%n",
                allBefore, allAfter, allAfter / allBefore);

        OpTimings all = appendAll(samples);
        double oneRows = medianMillis(() -> ProfileRows.of(g, all, null, null, null).size());
        System.out.printf(Locale.ROOT, "one refresh of the rows at %,d invokes (worker thread): %.2f ms%n",
                invokes, oneRows);
    }

    private static List<long[]> samples(int invokes, int ops) {
        Random r = new Random(42);
        List<long[]> all = new ArrayList<>(invokes);
        for (int i = 0; i < invokes; i++) {
            long[] nanos = new long[ops];
            for (int op = 0; op < ops; op++) {
                nanos[op] = 2_000 + r.nextInt(20_000);
            }
            all.add(nanos);
        }
        return all;
    }

    private static OpTimings appendAll(List<long[]> samples) {
        OpTimings t = OpTimings.first(samples.get(0));
        for (long[] invoke : samples.subList(1, samples.size())) {
            t = t.plus(invoke);
        }
        return t;
    }

    /** Now: what the session thread does per invoke, plus rows every {@code rowsEvery} invokes (0: never). */
    private static long appendNow(List<long[]> samples, Subgraph g, int rowsEvery) {
        long sum = 0;
        OpTimings t = null;
        for (int i = 0; i < samples.size(); i++) {
            t = t == null ? OpTimings.first(samples.get(i)) : t.plus(samples.get(i));
            sum += (long) means(t.opCount(), t::meanNanos, t.totalMeanNanos());
            if (rowsEvery > 0 && (i % rowsEvery == rowsEvery - 1 || i == samples.size() - 1)) {
                sum += ProfileRows.of(g, t, null, null, null).size();
            }
        }
        return sum;
    }

    /** Before: a full copy of the sample list per invoke, means over all samples, optionally the rows as well. */
    private static long appendTheOldWay(List<long[]> samples, Subgraph g, boolean rows) {
        long sum = 0;
        List<long[]> kept = List.of();
        for (long[] invoke : samples) {
            List<long[]> more = new ArrayList<>(kept);
            more.add(invoke.clone());
            kept = List.copyOf(more);
            List<long[]> all = kept;
            java.util.function.IntToDoubleFunction mean = op -> {
                double opSum = 0;
                for (long[] s : all) {
                    opSum += s[op];
                }
                return opSum / all.size();
            };
            double total = 0;
            for (int op = 0; op < invoke.length; op++) {
                total += mean.applyAsDouble(op);
            }
            sum += (long) means(invoke.length, mean, total);
            if (rows) {
                sum += ProfileRows.of(g, appendAll(all), null, null, null).size();
            }
        }
        return sum;
    }

    /** The latency and share metrics the debugger publishes per invoke. */
    private static double means(int ops, java.util.function.IntToDoubleFunction mean, double total) {
        double sum = 0;
        for (int op = 0; op < ops; op++) {
            sum += mean.applyAsDouble(op) / 1000.0 + (total == 0 ? 0 : 100.0 * mean.applyAsDouble(op) / total);
        }
        return sum;
    }

    private static double medianMillis(LongSupplier work) {
        return medianMillis(RUNS, work);
    }

    private static double medianMillis(int runs, LongSupplier work) {
        double[] ms = new double[runs];
        for (int run = 0; run < runs; run++) {
            long start = System.nanoTime();
            sink += work.getAsLong();
            ms[run] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        return ms[runs / 2];
    }
}
