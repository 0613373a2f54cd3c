package dev.tflmstudio.runtime.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A placed memory plan for the arena head.
 *
 * @param planner         the planner that made it ({@code tflm}, {@code best})
 * @param target          the target the scratch requests were sized for
 * @param buffers         every planned buffer, in planner id order, with its offset
 * @param headBytes       the head size TFLM reserves: max over buffers of {@code offset + size}
 * @param lowerBoundBytes no plan can be smaller: max over time of the sum of live aligned sizes
 * @param liveBytes       sum of live aligned sizes per time step (index = time)
 * @param peakTime        first time step at which {@code liveBytes} reaches its maximum (-1 for an empty plan)
 * @param kernels         the kernel set whose scratch requests were planned
 */
public record MemoryPlan(String planner, Target target, List<PlannedBuffer> buffers, int headBytes,
                         int lowerBoundBytes, List<Integer> liveBytes, int peakTime, KernelSet kernels) {

    public MemoryPlan {
        buffers = List.copyOf(buffers);
        liveBytes = List.copyOf(liveBytes);
    }

    /** Builds the plan and its derived numbers from placed buffers. */
    public static MemoryPlan of(String planner, Target target, List<PlannedBuffer> placed) {
        return of(planner, target, KernelSet.REFERENCE, placed);
    }

    /** Same, for a build with {@code kernels}. */
    public static MemoryPlan of(String planner, Target target, KernelSet kernels, List<PlannedBuffer> placed) {
        int head = 0;
        int maxTime = -1;
        for (PlannedBuffer b : placed) {
            head = Math.max(head, b.end());
            maxTime = Math.max(maxTime, b.lastUse());
        }
        long[] live = liveBytesPerTime(placed, maxTime);
        List<Integer> liveList = new ArrayList<>(live.length);
        int peakTime = -1;
        long peak = 0;
        for (int t = 0; t < live.length; t++) {
            liveList.add((int) live[t]);
            if (live[t] > peak) {
                peak = live[t];
                peakTime = t;
            }
        }
        return new MemoryPlan(planner, target, placed, head, (int) peak, liveList, peakTime, kernels);
    }

    /** Sum of live sizes for t = 0..maxTime, by a difference array (linear in buffers + time). */
    static long[] liveBytesPerTime(List<PlannedBuffer> buffers, int maxTime) {
        long[] delta = new long[maxTime + 2];
        for (PlannedBuffer b : buffers) {
            if (b.lastUse() < 0) {
                continue;
            }
            // TFLM leaves first = -1 for op inputs nothing produces (NPU scratch); they are live from the start.
            delta[Math.max(0, b.firstUse())] += b.size();
            delta[b.lastUse() + 1] -= b.size();
        }
        long[] live = new long[maxTime + 1];
        long run = 0;
        for (int t = 0; t <= maxTime; t++) {
            run += delta[t];
            live[t] = run;
        }
        return live;
    }

    /** Bytes live at the peak time (equals {@link #lowerBoundBytes()}). */
    public int peakBytes() {
        return lowerBoundBytes;
    }

    /** How many bytes this plan wastes over the lower bound. */
    public int gapBytes() {
        return headBytes - lowerBoundBytes;
    }

    public int bufferCount() {
        return buffers.size();
    }

    /** The buffer of tensor {@code tensor} in subgraph {@code subgraph}, if it is planned. */
    public Optional<PlannedBuffer> forTensor(int subgraph, int tensor) {
        for (PlannedBuffer b : buffers) {
            if (b.kind() == BufferKind.TENSOR && b.subgraph() == subgraph && b.tensor() == tensor) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }

    /** The {@code n}th scratch buffer requested by op {@code op} of subgraph 0. */
    public Optional<PlannedBuffer> scratch(int op, int n) {
        return scratch(0, op, n);
    }

    public Optional<PlannedBuffer> scratch(int subgraph, int op, int n) {
        for (PlannedBuffer b : buffers) {
            if (b.kind() == BufferKind.SCRATCH && b.subgraph() == subgraph && b.op() == op
                    && b.scratchIndex() == n) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }

    public List<PlannedBuffer> scratchBuffers() {
        return buffers.stream().filter(b -> b.kind() == BufferKind.SCRATCH).toList();
    }

    /**
     * Pairs of buffers that are live at the same time and share bytes: empty for a valid plan. Sweeps buffers by
     * offset, so it stays fast for large plans.
     */
    public List<PlannedBuffer[]> conflicts() {
        List<PlannedBuffer> byOffset = new ArrayList<>(buffers);
        byOffset.sort(Comparator.comparingInt(PlannedBuffer::offset));
        List<PlannedBuffer[]> out = new ArrayList<>();
        for (int i = 0; i < byOffset.size(); i++) {
            PlannedBuffer a = byOffset.get(i);
            for (int j = i + 1; j < byOffset.size(); j++) {
                PlannedBuffer b = byOffset.get(j);
                if (b.offset() >= a.end()) {
                    break;
                }
                if (a.size() > 0 && b.size() > 0 && a.overlapsInTime(b)) {
                    out.add(new PlannedBuffer[] {a, b});
                }
            }
        }
        return out;
    }

    public boolean isValid() {
        return conflicts().isEmpty();
    }
}
