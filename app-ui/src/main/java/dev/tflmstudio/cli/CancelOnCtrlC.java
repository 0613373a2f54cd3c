package dev.tflmstudio.cli;

import dev.tflmstudio.runtime.interpreter.Session;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl+C while a command runs a {@link Session}: a shutdown hook (the JVM runs hooks on SIGINT, then exits with
 * 130) cancels the session and waits for the command to print its one line ({@link #reported()}), at most
 * {@link #WAIT_SECONDS}; an op that never reaches a cancellation check cannot keep the process alive.
 */
final class CancelOnCtrlC implements AutoCloseable {
    static final int WAIT_SECONDS = 5;

    private final Thread hook;
    private final CountDownLatch reported = new CountDownLatch(1);

    private CancelOnCtrlC(Session session) {
        this.hook = new Thread(() -> {
            session.cancel();
            try {
                if (!reported.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                    System.err.println("cancelled (the op running did not stop within " + WAIT_SECONDS + " s)");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "tflm-studio-ctrl-c");
    }

    /** Cancels {@code session} on Ctrl+C until {@link #close()}. */
    static CancelOnCtrlC install(Session session) {
        CancelOnCtrlC c = new CancelOnCtrlC(session);
        Runtime.getRuntime().addShutdownHook(c.hook);
        return c;
    }

    /** The command printed its "cancelled" line: the hook may let the JVM exit. */
    void reported() {
        reported.countDown();
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or ran: it is what brought us here
        }
    }
}
