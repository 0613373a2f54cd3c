package dev.tflmstudio.runtime.interpreter;

import dev.tflmstudio.runtime.kernels.TensorData;
import dev.tflmstudio.runtime.model.Subgraph;
import java.util.Arrays;

/**
 * When each tensor and each op's scratch of subgraph 0 was last written, on a clock that ticks at every invoke's
 * start and after every op: whether a tensor's bytes hold its value of the current invoke, or are not written yet,
 * or were overwritten by a buffer the plan put over them ({@link StaleTracker}).
 */
final class TensorWrites {
    private final TensorData[] tensors;
    private final int[][] opOutputs;
    private final long[] lastWrite;
    private final long[] scratchWrite;
    private final StaleTracker stale;
    private long clock;
    private long invokeStart;

    TensorWrites(Subgraph main, TensorData[] tensors, ArenaLayout layout) {
        this.tensors = tensors;
        int ops = main.operators().size();
        this.opOutputs = new int[ops][];
        for (int i = 0; i < ops; i++) {
            opOutputs[i] = main.operator(i).outputs().stream().mapToInt(Integer::intValue).toArray();
        }
        this.lastWrite = new long[tensors.length];
        this.scratchWrite = new long[ops];
        Arrays.fill(lastWrite, -1);
        Arrays.fill(scratchWrite, -1);
        this.stale = new StaleTracker(main, layout);
    }

    /** A new invoke starts: what was written before it is not its value. */
    void invokeStarts() {
        clock++;
        invokeStart = clock;
    }

    /** Tensor {@code index} was written now (an input re-written, a variable reset). */
    void wrote(int index) {
        lastWrite[index] = clock;
    }

    /** Op {@code op} ran: its outputs and scratch hold what it wrote. */
    void opRan(int op) {
        clock++;
        for (int t : opOutputs[op]) {
            lastWrite[t] = clock;
        }
        scratchWrite[op] = clock;
    }

    /** Whether tensor {@code index}'s bytes hold its value of the current invoke. */
    TensorState state(int index) {
        TensorData t = tensors[index];
        if (t.isConstant()) {
            return TensorState.CONSTANT;
        }
        if (t.isVariable()) {
            return TensorState.VALID;
        }
        long written = lastWrite[index];
        if (written < invokeStart || written < 0) {
            return TensorState.NOT_YET_WRITTEN;
        }
        return stale.overwrittenBy(index, written, lastWrite, scratchWrite) == null
                ? TensorState.VALID : TensorState.OVERWRITTEN;
    }

    /** The tensor or scratch buffer that overwrote {@code index}, e.g. {@code tensor 7 'conv1'}, or null. */
    String overwrittenBy(int index) {
        return state(index) == TensorState.OVERWRITTEN
                ? stale.overwrittenBy(index, lastWrite[index], lastWrite, scratchWrite) : null;
    }
}
