package dev.tflmstudio.runtime.kernels.control;

import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.MicroGraph;
import dev.tflmstudio.runtime.kernels.OpContext;
import dev.tflmstudio.runtime.kernels.PreparedOp;

/**
 * CALL_ONCE (TFLM {@code call_once.cc}): runs the init subgraph on the first invoke only. TFLM registers no reset
 * callback for it, so the flag survives {@code Reset()}: the init subgraph does not run again after a reset.
 */
final class CallOnce implements PreparedOp {
    private final MicroGraph graph;
    private final int init;
    private boolean hasRun;

    private CallOnce(MicroGraph graph, int init) {
        this.graph = graph;
        this.init = init;
    }

    static PreparedOp prepare(OpContext ctx) throws KernelException {
        int init = ctx.options().getInt("init_subgraph_index", 0);
        ctx.check(ctx.inputCount() == 0, "expects no inputs");
        ctx.check(ctx.outputCount() == 0, "expects no outputs");
        MicroGraph graph = ctx.graph();
        ctx.check(init < graph.subgraphCount(), "init subgraph " + init + " does not exist");
        return new CallOnce(graph, init);
    }

    @Override
    public void eval() throws KernelException {
        if (hasRun) {
            return;
        }
        graph.invoke(init);
        hasRun = true;
    }
}
