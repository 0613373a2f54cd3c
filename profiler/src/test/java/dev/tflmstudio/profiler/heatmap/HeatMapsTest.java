package dev.tflmstudio.profiler.heatmap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tflmstudio.runtime.cost.CostModel;
import dev.tflmstudio.runtime.cost.ModelCost;
import dev.tflmstudio.profiler.run.RefLogRuns;
import dev.tflmstudio.profiler.run.Run;
import dev.tflmstudio.profiler.testing.Shared;
import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.plan.Planners;
import org.junit.jupiter.api.Test;

class HeatMapsTest {

    @Test
    void personDetectOverlaysHaveAValuePerOpWithUnitAndLabel() throws Exception {
        Model model = Shared.open("tflm-person_detect_int8.tflite");
        ModelCost cost = CostModel.of(model);
        Run run = RefLogRuns.read(Shared.ref("tflm-person_detect_int8.tflite"), null);

        HeatMap latency = HeatMaps.latency(run);
        HeatMap share = HeatMaps.share(run);
        HeatMap macs = HeatMaps.macs(cost);
        HeatMap cpm = HeatMaps.cyclesPerMac(run, cost, 1_000_000_000L);
        HeatMap live = HeatMaps.liveBytes(Planners.plan(model, "tflm"), 31);

        assertThat(latency.size()).isEqualTo(31);
        assertThat(latency.unit()).isEqualTo("us");
        assertThat(latency.value(0)).isEqualTo(466.0);
        assertThat(latency.label()).isEqualTo("Latency (replay, median of 20)");
        double sum = 0;
        for (double v : share.values()) {
            sum += v;
        }
        assertThat(sum).isCloseTo(100.0, within(1e-9));
        assertThat(macs.value(2)).isEqualTo(294_912);
        assertThat(macs.unit()).isEqualTo("MACs");
        // op 2: 492 us at 1 GHz over 294,912 MACs
        assertThat(cpm.value(2)).isCloseTo(492_000.0 / 294_912, within(1e-9));
        assertThat(cpm.value(29)).isNaN();
        assertThat(live.value(2)).isEqualTo(55296);
        assertThat(live.max()).isEqualTo(55296);
        assertThat(live.normalized(2)).isEqualTo(1.0);
        assertThat(live.unit()).isEqualTo("B");
    }
}
