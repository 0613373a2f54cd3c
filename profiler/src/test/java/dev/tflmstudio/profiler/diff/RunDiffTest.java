package dev.tflmstudio.profiler.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tflmstudio.runtime.cost.CostModel;
import dev.tflmstudio.runtime.cost.ModelCost;
import dev.tflmstudio.profiler.run.OpTiming;
import dev.tflmstudio.profiler.run.RefLogRuns;
import dev.tflmstudio.profiler.run.Run;
import dev.tflmstudio.profiler.run.RunSource;
import dev.tflmstudio.profiler.run.SourceKind;
import dev.tflmstudio.profiler.testing.Shared;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunDiffTest {

    private static Run run(String hash, Long arena, Object... opNameMicrosLive) {
        List<OpTiming> ops = new java.util.ArrayList<>();
        for (int i = 0; i < opNameMicrosLive.length; i += 3) {
            ops.add(OpTiming.measured(i / 3, (String) opNameMicrosLive[i],
                    List.of((Double) opNameMicrosLive[i + 1]), (Long) opNameMicrosLive[i + 2]));
        }
        return new Run(Run.FORMAT, "m.tflite", hash, new RunSource(SourceKind.LOCAL, ""), null,
                "2026-11-24T00:00:00Z", 1, arena, ops);
    }

    @Test
    void sameModelDeltasAreSortedByImpact() {
        Run before = run("h", 1000L, "CONV_2D", 100.0, 500L, "ADD", 10.0, 300L, "SOFTMAX", 10.0, 100L);
        Run after = run("h", 900L, "CONV_2D", 90.0, 500L, "ADD", 40.0, 200L, "SOFTMAX", 10.0, 100L);

        RunComparison c = RunDiff.compare(before, after);

        assertThat(c.sameModel()).isTrue();
        assertThat(c.unmatched()).isEmpty();
        assertThat(c.byImpact()).extracting(OpDelta::opName).containsExactly("ADD", "CONV_2D", "SOFTMAX");
        OpDelta add = c.byImpact().get(0);
        assertThat(add.deltaMicros()).isEqualTo(30.0);
        assertThat(add.deltaPercent()).isEqualTo(300.0);
        // share: 10/120 -> 40/140
        assertThat(add.deltaSharePoints()).isCloseTo((40.0 / 140 - 10.0 / 120) * 100, within(1e-9));
        assertThat(add.deltaLiveBytes()).isEqualTo(-100L);
        assertThat(c.deltaArenaBytes()).isEqualTo(-100L);
        assertThat(c.deltaTotalMicros()).isEqualTo(20.0);
        assertThat(c.peakLiveBytesA()).isEqualTo(500L);
    }

    @Test
    void twoModelVersionsMatchByOrderAndTypeAndListTheRest() throws Exception {
        // The int8 autoencoder against its float-I/O version, which adds QUANTIZE in front and DEQUANTIZE behind.
        Run intIo = RefLogRuns.read(Shared.ref("mlperf-ad01_int8.tflite"), Shared.model("mlperf-ad01_int8.tflite"));
        Run floatIo = RefLogRuns.read(Shared.ref("mlperf-ad_toycar_int8_floatio.tflite"),
                Shared.model("mlperf-ad_toycar_int8_floatio.tflite"));
        ModelCost costA = CostModel.of(Shared.open("mlperf-ad01_int8.tflite"));
        ModelCost costB = CostModel.of(Shared.open("mlperf-ad_toycar_int8_floatio.tflite"));

        RunComparison c = RunDiff.compare(intIo, floatIo, costA, costB);

        assertThat(c.sameModel()).isFalse();
        assertThat(c.byImpact()).hasSize(10).allSatisfy(d -> {
            assertThat(d.opName()).isEqualTo("FULLY_CONNECTED");
            assertThat(d.indexB()).isEqualTo(d.indexA() + 1);
            assertThat(d.deltaMacs()).isZero();
        });
        assertThat(c.unmatched()).extracting(UnmatchedOp::side, UnmatchedOp::index, UnmatchedOp::opName)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("B", 0, "QUANTIZE"),
                        org.assertj.core.groups.Tuple.tuple("B", 11, "DEQUANTIZE"));
        for (int i = 1; i < c.byImpact().size(); i++) {
            assertThat(Math.abs(c.byImpact().get(i - 1).deltaMicros()))
                    .isGreaterThanOrEqualTo(Math.abs(c.byImpact().get(i).deltaMicros()));
        }
        assertThat(c.deltaArenaBytes()).isEqualTo(6240L - 3632L);
    }
}
