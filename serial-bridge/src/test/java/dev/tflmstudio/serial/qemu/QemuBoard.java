package dev.tflmstudio.serial.qemu;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * Stock-TFLM firmware running on QEMU's mps2-an386 (Cortex-M4F) for tests: UART0 on a pseudo-terminal, optionally
 * QEMU's GDB stub on a free local port, and a monitor socket to ask whether the core runs. Started by the test and
 * ended by its own pid only. See {@code ../shared/boards/README.md}.
 */
public final class QemuBoard implements AutoCloseable {
    public static final String QEMU = "qemu-system-arm";
    private static final Pattern PTY = Pattern.compile("char device redirected to (\\S+) \\(label serial0\\)");

    private final Process process;
    private final Path pty;
    private final int gdbPort;
    private final Path monitor;
    private final Path dir;
    private final StringBuffer console;

    private QemuBoard(Process process, Path pty, int gdbPort, Path monitor, Path dir, StringBuffer console) {
        this.process = process;
        this.pty = pty;
        this.gdbPort = gdbPort;
        this.monitor = monitor;
        this.dir = dir;
        this.console = console;
    }

    /** The shared folder (system property {@code tflm.shared}), or a skipped test when it or its boards are absent. */
    public static Path assumeShared() {
        String dir = System.getProperty("tflm.shared");
        Assumptions.assumeTrue(dir != null && Files.isDirectory(Path.of(dir, "boards", "mps2-an386")),
                "../shared/boards is not available");
        return Path.of(dir);
    }

    /** A firmware file of {@code ../shared/boards/mps2-an386}, e.g. {@code person_detect_reference.elf}. */
    public static Path firmware(String name) {
        Path elf = assumeShared().resolve("boards/mps2-an386").resolve(name);
        Assumptions.assumeTrue(Files.isRegularFile(elf), elf + " is not available");
        return elf;
    }

    /** Skips the test when {@code qemu-system-arm} is not on the PATH. */
    public static void assumeQemu() {
        Assumptions.assumeTrue(onPath(QEMU), QEMU + " is not installed");
    }

    /** Skips the test when {@code gdb-multiarch} is not on the PATH. */
    public static void assumeGdb() {
        Assumptions.assumeTrue(onPath("gdb-multiarch"), "gdb-multiarch is not installed");
    }

