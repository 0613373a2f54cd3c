package dev.tflmstudio.app.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A reader thread faster than the FX thread: one pending task, the newest items, nothing piling up. */
class FxHandOffTest {
    @Test
    void aBusyFxThreadGetsOneTaskWithTheNewestItemsInOrder() {
        ArrayDeque<Runnable> fxQueue = new ArrayDeque<>();
        List<List<Integer>> delivered = new ArrayList<>();
        FxHandOff<Integer> handOff = new FxHandOff<>(100, fxQueue::add, delivered::add);

        for (int i = 0; i < 100_000; i++) {
            handOff.add(i);
        }
        assertThat(fxQueue).as("one FX task however many items arrive").hasSize(1);
        fxQueue.poll().run();
        assertThat(delivered).hasSize(1);
        assertThat(delivered.get(0)).hasSize(100).startsWith(99_900, 99_901).endsWith(99_999);

        handOff.add(7);
        assertThat(fxQueue).as("the next item after a delivery schedules again").hasSize(1);
        fxQueue.poll().run();
        assertThat(delivered.get(1)).containsExactly(7);
    }
}
