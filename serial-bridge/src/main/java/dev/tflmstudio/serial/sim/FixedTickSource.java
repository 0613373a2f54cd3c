package dev.tflmstudio.serial.sim;

/** The same estimated ticks for every invocation (used when the local runtime cannot run the model). */
final class FixedTickSource implements OpTickSource {
    private final long[] ticks;
    private final String basis;

    FixedTickSource(long[] ticks, String basis) {
        this.ticks = ticks.clone();
        this.basis = basis;
    }

    @Override
    public long[] nextInvocation() {
        return ticks.clone();
    }

    @Override
    public String basis() {
        return basis;
    }
}
