package dev.tflmstudio.serial.sim;

/** Where the virtual board's per-op tick counts come from. */
interface OpTickSource {
    /** The ticks of every op of the next invocation (index = op). */
    long[] nextInvocation();

    /** How the numbers are obtained, for the user. */
    String basis();
}
