package dev.tflmstudio.runtime.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.model.ModelFormatException;
import dev.tflmstudio.runtime.tflite.ModelReader;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class BestPlannerTest {

    @Test
    void reachesTheLowerBoundOnVisualWakeWords() throws Exception {
        Assumptions.assumeTrue(RefRun.available(), "tflm.shared not available");
        Model vww = ModelReader.open(RefRun.shared().resolve("models/mlperf-vww_96_int8.tflite"));
        MemoryPlan tflm = Planners.plan(vww, "tflm");
        MemoryPlan best = Planners.plan(vww, "best");
        assertThat(tflm.headBytes()).isEqualTo(73_728);
        assertThat(best.lowerBoundBytes()).isEqualTo(55_296);
        assertThat(best.headBytes()).isEqualTo(55_296);
        assertThat(best.conflicts()).isEmpty();
    }

    @Test
    void neverWorseThanTflmAndAlwaysValidOnEveryReferenceModel() throws Exception {
        Assumptions.assumeTrue(RefRun.available(), "tflm.shared not available");
        List<String> problems = new ArrayList<>();
        for (RefRun run : RefRun.all("ref")) {
            if (!run.hasPlan() || !Files.exists(run.model())) {
                continue;
            }
            Model model;
            try {
                model = ModelReader.open(run.model());
            } catch (ModelFormatException e) {
                continue;
            }
            MemoryPlan tflm = Planners.plan(model, "tflm");
            MemoryPlan best = Planners.plan(model, "best");
            if (best.headBytes() > tflm.headBytes()) {
                problems.add(run.name() + ": best " + best.headBytes() + " > tflm " + tflm.headBytes());
            }
            if (!best.isValid()) {
                problems.add(run.name() + ": overlapping buffers");
            }
            if (best.headBytes() != best.lowerBoundBytes()) {
                problems.add(run.name() + ": gap " + best.gapBytes());
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void randomInstancesArePlannedWithoutOverlapsAndNeverWorseThanGreedy() {
        Random random = new Random(7);
        for (int round = 0; round < 80; round++) {
            int n = 1 + random.nextInt(40);
            List<PlannedBuffer> buffers = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int first = random.nextInt(20);
                int last = first + random.nextInt(6);
                int size = 16 * (1 + random.nextInt(64));
                int offline = random.nextInt(10) == 0 ? 16 * random.nextInt(8) * 64 : -1;
                buffers.add(new PlannedBuffer(i, BufferKind.TENSOR, 0, i, -1, -1, size, size, first, last, offline,
                        -1));
            }
            MemoryPlan greedy = GreedyPlannerTest.plan("tflm", buffers);
            MemoryPlan best = GreedyPlannerTest.plan("best", buffers);
            assertThat(best.headBytes()).isLessThanOrEqualTo(greedy.headBytes());
            for (PlannedBuffer b : best.buffers()) {
                if (b.isOffline()) {
                    assertThat(b.offset()).isEqualTo(b.offlineOffset());
                }
            }
            boolean pinsOverlap = !GreedyPlannerTest.plan("tflm", offlineOnly(buffers)).isValid();
            if (!pinsOverlap) {
                // Offline pins may overlap on purpose (TFLM allows it); otherwise the plan is valid and bounded.
                assertThat(best.conflicts()).as("round %d", round).isEmpty();
                assertThat(best.headBytes()).isGreaterThanOrEqualTo(best.lowerBoundBytes());
            }
        }
    }

    private static List<PlannedBuffer> offlineOnly(List<PlannedBuffer> buffers) {
        return buffers.stream().filter(PlannedBuffer::isOffline).toList();
    }
}
