package dev.tflmstudio.runtime.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.model.ModelFormatException;
import dev.tflmstudio.runtime.tflite.ModelReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The arena prediction prints what RecordingMicroAllocator printed on x86-64 and on a Cortex-M4F, for every model
 * TFLM could allocate, and none of those predictions is flagged as an estimate (this covers the Signal ops of the
 * audio preprocessor models and BATCH_MATMUL).
 */
class ArenaEstimatorReferenceTest {

    @Test
    void host64MatchesEveryExactReferenceRun() throws Exception {
        check("ref", Target.HOST64);
    }

    @Test
    void mcu32MatchesEveryExactReferenceRun() throws Exception {
        check("ref-arm32", Target.MCU32);
    }

    private static void check(String dir, Target target) throws Exception {
        Assumptions.assumeTrue(RefRun.available(), "tflm.shared not available");
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (RefRun run : RefRun.all(dir)) {
            if (run.allocations().isEmpty()) {
                continue;
            }
            Model model;
            try {
                model = ModelReader.open(run.model());
            } catch (ModelFormatException e) {
                continue;
            }
            ArenaEstimate estimate = ArenaEstimator.estimate(model, Planners.plan(model, "tflm", target));
            checked++;
            if (!estimate.isExact()) {
                failures.add(run.name() + ": flagged as an estimate because of " + estimate.estimatedParts());
            }
            if (!estimate.logLines().equals(run.allocations())) {
                failures.add(run.name() + "\n  expected " + String.join("\n           ", run.allocations())
                        + "\n  got      " + String.join("\n           ", estimate.logLines()));
            }
        }
        assertThat(checked).as("reference runs with allocations in " + dir).isPositive();
        assertThat(failures).isEmpty();
    }
}
