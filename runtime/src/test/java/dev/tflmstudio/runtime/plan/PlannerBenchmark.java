package dev.tflmstudio.runtime.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Timing for large plans (not a test: run its main). Prints how long the tflm and best planners take on 10,000
 * buffers shaped like a long network: short lifetimes, sizes from 16 B to 64 KiB.
 */
public final class PlannerBenchmark {
    private PlannerBenchmark() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        List<PlannedBuffer> buffers = new ArrayList<>(n);
        Random random = new Random(1);
        for (int i = 0; i < n; i++) {
            int first = i / 2;
            int last = first + 1 + (random.nextInt(10) == 0 ? random.nextInt(50) : random.nextInt(3));
            int size = 16 * (1 + random.nextInt(4096));
            buffers.add(new PlannedBuffer(i, BufferKind.TENSOR, 0, i, -1, -1, size, size, first, last, -1, -1));
        }
        for (int round = 0; round < 3; round++) {
            for (String name : Planners.NAMES) {
                long start = System.nanoTime();
                MemoryPlan plan = Planners.plan(buffers, Planners.byName(name), Target.HOST64);
                long ms = (System.nanoTime() - start) / 1_000_000;
                System.out.printf("%s: %d buffers planned in %d ms, head %,d B, lower bound %,d B%n", name, n, ms,
                        plan.headBytes(), plan.lowerBoundBytes());
            }
        }
    }
}