    /** True when an executable of this name is on the PATH. */
    public static boolean onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String d : path.split(java.io.File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, name))) {
                return true;
            }
        }
        return false;
    }

    /** A local TCP port nobody listens on right now. */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Starts the firmware running, UART on a pty, no debug stub. */
    public static QemuBoard run(Path elf) throws IOException, InterruptedException {
        return start(elf, false, false);
    }

    /**
     * Starts the firmware halted at reset (no debug stub) until {@link #resume()}: open the UART pty first, since
     * QEMU drops UART output nobody reads (the firmware prints its arena once, right after boot).
     */
    public static QemuBoard halted(Path elf) throws IOException, InterruptedException {
        return start(elf, false, true);
    }

    /**
     * Waits until this JVM has the UART pty open (Linux: a link in /proc/self/fd), so that a halted board resumed
     * next prints into a reader; throws when it does not happen in time.
     */
    public void awaitUartOpenedHere(java.time.Duration timeout) throws IOException, InterruptedException {
        Path real = pty.toRealPath();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (var fds = Files.list(Path.of("/proc/self/fd"))) {
                boolean open = fds.anyMatch(fd -> {
                    try {
                        return Files.readSymbolicLink(fd).equals(real);
                    } catch (IOException | UnsupportedOperationException e) {
                        return false;
                    }
                });
                if (open) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new IOException("nobody in this process opened " + pty + " within " + timeout.toSeconds() + " s");
    }

    /** Lets a halted core run ({@code cont} on the monitor). */
    public void resume() throws IOException, InterruptedException {
        monitor("cont");
    }

    /**
     * Starts the firmware with QEMU's GDB stub on a free port; with {@code -S} the core waits, halted at reset, for a
     * debugger's continue.
     */
    public static QemuBoard debuggable(Path elf) throws IOException, InterruptedException {
        return start(elf, true, true);
    }

    private static QemuBoard start(Path elf, boolean gdb, boolean halted) throws IOException, InterruptedException {
        assumeQemu();
        Path dir = Files.createTempDirectory("qemu-board");
        Path monitor = dir.resolve("monitor.sock");
        int port = gdb ? freePort() : -1;
        List<String> cmd = new ArrayList<>(List.of(QEMU, "-M", "mps2-an386", "-cpu", "cortex-m4",
                "-kernel", elf.toString(), "-icount", "shift=5,align=off", "-nodefaults", "-display", "none",
                "-serial", "pty", "-monitor", "unix:" + monitor + ",server=on,wait=off"));
        if (gdb) {
            cmd.addAll(List.of("-gdb", "tcp:127.0.0.1:" + port));
        }
        if (halted) {
            cmd.add("-S");
        }
        Process process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        StringBuffer console = new StringBuffer();
        CompletableFuture<Path> pty = new CompletableFuture<>();
        Thread reader = new Thread(() -> readConsole(process.getInputStream(), console, pty), "qemu-console");
        reader.setDaemon(true);
        reader.start();
        try {
            Path path = pty.get(15, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!Files.exists(monitor) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            return new QemuBoard(process, path, port, monitor, dir, console);
        } catch (Exception e) {
            kill(process);
            throw new IOException("QEMU did not start: " + console.toString().strip(), e);
        }
    }

    private static void readConsole(InputStream in, StringBuffer console, CompletableFuture<Path> pty) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                console.append(line).append('\n');
                Matcher m = PTY.matcher(line);
                if (m.find()) {
                    pty.complete(Path.of(m.group(1)));
                }
            }
        } catch (IOException e) {
            // QEMU ended.
        }
        pty.completeExceptionally(new IOException("QEMU ended: " + console.toString().strip()));
    }

    /** UART0's pseudo-terminal, e.g. {@code /dev/pts/3}. */
    public Path pty() {
        return pty;
    }

    /** The GDB stub's port on 127.0.0.1 ({@code -1} without a stub). */
    public int gdbPort() {
        return gdbPort;
    }

    /** {@code 127.0.0.1:PORT} of the GDB stub. */
    public String gdbServer() {
        return "127.0.0.1:" + gdbPort;
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** What QEMU printed on its stdout and stderr so far. */
    public String console() {
        return console.toString();
    }

    /** Sends one command to QEMU's monitor and returns its answer (e.g. {@code info status}). */
    public String monitor(String command) throws IOException, InterruptedException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(monitor));
            ch.configureBlocking(false);
            StringBuilder answer = new StringBuilder();
            readFor(ch, answer, "(qemu) ", 5);
            answer.setLength(0);
            ch.write(ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.US_ASCII)));
            readFor(ch, answer, "(qemu) ", 5);
            return answer.toString().replace("\r", "");
        }
    }

    private static void readFor(SocketChannel ch, StringBuilder into, String end, int seconds)
            throws IOException, InterruptedException {
        ByteBuffer buf = ByteBuffer.allocate(4096);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            buf.clear();
            int n = ch.read(buf);
            if (n < 0) {
                return;
            }
            if (n == 0) {
                Thread.sleep(5);
                continue;
            }
            into.append(new String(buf.array(), 0, n, StandardCharsets.ISO_8859_1));
            // The prompt comes back after the answer (the first one after QEMU's banner).
            String text = into.toString();
            int at = text.lastIndexOf(end);
            if (at >= 0 && text.substring(at + end.length()).isBlank() && text.indexOf('\n') >= 0) {
                return;
            }
        }
    }

    /** True when the monitor says the core runs (not halted by a debugger or -S). */
    public boolean running() throws IOException, InterruptedException {
        return monitor("info status").contains("VM status: running");
    }

    /** Ends QEMU by its pid, like pulling the board's power: the UART pty and the GDB stub go away. */
    public void unplug() {
        kill(process);
    }

    private static void kill(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        kill(process);
        try {
            Files.deleteIfExists(monitor);
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // A temp folder left behind is harmless.
        }
    }
}
