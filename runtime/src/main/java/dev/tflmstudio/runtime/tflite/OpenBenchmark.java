package dev.tflmstudio.runtime.tflite;

import dev.tflmstudio.runtime.model.ModelFormatException;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Measures what opening a model costs: wall time of map + verify + IR (median of warm runs) and the heap one open
 * allocates, beside a baseline taken in the same run: reading the whole file into the heap, which is what a reader
 * that copied weights would at least pay.
 */
public final class OpenBenchmark {
    /** One model's figures. */
    public record Result(Path model, long fileBytes, double openMillis, long openHeapBytes, double readAllMillis) {
        /** Open time over the read-everything baseline. */
        public double ratioToReadAll() {
            return readAllMillis == 0 ? Double.NaN : openMillis / readAllMillis;
        }
    }

    private OpenBenchmark() {
    }

    /** Warms up, then times {@code runs} opens and {@code runs} whole-file reads. */
    public static Result measure(Path model, int runs) throws IOException, ModelFormatException {
        for (int i = 0; i < Math.max(5, runs / 4); i++) {
            ModelReader.open(model); // JIT warm-up
        }
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        double[] open = new double[runs];
        long heap = Long.MAX_VALUE;
        for (int i = 0; i < runs; i++) {
            long a0 = mx.getThreadAllocatedBytes(tid);
            long t0 = System.nanoTime();
            ModelReader.open(model);
            open[i] = (System.nanoTime() - t0) / 1e6;
            heap = Math.min(heap, mx.getThreadAllocatedBytes(tid) - a0);
        }
        double[] readAll = new double[runs];
        long size = Files.size(model);
        boolean canReadAll = size < (1L << 30);
        for (int i = 0; i < runs && canReadAll; i++) {
            long t0 = System.nanoTime();
            Files.readAllBytes(model);
            readAll[i] = (System.nanoTime() - t0) / 1e6;
        }
        return new Result(model, size, median(open), heap, canReadAll ? median(readAll) : Double.NaN);
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v[v.length / 2];
    }
}
