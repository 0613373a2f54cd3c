package dev.tflmstudio.app.board;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A null-modem cable in software: two pseudo-terminals made by socat, linked at {@code board} and {@code host} in a
 * folder of their own; bytes written to one end are read at the other. Closing ends socat and removes the links.
 */
public final class PseudoTerminalPair implements AutoCloseable {
    /** socat on PATH, else where Debian and Homebrew put it (an app started from a desktop menu has a short PATH). */
    private static final Path SOCAT = findSocat();

    private final Process socat;
    private final Path dir;
    private final Path board;
    private final Path host;
    /** Ends socat if the app exits with the cable still there: a child process would outlive the JVM. */
    private final Thread onExit;

    private PseudoTerminalPair(Process socat, Path dir) {
        this.socat = socat;
        this.dir = dir;
        this.board = dir.resolve("board");
        this.host = dir.resolve("host");
        this.onExit = new Thread(socat::destroy, "tflm-studio-pty-exit");
        Runtime.getRuntime().addShutdownHook(onExit);
    }

    /** Whether socat is installed. */
    public static boolean available() {
        return SOCAT != null;
    }

    private static Path findSocat() {
        java.util.List<String> dirs = new java.util.ArrayList<>(
                java.util.List.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)));
        dirs.addAll(java.util.List.of("/usr/bin", "/usr/local/bin", "/opt/homebrew/bin"));
        for (String dir : dirs) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "socat"))) {
                return Path.of(dir, "socat");
            }
        }
        return null;
    }

    /** Why there is no virtual board here, in one line: what to install, or what to use instead. */
    public static String unavailableReason() {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        if (os.startsWith("windows")) {
            return "the virtual board needs pseudo-terminals, which Windows does not have: run TFLM Studio in WSL"
                    + " (with socat), or connect a real board";
        }
        return "socat is needed to make a pseudo-terminal pair for the virtual board: install it ("
                + (os.contains("mac") ? "brew install socat" : "Debian/Ubuntu: apt install socat") + ")";
    }

    /** Makes the pair in a new temporary folder and waits (up to 5 s) until both ends exist. */
    public static PseudoTerminalPair open() throws IOException {
        if (!available()) {
            throw new IOException(unavailableReason());
        }
        Path dir = Files.createTempDirectory("tflm-pty");
        Process socat = new ProcessBuilder(SOCAT.toString(), "pty,raw,echo=0,link=" + dir.resolve("board"),
                "pty,raw,echo=0,link=" + dir.resolve("host")).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        PseudoTerminalPair pair = new PseudoTerminalPair(socat, dir);
        try {
            pair.awaitEnds();
        } catch (IOException e) {
            pair.close();
            throw e;
        }
        return pair;
    }

    /** The end a board writes to. */
    public Path board() {
        return board;
    }

    /** The end the host reads from. */
    public Path host() {
        return host;
    }

    private void awaitEnds() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!(Files.exists(board) && Files.exists(host))) {
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

    @Override
    public void close() {
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
            Files.deleteIfExists(board);
            Files.deleteIfExists(host);
            Files.deleteIfExists(dir);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // a leftover empty temporary folder; nothing to tell the user
        }
    }
}
