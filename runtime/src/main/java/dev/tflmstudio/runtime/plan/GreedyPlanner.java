package dev.tflmstudio.runtime.plan;

import java.util.ArrayList;
import java.util.Arrays;
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
        int[] offsets = new int[n];
        Arrays.fill(offsets, -1);
        if (n == 0) {
            return offsets;
        }
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
        place(buffers, order, offsets);
        return offsets;
    }

    /**
     * Places buffers in {@code order} with TFLM's first-fit rule; offline buffers keep their offsets. Shared with
     * the best planner, which tries other orders.
     */
    static void place(List<PlannedBuffer> buffers, List<Integer> order, int[] offsets) {
        // Placed entries sorted by offset; ties keep insertion order (new entries go after equal offsets).
        int n = order.size();
        int[] listOffset = new int[n];
        int[] listId = new int[n];
        int count = 0;
        for (int k = 0; k < n; k++) {
            int id = order.get(k);
            PlannedBuffer b = buffers.get(id);
            int candidate;
            if (b.isOffline()) {
                candidate = b.offlineOffset();
            } else if (k == 0) {
                candidate = 0;
            } else {
                candidate = 0;
                for (int j = 0; j < count; j++) {
                    PlannedBuffer p = buffers.get(listId[j]);
                    if (p.firstUse() > b.lastUse() || b.firstUse() > p.lastUse()) {
                        continue;
                    }
                    if (listOffset[j] - candidate >= b.size()) {
                        break;
                    }
                    candidate = Math.max(candidate, listOffset[j] + p.size());
                }
            }
            offsets[id] = candidate;
            int pos = count;
            if (count > 0 && listOffset[0] > candidate) {
                pos = 0;
            } else {
                for (int j = 1; j < count; j++) {
                    if (listOffset[j] > candidate) {
                        pos = j;
                        break;
                    }
                }
            }
            System.arraycopy(listOffset, pos, listOffset, pos + 1, count - pos);
            System.arraycopy(listId, pos, listId, pos + 1, count - pos);
            listOffset[pos] = candidate;
            listId[pos] = id;
            count++;
        }
    }
}
