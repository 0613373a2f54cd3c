package dev.tflmstudio.app.board;

import dev.tflmstudio.devices.DeviceProfile;
import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.serial.port.PortSettings;
import dev.tflmstudio.serial.port.SerialLink;
import dev.tflmstudio.serial.sim.BoardSimulator;
import dev.tflmstudio.serial.sim.VirtualBoard;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The Board window's "Virtual board": the virtual board, which runs the open model and prints what stock TFLM
 * prints, writing to one end of a {@link PseudoTerminalPair}; the window connects to the other end like to a real
 * board. Closing it stops the board and removes the cable.
 */
final class VirtualBoardProcess implements AutoCloseable {
    private static final double INVOKES_PER_SECOND = 2;

    private final PseudoTerminalPair cable;
    private final AtomicBoolean stop = new AtomicBoolean();

    private VirtualBoardProcess(PseudoTerminalPair cable) {
        this.cable = cable;
    }

    /**
     * Makes the cable and starts the board on a daemon thread; {@code onEnd} gets null when the board stops normally
     * or the failure that stopped it. Takes up to a few seconds: call off the FX thread.
     */
    static VirtualBoardProcess start(Model model, DeviceProfile device, Consumer<Exception> onEnd) throws IOException {
        VirtualBoard board;
        try {
            board = VirtualBoard.create(model, device);
        } catch (IllegalArgumentException e) {
            throw new IOException("the virtual board cannot run this model: " + e.getMessage(), e);
        }
        VirtualBoardProcess p = new VirtualBoardProcess(PseudoTerminalPair.open());
        Thread t = new Thread(() -> p.run(board, onEnd), "tflm-studio-virtual-board");
        t.setDaemon(true);
        t.start();
        return p;
    }

    /** The end the host (the Board window) connects to. */
    Path hostPort() {
        return cable.host();
    }

    private void run(VirtualBoard board, Consumer<Exception> onEnd) {
        try (SerialLink link = SerialLink.open(cable.board().toString(), PortSettings.defaults(115200),
                SerialLink.Receiver.IGNORE, false)) {
            BoardSimulator.run(board, link, 0, INVOKES_PER_SECOND, stop::get);
            onEnd.accept(null);
        } catch (IOException | RuntimeException e) {
            onEnd.accept(stop.get() ? null : e);
        }
    }

    @Override
    public void close() {
        stop.set(true);
        cable.close();
    }
}
