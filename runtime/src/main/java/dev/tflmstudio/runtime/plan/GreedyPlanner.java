package dev.tflmstudio.runtime.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * A faithful replica of TFLM's {@code GreedyMemoryPlanner} (tflm-internals.md 1.3): offline buffers first at their
 * pinned offsets in insertion order, then online buffers by descending size (ties: descending id, because TFLM
 * fills them in reverse and bubble-sorts stably), each at the first gap that fits among the time-overlapping
 * buffers already placed, walked in offset order.
 */
public final class GreedyPlanner implements MemoryPlanner {

    @Override
    public String name() {
        return "tflm";
    }

    @Override
    public int[] place(List<PlannedBuffer> buffers) {
        int n = buffers.size();
        List<Integer> order = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            if (buffers.get(i).isOffline()) {
                order.add(i);
            }
        }
        List<Integer> online = new ArrayList<>();
        for (int i = n - 1; i >= 0; i--) {
            if (!buffers.get(i).isOffline()) {
                online.add(i);
            }
        }
        // Stable sort, descending size: same order as TFLM's stable reverse bubble sort of the reversed fill.
        online.sort((a, b) -> Integer.compare(buffers.get(b).size(), buffers.get(a).size()));
        order.addAll(online);
        return new Placer(buffers).place(order.stream().mapToInt(Integer::intValue).toArray(), false);
    }
}
