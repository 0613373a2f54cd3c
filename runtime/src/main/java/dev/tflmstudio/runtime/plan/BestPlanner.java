package dev.tflmstudio.runtime.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * A planner that is never worse than TFLM's and reaches the lower bound wherever a few known heuristics and a
 * local search find it. It runs, keeping the smallest head:
 * <ol>
 *   <li>TFLM's greedy plan itself (so the result is never worse);</li>
 *   <li>first-fit and best-fit placement in several orders: by size, by breadth (the peak live bytes over the
 *       buffer's lifetime, as in TFLite's "greedy by breadth"), by conflict (bytes of overlapping buffers), by
 *       lifetime length and by start time;</li>
 *   <li>for instances up to a few hundred buffers, a hill climb over the placement order (as Vela does), seeded
 *       from the best order so far, with a fixed seed and a fixed evaluation budget so results are
 *       reproducible.</li>
 * </ol>
 * Stops as soon as a plan reaches the lower bound. Offline-pinned buffers are placed first and never move.
 */
public final class BestPlanner implements MemoryPlanner {
    /** Total work budget for the hill climb, in buffer-pair checks (keeps the search well under a second). */
    private static final long SEARCH_WORK = 60_000_000L;
    private static final int MAX_SEARCH_EVALUATIONS = 20_000;

    @Override
    public String name() {
        return "best";
    }

    @Override
    public int[] place(List<PlannedBuffer> buffers) {
        Instance in = new Instance(buffers);
        int[] best = new GreedyPlanner().place(buffers);
        int bestHead = in.head(best);
        int bound = in.lowerBound();
        if (bestHead <= bound || in.online.length < 2) {
            return best;
        }
        List<int[]> orders = in.heuristicOrders();
        int[] bestOrder = orders.get(0);
        for (int[] order : orders) {
            for (boolean bestFit : new boolean[] {false, true}) {
                int[] offsets = in.placeInOrder(order, bestFit);
                int head = in.head(offsets);
                if (head < bestHead) {
                    bestHead = head;
                    best = offsets;
                    bestOrder = order;
                }
                if (bestHead <= bound) {
                    return best;
                }
            }
        }
        return hillClimb(in, bestOrder, best, bestHead, bound);
    }

    /** Moves one buffer to another position in the order; keeps moves that do not grow the head. */
    private static int[] hillClimb(Instance in, int[] startOrder, int[] best, int bestHead, int bound) {
        int n = startOrder.length;
        long perEvaluation = (long) in.size.length * in.size.length;
        long evaluations = Math.min(MAX_SEARCH_EVALUATIONS, SEARCH_WORK / Math.max(1, perEvaluation));
        Random random = new Random(0x7F1A);
        int[] order = startOrder.clone();
        int current = in.head(in.placeInOrder(order, false));
        for (long e = 0; e < evaluations && bestHead > bound; e++) {
            int from = random.nextInt(n);
            int to = random.nextInt(n);
            if (from == to) {
                continue;
            }
            int[] candidate = move(order, from, to);
            int[] offsets = in.placeInOrder(candidate, false);
            int head = in.head(offsets);
            if (head <= current) {
                order = candidate;
                current = head;
                if (head < bestHead) {
                    bestHead = head;
                    best = offsets;
                }
            }
        }
        return best;
    }

    private static int[] move(int[] order, int from, int to) {
        int[] out = order.clone();
        int v = out[from];
        if (from < to) {
            System.arraycopy(out, from + 1, out, from, to - from);
        } else {
            System.arraycopy(out, to, out, to + 1, from - to);
        }
        out[to] = v;
        return out;
    }

    /** Primitive-array view of the buffers for fast repeated placement. */
    private static final class Instance {
        final int[] size;
        final int[] first;
        final int[] last;
        final int[] pinned;
        final int[] offline;
        final int[] online;
        final long[] live;

        Instance(List<PlannedBuffer> buffers) {
            int n = buffers.size();
            size = new int[n];
            first = new int[n];
            last = new int[n];
            pinned = new int[n];
            List<Integer> off = new ArrayList<>();
            List<Integer> on = new ArrayList<>();
            int maxTime = 0;
            for (int i = 0; i < n; i++) {
                PlannedBuffer b = buffers.get(i);
                size[i] = b.size();
                first[i] = b.firstUse();
                last[i] = b.lastUse();
                pinned[i] = b.offlineOffset();
                maxTime = Math.max(maxTime, b.lastUse());
                (b.isOffline() ? off : on).add(i);
            }
            offline = off.stream().mapToInt(Integer::intValue).toArray();
            online = on.stream().mapToInt(Integer::intValue).toArray();
            live = MemoryPlan.liveBytesPerTime(buffers, maxTime);
        }

