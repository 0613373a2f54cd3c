package dev.tflmstudio.app;

import dev.tflmstudio.runtime.model.Subgraph;

/**
 * Where a paused session stands, in the one stepping rule of the app (and of the board debugger): it always stops
 * BEFORE an op. A breakpoint on op #k, "Run to here" on op #k and a step that ran op #k-1 all stop before op #k
 * with its inputs ready and its output not written yet. After the last op it stands at the end of the invoke.
 */
final class StopText {
    private StopText() {
    }

    /** {@code position} = the index of the next op to run (0 .. op count; op count = the invoke is done). */
    static String of(Subgraph g, int position) {
        int n = g.operators().size();
        if (position >= n) {
            return n == 0 ? "invoke done" : "invoke done (after the last op, #" + (n - 1) + ")";
        }
        return "stopped before op #" + position + " " + g.operator(position).opName();
    }
}
