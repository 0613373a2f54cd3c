package dev.tflmstudio.runtime.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The vectors of TFLM's greedy_memory_planner_test.cc. */
class GreedyPlannerTest {

    static List<PlannedBuffer> buffers(int[]... specs) {
        List<PlannedBuffer> out = new ArrayList<>();
        for (int[] s : specs) {
            int offline = s.length > 3 ? s[3] : -1;
            out.add(new PlannedBuffer(out.size(), BufferKind.TENSOR, 0, out.size(), -1, -1, s[0], s[0], s[1], s[2],
                    offline, -1));
        }
        return out;
    }

    static MemoryPlan plan(String planner, List<PlannedBuffer> buffers) {
        return Planners.plan(buffers, Planners.byName(planner), Target.HOST64);
    }

    @Test
    void basics() {
        MemoryPlan p = plan("tflm", buffers(new int[] {10, 0, 1}, new int[] {20, 2, 3}));
        assertThat(p.buffers()).extracting(PlannedBuffer::offset).containsExactly(0, 0);
        assertThat(p.headBytes()).isEqualTo(20);
    }

    @Test
    void medium() {
        MemoryPlan p = plan("tflm", buffers(new int[] {10, 0, 1}, new int[] {20, 1, 2}, new int[] {30, 2, 3},
                new int[] {40, 3, 4}, new int[] {50, 0, 1}));
        assertThat(p.buffers()).extracting(PlannedBuffer::offset).containsExactly(50, 70, 40, 0, 0);
        assertThat(p.headBytes()).isEqualTo(90);
    }

    @Test
    void overlapCase() {
        MemoryPlan p = plan("tflm", buffers(new int[] {100, 0, 1}, new int[] {50, 2, 3}, new int[] {20, 1, 2}));
        assertThat(p.headBytes()).isEqualTo(120);
    }

    @Test
    void equalSizesGoHighestIdFirst() {
        // hello_world_int8: four 16-byte buffers; TFLM places id 3 first, so the output lands at offset 0.
        MemoryPlan p = plan("tflm", buffers(new int[] {16, 0, 1}, new int[] {16, 1, 2}, new int[] {16, 2, 3},
                new int[] {16, 3, 3}));
        assertThat(p.buffers()).extracting(PlannedBuffer::offset).containsExactly(16, 0, 16, 0);
    }

    @Test
    void offlineBuffersKeepTheirOffsetsAndOnlineOnesFitAround() {
        MemoryPlan p = plan("tflm", buffers(new int[] {32, 0, 2, 64}, new int[] {64, 0, 1}, new int[] {16, 1, 2}));
        assertThat(p.buffers().get(0).offset()).isEqualTo(64);
        assertThat(p.buffers().get(1).offset()).isZero();
        assertThat(p.buffers().get(2).offset()).isEqualTo(96);
        assertThat(p.isValid()).isTrue();
    }
}
