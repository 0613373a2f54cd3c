package dev.tflmstudio.profiler.run;

/** Where a run's timings came from. */
public enum SourceKind {
    /** Measured here by TFLM Studio's own runtime. */
    LOCAL,
    /** Read live from a board over a serial port. */
    BOARD,
    /** Read from a recorded capture of a board (or a TFLM reference log). */
    REPLAY,
    /** Not measured: predicted from the cost model and a device profile. */
    ESTIMATE
}
