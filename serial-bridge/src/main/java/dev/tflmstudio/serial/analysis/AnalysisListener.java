package dev.tflmstudio.serial.analysis;

import dev.tflmstudio.serial.parse.ParsedLine;

/**
 * What {@link BoardAnalysis} reports as lines arrive. Called on the thread that feeds the analysis (a session's
 * reader thread), in stream order; implementations must return quickly and marshal to their own thread (the app
 * uses {@code Platform.runLater}). Every method has an empty default.
 */
public interface AnalysisListener {
    /** Every line, for a raw console. */
    default void line(ParsedLine line) {
    }

    /** A complete invocation (matched or flagged). */
    default void invocation(Invocation invocation) {
    }

    /** The measured arena changed (another allocator line arrived). */
    default void arena(MeasuredArena arena) {
    }

    /** A {@code PrintMemoryPlan()} buffer list changed. */
    default void memoryPlan(MeasuredPlan plan) {
    }

    /** The first warning of its kind (later ones of the same kind are only counted in the summary). */
    default void warning(String message) {
    }
}
