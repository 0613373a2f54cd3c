package dev.tflmstudio.serial;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A pseudo-terminal pair made by socat (a null-modem cable in software): bytes written to one end are read at the
 * other. Started by the test, stopped by its own PID only.
 */
final class SocatPair implements AutoCloseable {
    static final Path SOCAT = Path.of("/usr/bin/socat");

    final Path a;
    final Path b;
    private final Process process;

    private SocatPair(Path a, Path b, Process process) {
        this.a = a;
        this.b = b;
        this.process = process;
    }

    static void assumeSocat() {
        Assumptions.assumeTrue(Files.isExecutable(SOCAT), "socat is not installed");
    }

    /** Starts socat linking two new ptys at {@code a} and {@code b}; waits until both links exist. */
    static SocatPair start(Path a, Path b) throws IOException, InterruptedException {
        assumeSocat();
        Process process = new ProcessBuilder(SOCAT.toString(), "-d", "-d",
                "pty,raw,echo=0,link=" + a, "pty,raw,echo=0,link=" + b)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!(Files.exists(a) && Files.exists(b))) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IOException("socat did not create " + a + " and " + b);
            }
            Thread.sleep(20);
        }
        return new SocatPair(a, b, process);
    }

    long pid() {
        return process.pid();
    }

    /** Ends socat (SIGTERM to its PID), which is what unplugging the cable looks like to both ends. */
    void unplug() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            unplug();
        }
    }
}
