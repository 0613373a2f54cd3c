package dev.tflmstudio.app.profile;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;

/**
 * A run of many invokes as the profile window follows it: how many of the requested invokes are done, whether it
 * has ended (all done, paused or failed), and a way to stop it. Whoever runs the invokes updates it on the FX
 * thread; the window only reads it.
 */
public final class InvokeRun {
    private final int requested;
    private final Runnable stop;
    private final ReadOnlyIntegerWrapper completed = new ReadOnlyIntegerWrapper(this, "completed");
    private final ReadOnlyBooleanWrapper ended = new ReadOnlyBooleanWrapper(this, "ended");

    /**
     * @param requested invokes asked for
     * @param stop      asks the runner to stop after the current invoke (the debugger's Pause)
     */
    public InvokeRun(int requested, Runnable stop) {
        this.requested = requested;
        this.stop = stop;
    }

    public int requested() {
        return requested;
    }

    public ReadOnlyIntegerProperty completedProperty() {
        return completed.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty endedProperty() {
        return ended.getReadOnlyProperty();
    }

    public void stop() {
        stop.run();
    }

    /** FX thread: {@code n} invokes are done. */
    public void progressed(int n) {
        completed.set(n);
    }

    /** FX thread: the run is over, whatever the reason. */
    public void end() {
        ended.set(true);
    }
}
