package dev.tflmstudio.serial.port;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortDataListener;
import com.fazecast.jSerialComm.SerialPortEvent;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One serial port, opened with jSerialComm, read by its own daemon thread so that no caller ever blocks on the port.
 *
 * <p>Unplugging is detected by jSerialComm's port-disconnected event or by a read returning -1 (what a vanished
 * pseudo-terminal does). The link then closes the dead handle, reports {@link LinkState#DISCONNECTED} and, unless
 * told otherwise, polls every {@value #RECONNECT_POLL_MS} ms for the same path to come back (a re-plugged board, a new
 * socat pair at the same link) and reopens it with the same settings.
 *
 * <p>{@link Receiver} calls happen on the reader thread, in order.
 */
public final class SerialLink implements AutoCloseable {
    static final int RECONNECT_POLL_MS = 200;
    private static final int READ_TIMEOUT_MS = 100;

    /** Where the link delivers what it reads. Called on the reader thread; must not block for long. */
    public interface Receiver {
        /** {@code count} bytes of {@code data} arrived {@code nanos} after the link was created. */
        void bytes(byte[] data, int count, long nanos);

        /** The state changed; {@code detail} says why, in a few words. */
        void state(LinkState state, String detail, long nanos);

        /** A receiver that drops what arrives: for a writer such as the virtual board, which ignores its host. */
        Receiver IGNORE = new Receiver() {
            @Override
            public void bytes(byte[] data, int count, long nanos) {
            }

            @Override
            public void state(LinkState state, String detail, long nanos) {
            }
        };
    }

    private final String path;
    private final PortSettings settings;
    private final Receiver receiver;
    private final boolean reconnect;
    private final long startNanos = System.nanoTime();
    private final Thread reader;
    private volatile SerialPort port;
    private volatile boolean unplugged;
    private volatile boolean closed;
    private volatile LinkState state = LinkState.CONNECTED;

    private SerialLink(String path, PortSettings settings, Receiver receiver, boolean reconnect, SerialPort port) {
        this.path = path;
        this.settings = settings;
        this.receiver = receiver;
        this.reconnect = reconnect;
        this.port = port;
        this.reader = new Thread(this::readLoop, "serial-reader " + path);
        reader.setDaemon(true);
    }

    /**
     * Opens {@code path} and starts reading. Fails at once (one-line message) when the port cannot be opened now;
     * later losses are handled by reconnecting.
     *
     * @param reconnect whether to wait for the port to come back after it disappears
     */
    public static SerialLink open(String path, PortSettings settings, Receiver receiver, boolean reconnect)
            throws IOException {
        SerialPort port = openPort(path, settings);
        SerialLink link = new SerialLink(path, settings, receiver, reconnect, port);
        link.watchDisconnect(port);
        link.reader.start();
        return link;
    }

    public String path() {
        return path;
    }

    public LinkState state() {
        return state;
    }

    /** Nanoseconds since the link was created (the time base of everything it delivers). */
    public long nanos() {
        return System.nanoTime() - startNanos;
    }

    /**
     * Writes all of {@code data} (blocking while the port's buffer is full). Returns false when the port is gone or
     * closed.
     */
    public boolean write(byte[] data, int count) {
        SerialPort current = port;
        int done = 0;
        while (done < count) {
            if (current == null || closed || unplugged) {
                return false;
            }
            int n = current.writeBytes(data, count - done, done);
            if (n < 0 || (n == 0 && current.bytesAvailable() < 0)) {
                return false;
            }
            done += n;
        }
        return true;
    }

    /** Stops reading, closes the port, and waits for the reader thread to end. */
    @Override
    public void close() {
        closed = true;
        reader.interrupt();
        try {
            reader.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        SerialPort current = port;
        if (current != null) {
            current.removeDataListener();
            current.closePort();
            port = null;
        }
    }

    private static SerialPort openPort(String path, PortSettings settings) throws IOException {
        SerialPort port;
        try {
            port = SerialPort.getCommPort(path);
        } catch (SerialPortInvalidPortException e) {
            throw new IOException("no serial port at " + path);
        }
        settings.applyTo(port);
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING,
                READ_TIMEOUT_MS, 0);
        if (!port.openPort()) {
            throw new IOException("cannot open serial port " + path + " (error " + port.getLastErrorCode()
                    + (Files.exists(Path.of(path)) ? ", is it in use or not readable?" : ", no such device") + ")");
        }
        return port;
    }

    private void watchDisconnect(SerialPort opened) {
        unplugged = false;
        opened.addDataListener(new SerialPortDataListener() {
            @Override
            public int getListeningEvents() {
                return SerialPort.LISTENING_EVENT_PORT_DISCONNECTED;
            }

            @Override
            public void serialEvent(SerialPortEvent event) {
                unplugged = true;
            }
        });
    }

    private void readLoop() {
        byte[] buffer = new byte[64 * 1024];
        while (!closed) {
            SerialPort current = port;
            if (current == null) {
                if (!reconnect || !tryReopen()) {
                    sleep();
                }
                continue;
            }
            int n = current.readBytes(buffer, buffer.length);
            if (closed) {
                break;
            }
            if (n > 0) {
                receiver.bytes(buffer, n, nanos());
            }
            if (n < 0 || (unplugged && n == 0)) {
                lost(current);
            }
        }
        state = LinkState.CLOSED;
        receiver.state(LinkState.CLOSED, "closed", nanos());
    }

    private void lost(SerialPort dead) {
        dead.removeDataListener();
        dead.closePort();
        port = null;
        // The receiver first: whoever sees the new state can rely on the loss having been processed.
        receiver.state(LinkState.DISCONNECTED, reconnect ? path + " went away; waiting for it to come back"
                : path + " went away", nanos());
        state = LinkState.DISCONNECTED;
        if (!reconnect) {
            closed = true;
        }
    }

    private boolean tryReopen() {
        if (!Files.exists(Path.of(path))) {
            return false;
        }
        try {
            SerialPort reopened = openPort(path, settings);
            watchDisconnect(reopened);
            port = reopened;
            receiver.state(LinkState.CONNECTED, "reconnected to " + path, nanos());
            state = LinkState.CONNECTED;
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(RECONNECT_POLL_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
