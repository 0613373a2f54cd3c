package dev.tflmstudio.app.profile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tflmstudio.app.ModelFixtures;
import dev.tflmstudio.app.workspace.OpTimings;
import dev.tflmstudio.runtime.model.Subgraph;
import dev.tflmstudio.serial.analysis.ClockRange;
import dev.tflmstudio.serial.analysis.MeasuredArena;
import dev.tflmstudio.serial.analysis.OpStatistics;
import dev.tflmstudio.serial.analysis.SessionSummary;
import dev.tflmstudio.serial.analysis.TickClock;
import dev.tflmstudio.serial.analysis.TickStats;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProfileRowsTest {
    private final Subgraph twoOps = ModelFixtures.chain(2).main();

    private static SessionSummary board(TickClock clock, List<OpStatistics> ops) {
        return new SessionSummary(3, 3, ops, TickStats.EMPTY, MeasuredArena.NONE, null, clock, ClockRange.UNKNOWN,
                List.of(), List.of(), 0, List.of(), 0, 0);
    }

    @Test
    void localColumnsKeepTheFirstInvokeApartFromTheSteadyState() {
        OpTimings t = OpTimings.first(new long[] {90_000, 1_000}).plus(new long[] {10_000, 1_000})
                .plus(new long[] {30_000, 3_000}).plus(new long[] {20_000, 1_000});

        List<ProfileRow> rows = ProfileRows.of(twoOps, t, null, null, null);

        ProfileRow cold = rows.get(0);
        assertThat(cold.count()).isEqualTo(4);
        assertThat(cold.firstUs()).isEqualTo(90.0);
        assertThat(new double[] {cold.minUs(), cold.medianUs(), cold.p95Us(), cold.maxUs()})
                .as("over 10, 30, 20 µs: the 90 µs cold start is not in them")
                .containsExactly(10.0, 20.0, 30.0, 30.0);
        assertThat(cold.share() + rows.get(1).share()).isCloseTo(100.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(cold.share()).as("of the medians the table leads with (20 and 1 µs), not the means")
                .isEqualTo(100.0 * 20 / 21);
        assertThat(cold.boardCount()).isZero();
        assertThat(cold.boardMedian()).isNaN();
    }

    @Test
    void boardColumnsAreMicrosWhenTheTickRateIsKnown() {
        TickClock clock = new TickClock(64_000_000, "test");
        List<OpStatistics> ops = List.of(
                new OpStatistics(0, "RELU", new TickStats(3, 64, 64, 6400, 6400), 6400,
                        new TickStats(2, 64, 64, 128, 128)),
                new OpStatistics(1, "RELU", new TickStats(3, 64, 64, 64, 64), 64, new TickStats(2, 64, 64, 64, 64)));

        List<ProfileRow> rows = ProfileRows.of(twoOps, null, null, board(clock, ops), null);

        assertThat(ProfileRows.boardUnit(board(clock, ops))).isEqualTo(ProfileRows.BoardUnit.MICROS);
        assertThat(rows.get(0).boardCount()).isEqualTo(3);
        assertThat(rows.get(0).boardFirst()).isEqualTo(100.0);
        assertThat(rows.get(0).boardMedian()).isEqualTo(1.0);
        assertThat(rows.get(0).boardP95()).isEqualTo(2.0);
        assertThat(rows.get(0).medianUs()).as("no local run yet").isNaN();
        assertThat(ProfileRows.csv(rows, ProfileRows.BoardUnit.MICROS)).startsWith(
                "op,name,count,first_us,min_us,median_us,p95_us,max_us,share_percent,macs,board_count,"
                        + "board_first_us,board_median_us,board_p95_us,device_us\n"
                        + "0,RELU,0,,,,,,,,3,100.000,1.000,2.000,\n");
    }

    @Test
    void aSingleBoardInvocationIsItsOwnSteadyStateAndAMismatchedBoardIsLeftOut() {
        List<OpStatistics> one = List.of(
                new OpStatistics(0, "RELU", new TickStats(1, 7, 7, 7, 7), 7, TickStats.EMPTY),
                new OpStatistics(1, "RELU", new TickStats(1, 9, 9, 9, 9), 9, TickStats.EMPTY));
        assertThat(ProfileRows.of(twoOps, null, null, board(null, one), null))
                .extracting(ProfileRow::boardMedian).containsExactly(7.0, 9.0);
        assertThat(ProfileRows.boardUnit(board(null, one))).isEqualTo(ProfileRows.BoardUnit.TICKS);

        List<ProfileRow> other = ProfileRows.of(twoOps, null, null, board(null, one.subList(0, 1)), null);
        assertThat(other).as("a board running a different op sequence is not lined up with this model")
                .extracting(ProfileRow::boardCount).containsOnly(0);
    }
}
