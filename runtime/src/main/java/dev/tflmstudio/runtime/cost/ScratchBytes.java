package dev.tflmstudio.runtime.cost;

import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.plan.ScratchRequest;
import dev.tflmstudio.runtime.plan.ScratchRequests;
import dev.tflmstudio.runtime.plan.Target;
import java.util.function.IntToLongFunction;

/** Scratch bytes each op's reference kernel requests in Prepare, per op index of the main graph. */
final class ScratchBytes {
    private ScratchBytes() {
    }

    /** Raw requested bytes per op, for a 32-bit board (only ADD_N's pointer array differs on a 64-bit host). */
    static IntToLongFunction forModel(Model model) {
        long[] perOp = new long[model.main().operators().size()];
        for (ScratchRequest r : ScratchRequests.of(model, Target.MCU32)) {
            if (r.subgraph() == 0) {
                perOp[r.op()] += r.bytes();
            }
        }
        return op -> perOp[op];
    }
}
