package dev.tflmstudio.serial.probe.mi;

import dev.tflmstudio.serial.probe.ProbeException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A GDB driven through GDB/MI: one process, commands with tokens whose result records are matched by a reader
 * thread, exec-stop records queued for {@link #awaitStop}, and a timeout on every wait so nothing hangs.
 */
public final class GdbMi implements AutoCloseable {
    /** The stop record queued when GDB lost the target or ended. */
    public static final String LINK_LOST = "link-lost";

    private final Process process;
    private final OutputStream in;
    private final AtomicLong tokens = new AtomicLong(1);
    private final Map<Long, CompletableFuture<MiRecord>> pending = new ConcurrentHashMap<>();
    private final BlockingQueue<MiRecord> stops = new LinkedBlockingQueue<>();
    private final Deque<String> log = new ArrayDeque<>();
    private volatile boolean running;
    private volatile boolean ended;

    private GdbMi(Process process) {
        this.process = process;
        this.in = process.getOutputStream();
        Thread reader = new Thread(this::readOutput, "gdb-mi-reader");
        reader.setDaemon(true);
        reader.start();
        Thread errors = new Thread(this::readErrors, "gdb-mi-stderr");
        errors.setDaemon(true);
        errors.start();
    }

    /** Starts {@code gdb --interpreter=mi3 -nx -q} (plus {@code args}); a GDB that is not there is a LINK failure. */
    public static GdbMi start(String gdb, List<String> args) throws ProbeException {
        List<String> command = new java.util.ArrayList<>(List.of(gdb, "--interpreter=mi3", "-nx", "-q"));
        command.addAll(args);
        try {
            return new GdbMi(new ProcessBuilder(command).start());
        } catch (IOException e) {
            throw new ProbeException(ProbeException.Kind.LINK, "cannot run GDB '" + gdb
                    + "' (install gdb-multiarch or arm-none-eabi-gdb, or give its path with --gdb-path)", e);
        }
    }

    /**
     * Sends one MI command and returns its result record ({@code ^done}, {@code ^running}, {@code ^connected}).
     * {@code ^error} and a timeout throw a one-line {@link ProbeException} (LINK).
     */
    public MiRecord command(String command, Duration timeout) throws ProbeException {
        long token = tokens.getAndIncrement();
        CompletableFuture<MiRecord> answer = new CompletableFuture<>();
        pending.put(token, answer);
        boolean interrupted = false;
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            send(token + command);
            // An interrupt does not cut a command short (GDB would answer into the void and the board's state
            // would be unknown): it is kept for the caller, who stops at the next clean point.
            while (true) {
                try {
                    MiRecord result = answer.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    if (result.klass().equals("error")) {
                        throw new ProbeException(ProbeException.Kind.LINK, firstLine(result.text("msg")));
                    }
                    return result;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } catch (TimeoutException e) {
            throw new ProbeException(ProbeException.Kind.LINK, "GDB did not answer '" + command + "' within "
                    + seconds(timeout));
        } catch (ExecutionException e) {
            throw new ProbeException(ProbeException.Kind.LINK, "GDB ended" + lastLog());
        } finally {
            pending.remove(token);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Waits for the next {@code *stopped} record (or {@link #LINK_LOST}). A timeout throws (LINK) with the target
     * still running. An interrupt does not end the wait (the stop is a clean point); it is kept for the caller.
     */
    public MiRecord awaitStop(Duration timeout) throws ProbeException {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean interrupted = false;
        MiRecord stop = null;
        while (stop == null && System.nanoTime() < deadline) {
            try {
                stop = stops.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (stop == null) {
            throw new ProbeException(ProbeException.Kind.LINK, "the target did not stop within "
                    + seconds(timeout));
        }
        return stop;
    }

    /** Forgets stop records nobody waited for (e.g. the one GDB reports on connecting). */
    public void clearStops() {
        stops.clear();
    }

    /** True while the target runs (between {@code *running} and {@code *stopped}). */
    public boolean running() {
        return running;
    }

    /** True once GDB or its link to the target ended. */
    public boolean ended() {
        return ended || !process.isAlive();
    }

    private void send(String line) throws ProbeException {
        try {
            synchronized (in) {
                in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                in.flush();
            }
        } catch (IOException e) {
            throw new ProbeException(ProbeException.Kind.LINK, "GDB ended" + lastLog(), e);
        }
    }

    private void readOutput() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                MiRecord record;
                try {
                    record = MiParser.parse(line);
                } catch (IllegalArgumentException notMi) {
                    continue;
                }
                dispatch(record);
            }
        } catch (IOException e) {
            // GDB ended: below.
        }
        ended = true;
        stops.add(new MiRecord(MiRecord.Type.EXEC, -1, LINK_LOST, new MiValue.Tuple(Map.of())));
        pending.values().forEach(f -> f.completeExceptionally(new IOException("GDB ended")));
    }

    private void dispatch(MiRecord record) {
        switch (record.type()) {
            case RESULT -> {
                CompletableFuture<MiRecord> f = pending.get(record.token());
                if (f != null) {
                    f.complete(record);
                }
            }
            case EXEC -> {
                if (record.klass().equals("running")) {
                    running = true;
                } else if (record.klass().equals("stopped")) {
                    running = false;
                    stops.add(record);
                }
            }
            case NOTIFY -> {
                if (record.klass().equals("thread-group-exited")) {
                    running = false;
                    ended = true;
                    stops.add(new MiRecord(MiRecord.Type.EXEC, -1, LINK_LOST, record.results()));
                }
            }
            case LOG -> remember(record.klass());
            default -> {
            }
        }
    }

    private void readErrors() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                remember(line);
            }
        } catch (IOException e) {
            // GDB ended.
        }
    }

    private void remember(String text) {
        synchronized (log) {
            for (String line : text.split("\n")) {
                if (!line.isBlank()) {
                    log.addLast(line.strip());
                }
            }
            while (log.size() > 20) {
                log.removeFirst();
            }
        }
    }

    /** GDB's last log line, as {@code ": line"}, or empty. */
    public String lastLog() {
        synchronized (log) {
            return log.isEmpty() ? "" : ": " + log.peekLast();
        }
    }

    private static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "GDB refused the command";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }

    /** Asks GDB to exit, then ends it by its own pid if it does not within two seconds. Never throws. */
    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                send("-gdb-exit");
                in.close(); // end of input ends GDB too
            } catch (ProbeException | IOException e) {
                // Already gone.
            }
            try {
                if (!process.waitFor(2, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(2, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
