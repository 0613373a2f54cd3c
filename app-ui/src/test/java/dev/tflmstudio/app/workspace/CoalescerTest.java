package dev.tflmstudio.app.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CoalescerTest {
    /** Stands in for the FX thread: runs what was queued only when told to. */
    private final Queue<Runnable> fxQueue = new ArrayDeque<>();
    private final List<Integer> shown = new ArrayList<>();
    private final Coalescer<Integer> coalescer = new Coalescer<>(fxQueue::add, shown::add);

    private void runQueued() {
        while (!fxQueue.isEmpty()) {
            fxQueue.poll().run();
        }
    }

    @Test
    void fiveThousandUpdatesWhileTheUiIsBusyQueueOneHandOffThatShowsTheLast() {
        for (int invoke = 1; invoke <= 5_000; invoke++) {
            coalescer.offer(invoke);
        }

        assertThat(fxQueue).hasSize(1);
        runQueued();
        assertThat(shown).containsExactly(5_000);
    }

    @Test
    void updatesAfterAHandOffQueueTheNextOneSoTheFinalStateIsAlwaysShown() {
        coalescer.offer(1);
        runQueued();
        coalescer.offer(2);
        coalescer.offer(3);
        runQueued();
        runQueued();

        assertThat(shown).containsExactly(1, 3);
        assertThat(fxQueue).isEmpty();
    }

    @Test
    void aFastProducerOnAnotherThreadEndsWithItsLastValueShownAndNeverMoreHandOffsThanValues()
            throws Exception {
        ExecutorService consumerThread = Executors.newSingleThreadExecutor();
        List<Integer> delivered = new ArrayList<>();
        Coalescer<Integer> c = new Coalescer<>(consumerThread, delivered::add);
        try {
            for (int i = 1; i <= 20_000; i++) {
                c.offer(i);
            }
        } finally {
            consumerThread.shutdown();
            assertThat(consumerThread.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(delivered).isSorted().doesNotHaveDuplicates().isNotEmpty().hasSizeLessThanOrEqualTo(20_000);
        assertThat(delivered.get(delivered.size() - 1)).isEqualTo(20_000);
    }
}
