package dev.tflmstudio.runtime.plan;

import java.util.ArrayList;
import java.util.Arrays;
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
    /** Above this many online buffers only the three strongest orders are tried. */
    private static final int LARGE = 2_000;

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
        // Each placement of a very large plan costs tens of milliseconds: keep the three strongest orders.
        List<int[]> orders = in.heuristicOrders(in.online.length > LARGE ? 3 : Integer.MAX_VALUE);
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
        final int[] offline;
        final int[] online;
        final long[] live;
        final Placer placer;

        Instance(List<PlannedBuffer> buffers) {
            placer = new Placer(buffers);
            size = placer.size;
            first = placer.first;
            last = placer.last;
            int n = buffers.size();
            List<Integer> off = new ArrayList<>();
            List<Integer> on = new ArrayList<>();
            int maxTime = 0;
            for (int i = 0; i < n; i++) {
                PlannedBuffer b = buffers.get(i);
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

        /**
         * Placement orders, strongest first: by size, by breadth, by area (size x lifetime), by conflict, by
         * lifetime length, by start time; ties by size, then id. {@code limit} caps how many are built.
         */
        List<int[]> heuristicOrders(int limit) {
            int n = size.length;
            long[] breadth = new long[n];
            long[] area = new long[n];
            long[] conflict = new long[n];
            long[] length = new long[n];
            long[] early = new long[n];
            long[] bySize = new long[n];
            for (int i : online) {
                long peak = 0;
                for (int t = Math.max(0, first[i]); t <= last[i] && t < live.length; t++) {
                    peak = Math.max(peak, live[t]);
                }
                breadth[i] = peak;
                length[i] = last[i] - first[i];
                area[i] = (long) size[i] * (length[i] + 1);
                early[i] = -first[i];
                bySize[i] = size[i];
            }
            if ((long) online.length * online.length <= 10_000_000L) {
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
            long[][] keys = {bySize, breadth, area, conflict, length, early};
            List<int[]> orders = new ArrayList<>();
            for (int r = 0; r < Math.min(limit, keys.length); r++) {
                long[] key = keys[r];
                Integer[] boxed = new Integer[online.length];
                for (int k = 0; k < online.length; k++) {
                    boxed[k] = online[k];
                }
                Arrays.sort(boxed, (a, b) -> {
                    int c = Long.compare(key[b], key[a]);
                    if (c == 0) {
                        c = Integer.compare(size[b], size[a]);
                    }
                    return c != 0 ? c : Integer.compare(a, b);
                });
                int[] order = new int[online.length];
                for (int k = 0; k < order.length; k++) {
                    order[k] = boxed[k];
                }
                orders.add(order);
            }
            return orders;
        }

        /** Offline buffers at their pins, then online buffers in {@code order}, first fit or best fit. */
        int[] placeInOrder(int[] order, boolean bestFit) {
            int[] all = new int[offline.length + order.length];
            System.arraycopy(offline, 0, all, 0, offline.length);
            System.arraycopy(order, 0, all, offline.length, order.length);
            return placer.place(all, bestFit);
        }
    }
}
