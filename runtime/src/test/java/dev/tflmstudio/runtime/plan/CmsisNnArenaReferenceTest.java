package dev.tflmstudio.runtime.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.model.ModelFormatException;
import dev.tflmstudio.runtime.tflite.ModelReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The cmsis-nn kernel set predicts what TFLM built with CMSIS-NN printed on a Cortex-M4F for every file of
 * {@code ../shared/ref-arm32-cmsis} (top-level, seanet and opzoo models): every planned buffer's size, lifetime and
 * offset, the head, the lower bound, and each PrintAllocations line; and it refuses exactly the models that build
 * refused while the reference kernels ran them.
 */
class CmsisNnArenaReferenceTest {

    @Test
    void everyCmsisNnRunMatchesPlanAndAllocations() throws Exception {
        Assumptions.assumeTrue(RefRun.available(), "tflm.shared not available");
        List<String> failures = new ArrayList<>();
        int planned = 0;
        int allocated = 0;
        int refusedWithItsWords = 0;
        for (RefRun run : RefRun.all("ref-arm32-cmsis")) {
            Model model;
            try {
                model = ModelReader.open(run.model());
            } catch (ModelFormatException e) {
                continue;
            }
            boolean refused = run.values().getOrDefault("exit_code", "0").equals("1");
            Optional<List<String>> refusal = CmsisNnKernels.refusal(model);
            if (refusal.isPresent()) {
                if (!refused) {
                    failures.add(run.name() + ": refused here, ran on the board");
                }
                String printed = String.join("\n", java.nio.file.Files.readAllLines(run.file()));
                for (String line : refusal.get()) {
                    if (!printed.contains(line)) {
                        failures.add(run.name() + ": the board did not print '" + line + "'");
                    }
                }
                refusedWithItsWords++;
                continue;
            }
            java.nio.file.Path reference = RefRun.shared().resolve("ref-arm32")
                    .resolve(RefRun.shared().resolve("ref-arm32-cmsis").relativize(run.file()));
            if (refused && java.nio.file.Files.exists(reference)
                    && RefRun.parse(reference).values().getOrDefault("exit_code", "0").equals("0")) {
                failures.add(run.name() + ": the CMSIS-NN build refused it, the reference kernels ran it, and "
                        + "the cmsis-nn kernel set does not refuse it");
            }
            if (run.hasPlan()) {
                MemoryPlan plan = Planners.plan(model, "tflm", Target.MCU32, KernelSet.CMSIS_NN);
                planned++;
                String diff = TflmPlannerReferenceTest.compare(run, plan);
                if (diff != null) {
                    failures.add(run.name() + ": " + diff);
                }
            }
            if (!run.allocations().isEmpty()) {
                ArenaEstimate estimate = ArenaEstimator.estimate(model,
                        Planners.plan(model, "tflm", Target.MCU32, KernelSet.CMSIS_NN));
                allocated++;
                if (!estimate.isExact()) {
                    failures.add(run.name() + ": flagged as an estimate because of " + estimate.estimatedParts());
                }
                if (!estimate.logLines().equals(run.allocations())) {
                    failures.add(run.name() + "\n  expected " + String.join("\n           ", run.allocations())
                            + "\n  got      " + String.join("\n           ", estimate.logLines()));
                }
            }
        }
        assertThat(planned).as("CMSIS-NN runs with a plan").isGreaterThan(300);
        assertThat(allocated).isGreaterThan(300);
        assertThat(refusedWithItsWords).as("CMSIS-NN refusals with the board's words").isGreaterThanOrEqualTo(3);
        assertThat(failures).isEmpty();
    }

    @Test
    void refusesPerChannelInt16FullyConnectedAsTheCmsisNnBuildDoes() throws Exception {
        Assumptions.assumeTrue(RefRun.available(), "tflm.shared not available");
        Model model = ModelReader.open(RefRun.shared().resolve(
                "models/tflm-opzoo/fully_connected_int16_pc_relu_b32.tflite"));
        RefRun run = RefRun.parse(RefRun.shared().resolve(
                "ref-arm32-cmsis/tflm-opzoo/fully_connected_int16_pc_relu_b32.tflite.txt"));
        List<String> lines = CmsisNnKernels.refusal(model).orElseThrow();
        String file = String.join("\n", java.nio.file.Files.readAllLines(run.file()));
        for (String line : lines) {
            assertThat(file).contains(line);
        }
    }
}
