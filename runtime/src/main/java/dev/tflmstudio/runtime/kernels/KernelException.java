package dev.tflmstudio.runtime.kernels;

/**
 * An op refused to run, at the stage TFLM refuses it: {@link Stage#REGISTRATION} (no kernel for the op code),
 * {@link Stage#PREPARE} (AllocateTensors fails) or {@link Stage#INVOKE} (Eval returns an error). The message is
 * one line naming the op index and name, e.g. {@code op 3 CONV_2D: filter type INT16 is not supported}.
 */
public final class KernelException extends Exception {
    /** When TFLM would refuse. */
    public enum Stage {
        REGISTRATION,
        PREPARE,
        INVOKE
    }

    private final Stage stage;
    private final int opIndex;
    private final String opName;

    public KernelException(Stage stage, int opIndex, String opName, String detail) {
        super("op " + opIndex + " " + opName + ": " + detail);
        this.stage = stage;
        this.opIndex = opIndex;
        this.opName = opName;
    }

    public Stage stage() {
        return stage;
    }

    public int opIndex() {
        return opIndex;
    }

    public String opName() {
        return opName;
    }
}
