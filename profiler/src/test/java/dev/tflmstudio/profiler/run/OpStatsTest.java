package dev.tflmstudio.profiler.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpStatsTest {

    @Test
    void firstInvocationIsKeptApartFromTheSteadyState() {
        OpStats s = OpStats.of(List.of(900.0, 10.0, 12.0, 11.0, 13.0));
        assertThat(s.count()).isEqualTo(5);
        assertThat(s.firstMicros()).isEqualTo(900.0);
        assertThat(s.minMicros()).isEqualTo(10.0);
        assertThat(s.maxMicros()).isEqualTo(13.0);
        // steady state 10, 11, 12, 13: the median of an even count is the lower middle value
        assertThat(s.medianMicros()).isEqualTo(11.0);
        assertThat(s.p95Micros()).isEqualTo(13.0);
    }

    @Test
    void p95IsNearestRank() {
        List<Double> samples = new ArrayList<>();
        samples.add(1000.0);
        for (int i = 1; i <= 100; i++) {
            samples.add((double) i);
        }
        OpStats s = OpStats.of(samples);
        assertThat(s.p95Micros()).isEqualTo(95.0);
        assertThat(s.medianMicros()).isEqualTo(50.0);
        assertThat(s.count()).isEqualTo(101);
    }

    @Test
    void aSingleSampleIsItsOwnSteadyState() {
        OpStats s = OpStats.single(42.0);
        assertThat(s.count()).isEqualTo(1);
        assertThat(s.medianMicros()).isEqualTo(42.0);
        assertThat(s.firstMicros()).isEqualTo(42.0);
        assertThat(s.p95Micros()).isEqualTo(42.0);
    }
}
