package dev.tflmstudio.runtime.check;

/**
 * The model's graph cannot be planned or run: a subgraph that calls itself, two ops writing one tensor, a tensor
 * too large for any arena. The message is one line saying what, where and why, e.g. {@code subgraph 0, operator 3
 * (ABS): output tensor 5 'w' is a constant ...}.
 *
 * <p>Unchecked because the planner and {@link dev.tflmstudio.runtime.interpreter.Session#allocate} throw it too, and
 * their many callers (views, benchmarks, other tools) must not each learn a new checked exception; the command line
 * maps it to exit 3 (invalid model) as it does {@link dev.tflmstudio.runtime.model.ModelFormatException}.
 */
public final class InvalidGraphException extends RuntimeException {
    public InvalidGraphException(String message) {
        super(message);
    }
}
