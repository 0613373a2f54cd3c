package dev.tflmstudio.runtime.interpreter;

/** Told after every op a {@link Session} runs (on the thread that runs it). */
@FunctionalInterface
public interface StepListener {
    /**
     * @param session  the session (its tensors show the state right after the op)
     * @param opIndex  the op that just ran
     * @param nanos    its wall time
     */
    void afterOp(Session session, int opIndex, long nanos);
}
