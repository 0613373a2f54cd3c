package dev.tflmstudio.runtime.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.model.OfflineMemoryAllocation;
import dev.tflmstudio.runtime.tflite.ModelReader;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class OfflinePlansTest {

    @Test
    void bestPlanRoundTripsThroughOfflineMemoryAllocation() throws Exception {
        Assumptions.assumeTrue(RefRun.available(), "tflm.shared not available");
        Path file = RefRun.shared().resolve("models/mlperf-vww_96_int8.tflite");
        Model model = ModelReader.open(file);
        MemoryPlan best = Planners.plan(model, "best");

        byte[] copy = OfflinePlans.withPlan(ByteBuffer.wrap(Files.readAllBytes(file)), model, best);
        Model reopened = ModelReader.read(ByteBuffer.wrap(copy), "copy");

        OfflineMemoryAllocation stored = reopened.offlinePlan();
        assertThat(stored).isNotNull();
        assertThat(stored.offsets()).hasSize(model.totalTensorCount());
        for (PlannedBuffer b : best.buffers()) {
            assertThat(stored.offsets().get(Lifetimes.globalTensorIndex(model, b.subgraph(), b.tensor())))
                    .isEqualTo(b.offset());
        }
        // TFLM on the board plans with the pinned offsets: same head as the best plan, far below its own.
        MemoryPlan onBoard = Planners.plan(reopened, "tflm");
        assertThat(onBoard.headBytes()).isEqualTo(best.headBytes()).isEqualTo(55_296);
        assertThat(onBoard.buffers()).allMatch(PlannedBuffer::isOffline);
        // Everything else about the model is unchanged.
        assertThat(reopened.subgraphs().get(0).operators()).hasSameSizeAs(model.subgraphs().get(0).operators());
        assertThat(Planners.plan(reopened, "tflm").lowerBoundBytes()).isEqualTo(best.lowerBoundBytes());
    }

    @Test
    void vendorOfflinePlanIsHonoured() throws Exception {
        Assumptions.assumeTrue(RefRun.available(), "tflm.shared not available");
        Model vela = ModelReader.open(RefRun.shared().resolve("models/tflm-person_detect_vela_ethosu.tflite"));
        assertThat(vela.offlinePlan().offsets()).containsExactly(0, -1, -1, 0, 0, 0);
        MemoryPlan plan = Planners.plan(vela, "tflm");
        assertThat(plan.buffers()).extracting(PlannedBuffer::tensor).containsExactly(0, 3, 4, 5);
        assertThat(plan.buffers()).allMatch(b -> b.offset() == 0 && b.isOffline());
        assertThat(plan.headBytes()).isEqualTo(74_464);
        assertThat(Planners.plan(vela, "best").buffers()).allMatch(b -> b.offset() == 0);
    }

    @Test
    void payloadLayoutIsVersionSubgraphsCountOffsets() throws Exception {
        Assumptions.assumeTrue(RefRun.available(), "tflm.shared not available");
        Model hello = ModelReader.open(RefRun.shared().resolve("models/tflm-hello_world_int8.tflite"));
        MemoryPlan plan = Planners.plan(hello, "tflm");
        ByteBuffer words = ByteBuffer.wrap(OfflinePlans.payload(hello, plan)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        assertThat(words.getInt(0)).isZero();
        assertThat(words.getInt(4)).isEqualTo(1);
        assertThat(words.getInt(8)).isEqualTo(10);
        assertThat(words.getInt(12)).isEqualTo(16); // input tensor 0
        assertThat(words.getInt(12 + 4 * 1)).isEqualTo(-1); // a weight
        assertThat(words.getInt(12 + 4 * 9)).isZero(); // output tensor 9
    }
}
