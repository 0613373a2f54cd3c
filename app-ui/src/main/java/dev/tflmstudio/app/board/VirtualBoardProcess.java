package dev.tflmstudio.app.board;

import dev.tflmstudio.devices.DeviceProfile;
import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.serial.port.PortSettings;
import dev.tflmstudio.serial.port.SerialLink;
import dev.tflmstudio.serial.sim.BoardSimulator;
import dev.tflmstudio.serial.sim.VirtualBoard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The Board window's "Virtual board": a null-modem cable in software (a pseudo-terminal pair made by socat) with the
 * virtual board, which runs the open model and prints what stock TFLM prints, writing to one end. The window connects
 * to the other end like to a real board. Closing it stops the board and removes the cable.
 */
final class VirtualBoardProcess implements AutoCloseable {
    private static final Path SOCAT = Path.of("/usr/bin/socat");
    private static final double INVOKES_PER_SECOND = 2;

    private final Process socat;
    private final Path dir;
    private final Path boardEnd;
    private final Path hostEnd;
    private final AtomicBoolean stop = new AtomicBoolean();
    /** Ends socat if the app exits with the board still running: a child process would outlive the JVM. */
    private final Thread onExit;

    private VirtualBoardProcess(Process socat, Path dir, Path boardEnd, Path hostEnd) {
        this.socat = socat;
        this.dir = dir;
        this.boardEnd = boardEnd;
        this.hostEnd = hostEnd;
        this.onExit = new Thread(socat::destroy, "tflm-studio-virtual-board-exit");
        Runtime.getRuntime().addShutdownHook(onExit);
    }

    /** Whether socat, which makes the pseudo-terminal pair, is installed. */
    static boolean available() {
        return Files.isExecutable(SOCAT);
    }

    /**
     * Makes the cable and starts the board on a daemon thread; {@code onEnd} gets null when the board stops normally
     * or the failure that stopped it. Takes up to a few seconds: call off the FX thread.
     */
    static VirtualBoardProcess start(Model model, DeviceProfile device, Consumer<Exception> onEnd) throws IOException {
        if (!available()) {
            throw new IOException("the virtual board needs socat (" + SOCAT + "), which makes its serial cable:"
                    + " install it (Debian/Ubuntu: apt install socat)");
        }
        VirtualBoard board;
        try {
            board = VirtualBoard.create(model, device);
        } catch (IllegalArgumentException e) {
            throw new IOException("the virtual board cannot run this model: " + e.getMessage(), e);
        }
        Path dir = Files.createTempDirectory("tflm-virtual-board");
        Path boardEnd = dir.resolve("board");
        Path hostEnd = dir.resolve("host");
        Process socat = new ProcessBuilder(SOCAT.toString(), "pty,raw,echo=0,link=" + boardEnd,
                "pty,raw,echo=0,link=" + hostEnd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        VirtualBoardProcess p = new VirtualBoardProcess(socat, dir, boardEnd, hostEnd);
        try {
            p.awaitCable();
        } catch (IOException e) {
            p.close();
            throw e;
        }
        Thread t = new Thread(() -> p.run(board, onEnd), "tflm-studio-virtual-board");
        t.setDaemon(true);
        t.start();
        return p;
    }

    /** The end the host (the Board window) connects to. */
    Path hostPort() {
        return hostEnd;
    }

    private void awaitCable() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!(Files.exists(boardEnd) && Files.exists(hostEnd))) {
            if (!socat.isAlive() || System.nanoTime() > deadline) {
                throw new IOException("socat did not make the pseudo-terminal pair in " + dir);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for socat", e);
            }
        }
    }

    private void run(VirtualBoard board, Consumer<Exception> onEnd) {
        try (SerialLink link = SerialLink.open(boardEnd.toString(), PortSettings.defaults(115200),
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
        socat.destroy();
        try {
            Runtime.getRuntime().removeShutdownHook(onExit);
        } catch (IllegalStateException exiting) {
            // the app is exiting: the hook ends socat
        }
        try {
            if (!socat.waitFor(5, TimeUnit.SECONDS)) {
                socat.destroyForcibly();
            }
            Files.deleteIfExists(boardEnd);
            Files.deleteIfExists(hostEnd);
            Files.deleteIfExists(dir);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // a leftover empty temporary folder; nothing to tell the user
        }
    }
}
