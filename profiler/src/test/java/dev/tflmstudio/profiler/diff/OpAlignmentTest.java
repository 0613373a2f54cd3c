package dev.tflmstudio.profiler.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tflmstudio.profiler.diff.OpAlignment.Pair;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpAlignmentTest {

    @Test
    void identicalSequencesPairOpIWithOpI() {
        assertThat(OpAlignment.align(List.of("CONV_2D", "ADD", "CONV_2D"), List.of("CONV_2D", "ADD", "CONV_2D")))
                .containsExactly(new Pair(0, 0), new Pair(1, 1), new Pair(2, 2));
    }

    @Test
    void anInsertedAndARemovedLayerLeaveTheRestMatched() {
        List<Pair> pairs = OpAlignment.align(
                List.of("CONV_2D", "MAX_POOL_2D", "CONV_2D", "FULLY_CONNECTED"),
                List.of("CONV_2D", "CONV_2D", "RELU", "FULLY_CONNECTED"));
        assertThat(pairs).containsExactly(new Pair(0, 0), new Pair(1, -1), new Pair(2, 1), new Pair(-1, 2),
                new Pair(3, 3));
    }

    @Test
    void emptySidesListEverythingAsUnmatched() {
        assertThat(OpAlignment.align(List.of(), List.of("ADD"))).containsExactly(new Pair(-1, 0));
        assertThat(OpAlignment.align(List.of("ADD"), List.of())).containsExactly(new Pair(0, -1));
    }
}
