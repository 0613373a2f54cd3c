package dev.tflmstudio.serial.sim;

import dev.tflmstudio.serial.port.SerialLink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Drives a {@link VirtualBoard} over a serial port: the allocation block once, then one invocation per period. */
public final class BoardSimulator {
    private BoardSimulator() {
    }

    /**
     * Writes until {@code invokes} invocations are out (0 = no limit), {@code stop} says so, or the port goes away.
     *
     * @param rateHz invocations per second; 0 or less for as fast as the port takes them
     * @return invocations written
     * @throws IOException when the port went away
     */
    public static long run(VirtualBoard board, SerialLink link, long invokes, double rateHz, BooleanSupplier stop)
            throws IOException {
        write(link, board.startupText());
        long periodNanos = rateHz > 0 ? Math.round(1e9 / rateHz) : 0;
        long next = System.nanoTime();
        long written = 0;
        while ((invokes <= 0 || written < invokes) && !stop.getAsBoolean()) {
            write(link, board.invocationText());
            written++;
            if (periodNanos > 0) {
                next += periodNanos;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                } else {
                    next = System.nanoTime();
                }
            }
        }
        return written;
    }

    private static void write(SerialLink link, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length > 0 && !link.write(bytes, bytes.length)) {
            throw new IOException("the port " + link.path() + " went away");
        }
    }
}
