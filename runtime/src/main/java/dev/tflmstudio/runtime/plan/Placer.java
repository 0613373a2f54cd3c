package dev.tflmstudio.runtime.plan;

import java.util.Arrays;
import java.util.List;

/**
 * Places buffers one by one in a given order at the lowest (first fit) or tightest (best fit) gap among the
 * already placed buffers that are live at the same time, walked in offset order with ties in placement order,
 * exactly as TFLM's GreedyMemoryPlanner walks its offset-sorted list. Offline-pinned buffers keep their offset.
 * Only time-overlapping buffers are visited (found through per-time-step lists), so typical plans of thousands of
 * buffers take milliseconds instead of a quadratic scan.
 */
final class Placer {
    final int[] size;
    final int[] first;
    final int[] last;
    final int[] pinned;
    private final int timeShift;
    private final int times;

    Placer(List<PlannedBuffer> buffers) {
        int n = buffers.size();
        size = new int[n];
        first = new int[n];
        last = new int[n];
        pinned = new int[n];
        int minTime = 0;
        int maxTime = 0;
        for (int i = 0; i < n; i++) {
            PlannedBuffer b = buffers.get(i);
            size[i] = b.size();
            first[i] = b.firstUse();
            last[i] = b.lastUse();
            pinned[i] = b.offlineOffset();
            minTime = Math.min(minTime, Math.min(first[i], last[i]));
            maxTime = Math.max(maxTime, Math.max(first[i], last[i]));
        }
        timeShift = -minTime;
        times = maxTime - minTime + 1;
    }

    int count() {
        return size.length;
    }

    boolean isPinned(int i) {
        return pinned[i] != PlannedBuffer.ONLINE;
    }

    /** Offsets when placing {@code order} (every buffer exactly once). */
    int[] place(int[] order, boolean bestFit) {
        int n = size.length;
        int[] offsets = new int[n];
        Arrays.fill(offsets, -1);
        int[] rank = new int[n];
        int[][] live = new int[times][];
        int[] liveCount = new int[times];
        int[] seen = new int[n];
        Arrays.fill(seen, -1);
        int[] near = new int[16];
        long[] keys = new long[16];
        int[] byRank = new int[n];
        for (int k = 0; k < order.length; k++) {
            int id = order[k];
            rank[id] = k;
            byRank[k] = id;
            int offset;
            if (isPinned(id)) {
                offset = pinned[id];
            } else {
                int found = 0;
                int from = Math.min(first[id], last[id]) + timeShift;
                int to = Math.max(first[id], last[id]) + timeShift;
                for (int t = from; t <= to; t++) {
                    for (int j = 0; j < liveCount[t]; j++) {
                        int p = live[t][j];
                        if (seen[p] != k) {
                            seen[p] = k;
                            if (found == near.length) {
                                near = Arrays.copyOf(near, found * 2);
                            }
                            near[found++] = p;
                        }
                    }
                }
                if (keys.length < found) {
                    keys = new long[near.length];
                }
                sortByOffset(near, found, offsets, rank, byRank, keys);
                offset = bestFit ? bestGap(near, found, offsets, size[id]) : firstGap(near, found, offsets,
                        size[id]);
            }
            offsets[id] = offset;
            int from = Math.min(first[id], last[id]) + timeShift;
            int to = Math.max(first[id], last[id]) + timeShift;
            for (int t = from; t <= to; t++) {
                if (live[t] == null) {
                    live[t] = new int[4];
                } else if (liveCount[t] == live[t].length) {
                    live[t] = Arrays.copyOf(live[t], liveCount[t] * 2);
                }
                live[t][liveCount[t]++] = id;
            }
        }
        return offsets;
    }

    /**
     * TFLM's rule: walk overlapping buffers by offset; stop at the first gap from the candidate that fits,
     * otherwise move the candidate past the buffer.
     */
    private int firstGap(int[] near, int found, int[] offsets, int need) {
        int candidate = 0;
        for (int j = 0; j < found; j++) {
            int p = near[j];
            if (offsets[p] - candidate >= need) {
                break;
            }
            candidate = Math.max(candidate, offsets[p] + size[p]);
        }
        return candidate;
    }

    private int bestGap(int[] near, int found, int[] offsets, int need) {
        int candidate = 0;
        int best = -1;
        int bestSlack = Integer.MAX_VALUE;
        for (int j = 0; j < found; j++) {
            int p = near[j];
            int gap = offsets[p] - candidate;
            if (gap >= need && gap - need < bestSlack) {
                bestSlack = gap - need;
                best = candidate;
            }
            candidate = Math.max(candidate, offsets[p] + size[p]);
        }
        return best >= 0 ? best : candidate;
    }

    /** Sorts by (offset, placement rank): TFLM's list order, where a new entry goes after equal offsets. */
    private static void sortByOffset(int[] a, int n, int[] offsets, int[] rank, int[] byRank, long[] keys) {
        for (int i = 0; i < n; i++) {
            keys[i] = ((long) offsets[a[i]] << 32) | rank[a[i]];
        }
        Arrays.sort(keys, 0, n);
        for (int i = 0; i < n; i++) {
            a[i] = byRank[(int) keys[i]];
        }
    }

    int head(int[] offsets) {
        int head = 0;
        for (int i = 0; i < size.length; i++) {
            head = Math.max(head, offsets[i] + size[i]);
        }
        return head;
    }
}
