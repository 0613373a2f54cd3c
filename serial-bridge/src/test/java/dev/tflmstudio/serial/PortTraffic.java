package dev.tflmstudio.serial;

import dev.tflmstudio.serial.port.LinkState;
import dev.tflmstudio.serial.port.SerialLink;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Helpers for tests that move bytes through real ports. */
final class PortTraffic {
    static final SerialLink.Receiver IGNORE = new SerialLink.Receiver() {
        @Override
        public void bytes(byte[] data, int count, long nanos) {
        }

        @Override
        public void state(LinkState state, String detail, long nanos) {
        }
    };

    private PortTraffic() {
    }

    /** Waits (up to 20 s) until the session has received {@code count} bytes. */
    static void awaitBytes(BoardSession session, long count) throws InterruptedException {
        await(() -> session.bytesReceived() >= count, "bytes: " + count);
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }
}
