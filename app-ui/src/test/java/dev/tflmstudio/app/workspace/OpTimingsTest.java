package dev.tflmstudio.app.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tflmstudio.profiler.run.OpStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class OpTimingsTest {
    private static final int OPS = 30;

    /** Invokes of a 30-op model with varied, reproducible times (some ops slow, some with outliers). */
    private static List<long[]> invokes(int n, long seed) {
        Random r = new Random(seed);
        List<long[]> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long[] nanos = new long[OPS];
            for (int op = 0; op < OPS; op++) {
                nanos[op] = 1_000L * (op + 1) + r.nextInt(5_000) + (r.nextInt(100) == 0 ? 200_000 : 0);
            }
            all.add(nanos);
        }
        return all;
    }

    private static OpTimings appendAll(List<long[]> samples) {
        OpTimings t = OpTimings.first(samples.get(0));
        for (int i = 1; i < samples.size(); i++) {
            t = t.plus(samples.get(i));
        }
        return t;
    }

    /** What the statistics must be, computed the slow, obvious way from the same samples. */
    private static void assertMatchesNaive(OpTimings t, List<long[]> samples) {
        assertThat(t.invokes()).isEqualTo(samples.size());
        assertThat(t.opCount()).isEqualTo(OPS);
        assertThat(t.last()).containsExactly(samples.get(samples.size() - 1));
        double totalMean = 0;
        for (int op = 0; op < OPS; op++) {
            List<Double> micros = new ArrayList<>();
            long sum = 0;
            for (long[] invoke : samples) {
                micros.add(invoke[op] / 1000.0);
                sum += invoke[op];
            }
            double mean = (double) sum / samples.size();
            totalMean += mean;
            assertThat(t.micros(op)).as("op %d samples in run order", op).containsExactlyElementsOf(micros);
            assertThat(t.meanNanos(op)).as("op %d mean", op).isCloseTo(mean, Offset.offset(1e-9 * mean));
            assertThat(OpStats.of(t.micros(op))).as("op %d statistics", op).isEqualTo(OpStats.of(micros));
        }
        assertThat(t.totalMeanNanos()).isCloseTo(totalMean, Offset.offset(1e-9 * totalMean));
    }

    @Test
    void statisticsAfterThousandsOfAppendsEqualThoseComputedFromAllSamples() {
        List<long[]> samples = invokes(5_000, 1);

        assertMatchesNaive(appendAll(samples), samples);
    }

    @Test
    void aSnapshotTakenEarlierDoesNotChangeWhenMoreInvokesAreAppended() {
        List<long[]> samples = invokes(3_000, 2);
        OpTimings early = appendAll(samples.subList(0, 10));

        OpTimings later = early;
        for (long[] invoke : samples.subList(10, samples.size())) {
            later = later.plus(invoke);
        }

        assertMatchesNaive(early, samples.subList(0, 10));
        assertMatchesNaive(later, samples);
    }

    @Test
    void extendingAnOlderSnapshotBranchesWithoutDisturbingTheNewerOne() {
        List<long[]> main = invokes(40, 3);
        List<long[]> other = invokes(5, 4);
        OpTimings fork = appendAll(main.subList(0, 20));
        OpTimings newest = fork;
        for (long[] invoke : main.subList(20, 40)) {
            newest = newest.plus(invoke);
        }

        OpTimings branch = fork;
        for (long[] invoke : other) {
            branch = branch.plus(invoke);
        }

        List<long[]> branchSamples = new ArrayList<>(main.subList(0, 20));
        branchSamples.addAll(other);
        assertMatchesNaive(branch, branchSamples);
        assertMatchesNaive(newest, main);
        assertMatchesNaive(fork, main.subList(0, 20));
    }

    @Test
    void aSnapshotKnowsWhetherAnotherIsTheSameRunFurtherOn() {
        List<long[]> samples = invokes(30, 6);
        OpTimings early = appendAll(samples.subList(0, 10));
        OpTimings later = early;
        for (long[] invoke : samples.subList(10, 30)) {
            later = later.plus(invoke);
        }
        OpTimings branch = early.plus(samples.get(0));
        OpTimings otherRun = appendAll(samples);

        assertThat(early.isEarlierStateOf(later)).isTrue();
        assertThat(early.isEarlierStateOf(early)).isTrue();
        assertThat(later.isEarlierStateOf(early)).isFalse();
        assertThat(early.isEarlierStateOf(branch)).as("a branch is another run").isFalse();
        assertThat(early.isEarlierStateOf(otherRun)).as("a new session's timings, same samples").isFalse();
    }

    @Test
    void snapshotsHandedToAnotherThreadWhileAppendingContinuesReadTheirOwnSamples() throws Exception {
        List<long[]> samples = invokes(2_000, 5);
        BlockingQueue<OpTimings> handOff = new ArrayBlockingQueue<>(samples.size());
        // The reader checks each snapshot while the writer keeps appending (and growing the store) behind it.
        CompletableFuture<Integer> reader = CompletableFuture.supplyAsync(() -> {
            int checked = 0;
            try {
                for (int i = 0; i < samples.size(); i++) {
                    OpTimings t = handOff.take();
                    int n = t.invokes();
                    for (int op = 0; op < OPS; op += 7) {
                        List<Double> micros = t.micros(op);
                        if (micros.size() != n || micros.get(n - 1) != samples.get(n - 1)[op] / 1000.0
                                || micros.get(0) != samples.get(0)[op] / 1000.0) {
                            return -1;
                        }
                    }
                    checked++;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return checked;
        });
        OpTimings t = OpTimings.first(samples.get(0));
        handOff.put(t);
        for (long[] invoke : samples.subList(1, samples.size())) {
            t = t.plus(invoke);
            handOff.put(t);
        }

        assertThat(reader.get()).isEqualTo(samples.size());
    }

    @Test
    void anInvokeWithADifferentNumberOfOpsIsRejected() {
        OpTimings t = OpTimings.first(new long[] {1, 2, 3});

        assertThatThrownBy(() -> t.plus(new long[] {1, 2})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OpTimings.first(new long[0])).isInstanceOf(IllegalArgumentException.class);
    }
}
