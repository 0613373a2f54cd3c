package dev.tflmstudio.runtime.interpreter;

/**
 * An invoke stopped because {@link Session#cancel()} was called (from another thread: a Stop button, Ctrl+C). The
 * message names the op of subgraph 0 it stopped at: {@code cancelled at op 3 WHILE}. Unchecked, so that it passes
 * through the kernels of IF and WHILE (which call back into the interpreter) unchanged.
 */
public final class InvokeCancelledException extends RuntimeException {
    private final int opIndex;
    private final String opName;

    InvokeCancelledException(int opIndex, String opName) {
        super(opIndex < 0 ? "cancelled" : "cancelled at op " + opIndex + " " + opName);
        this.opIndex = opIndex;
        this.opName = opName;
    }

    /** The op of subgraph 0 that was running or about to run, or -1 when not known yet. */
    public int opIndex() {
        return opIndex;
    }

    public String opName() {
        return opName;
    }
}