        int lowerBound() {
            long peak = 0;
            for (long l : live) {
                peak = Math.max(peak, l);
            }
            return (int) peak;
        }

        int head(int[] offsets) {
            int head = 0;
            for (int i = 0; i < size.length; i++) {
                head = Math.max(head, offsets[i] + size[i]);
            }
            return head;
        }

        List<int[]> heuristicOrders() {
            int n = size.length;
            long[] breadth = new long[n];
            long[] conflict = new long[n];
            for (int i : online) {
                long peak = 0;
                for (int t = Math.max(0, first[i]); t <= last[i] && t < live.length; t++) {
                    peak = Math.max(peak, live[t]);
                }
                breadth[i] = peak;
            }
            if ((long) online.length * online.length <= 25_000_000L) {
                for (int a = 0; a < online.length; a++) {
                    for (int b = a + 1; b < online.length; b++) {
                        int i = online[a];
                        int j = online[b];
                        if (!(first[i] > last[j] || first[j] > last[i])) {
                            conflict[i] += size[j];
                            conflict[j] += size[i];
                        }
                    }
                }
            }
            Comparator<Integer> bySize = Comparator.comparingInt(i -> -size[i]);
            List<Comparator<Integer>> rules = List.of(
                    bySize.thenComparingInt(i -> first[i]),
                    Comparator.<Integer>comparingLong(i -> -breadth[i]).thenComparing(bySize),
                    Comparator.<Integer>comparingLong(i -> -conflict[i]).thenComparing(bySize),
                    Comparator.<Integer>comparingLong(i -> -(long) size[i] * (last[i] - first[i] + 1))
                            .thenComparing(bySize),
                    Comparator.<Integer>comparingInt(i -> -(last[i] - first[i])).thenComparing(bySize),
                    Comparator.<Integer>comparingInt(i -> first[i]).thenComparing(bySize));
            List<int[]> orders = new ArrayList<>();
            for (Comparator<Integer> rule : rules) {
                Integer[] boxed = Arrays.stream(online).boxed().toArray(Integer[]::new);
                Arrays.sort(boxed, rule);
                orders.add(Arrays.stream(boxed).mapToInt(Integer::intValue).toArray());
            }
            return orders;
        }

        /**
         * Places offline buffers at their pins, then online buffers in {@code order}: at the lowest gap that fits
         * (first fit) or the tightest one (best fit) among buffers live at the same time.
         */
        int[] placeInOrder(int[] order, boolean bestFit) {
            int total = offline.length + order.length;
            int[] offsets = new int[size.length];
            Arrays.fill(offsets, -1);
            int[] listOffset = new int[total];
            int[] listId = new int[total];
            int count = 0;
            for (int id : offline) {
                offsets[id] = pinned[id];
                count = insert(listOffset, listId, count, pinned[id], id);
            }
            for (int id : order) {
                int offset = bestFit ? bestGap(listOffset, listId, count, id) : firstGap(listOffset, listId, count, id);
                offsets[id] = offset;
                count = insert(listOffset, listId, count, offset, id);
            }
            return offsets;
        }

        private int firstGap(int[] listOffset, int[] listId, int count, int id) {
            int candidate = 0;
            for (int j = 0; j < count; j++) {
                int p = listId[j];
                if (first[p] > last[id] || first[id] > last[p]) {
                    continue;
                }
                if (listOffset[j] - candidate >= size[id]) {
                    break;
                }
                candidate = Math.max(candidate, listOffset[j] + size[p]);
            }
            return candidate;
        }

        private int bestGap(int[] listOffset, int[] listId, int count, int id) {
            int candidate = 0;
            int best = -1;
            int bestSlack = Integer.MAX_VALUE;
            for (int j = 0; j < count; j++) {
                int p = listId[j];
                if (first[p] > last[id] || first[id] > last[p]) {
                    continue;
                }
                int gap = listOffset[j] - candidate;
                if (gap >= size[id] && gap - size[id] < bestSlack) {
                    bestSlack = gap - size[id];
                    best = candidate;
                }
                candidate = Math.max(candidate, listOffset[j] + size[p]);
            }
            return best >= 0 ? best : candidate;
        }

        private static int insert(int[] listOffset, int[] listId, int count, int offset, int id) {
            int lo = 0;
            int hi = count;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (listOffset[mid] <= offset) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            System.arraycopy(listOffset, lo, listOffset, lo + 1, count - lo);
            System.arraycopy(listId, lo, listId, lo + 1, count - lo);
            listOffset[lo] = offset;
            listId[lo] = id;
            return count + 1;
        }
    }
}
