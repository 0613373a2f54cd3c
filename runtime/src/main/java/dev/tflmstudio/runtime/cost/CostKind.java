package dev.tflmstudio.runtime.cost;

/** How an op's work is counted; the basis a reader needs to interpret {@link OpCost#macs()} and friends. */
public enum CostKind {
    /** Multiply-accumulates: convolutions, fully connected, matrix products, recurrent cells. */
    MAC("multiply-accumulates"),
    /** A window slid over the input (pooling): one operation per window element per output element. */
    WINDOW("one operation per window element per output element"),
    /** A reduction over the input (mean, softmax, arg max): one operation per input element. */
    REDUCTION("one operation per input element"),
    /** An elementwise op (add, logistic, quantize): one operation per output element. */
    ELEMENTWISE("one operation per output element"),
    /** Pure data movement (reshape, pad, slice, concatenation): bytes only, no arithmetic. */
    DATA_MOVEMENT("data movement only"),
    /** A custom op the cost model has no formula for; counted as elementwise over its outputs. */
    CUSTOM("custom op, approximated as one operation per output element");

    private final String basis;

    CostKind(String basis) {
        this.basis = basis;
    }

    /** One line that says how the work of this kind is counted. */
    public String basis() {
        return basis;
    }
}
