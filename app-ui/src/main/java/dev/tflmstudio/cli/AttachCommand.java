package dev.tflmstudio.cli;

import dev.tflmstudio.devices.DeviceCatalog;
import dev.tflmstudio.devices.DeviceProfile;
import dev.tflmstudio.serial.BoardListener;
import dev.tflmstudio.serial.BoardSession;
import dev.tflmstudio.serial.analysis.OpSequence;
import dev.tflmstudio.serial.analysis.SummaryText;
import dev.tflmstudio.serial.analysis.TickClock;
import dev.tflmstudio.serial.port.LinkState;
import dev.tflmstudio.serial.port.PortCatalog;
import dev.tflmstudio.serial.port.PortInfo;
import dev.tflmstudio.serial.port.PortSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tflm-studio attach PORT [--baud N] [--model M] [--device ID] [--seconds S] [--record FILE] [--json]}: read a
 * board running stock TFLM firmware, live.
 */
@Command(name = "attach", mixinStandardHelpOptions = true,
        description = "Read a board running stock TFLM over a serial port: per-op statistics of MicroProfiler output,"
                + " the arena from PrintAllocations, errors. Shows a live table; prints a summary at the end"
                + " (after --seconds, or on Ctrl-C). 'attach --list' lists the ports.")
public final class AttachCommand implements Callable<Integer> {
    @Parameters(paramLabel = "PORT", arity = "0..1",
            description = "The port: /dev/ttyACM0, COM3, or any path (pseudo-terminals are not listed but work).")
    String port;

    @Option(names = "--list", description = "List serial ports with USB ids and matching device profiles, then exit.")
    boolean list;

    @Option(names = "--baud", paramLabel = "N", description = "Baud rate (default: the device's, else 115200).")
    Integer baud;

    @Option(names = "--data-bits", paramLabel = "N", defaultValue = "8", description = "Data bits (default 8).")
    int dataBits;

    @Option(names = "--parity", paramLabel = "P", defaultValue = "NONE",
            description = "NONE, ODD, EVEN, MARK or SPACE (default NONE).")
    PortSettings.Parity parity;

    @Option(names = "--stop-bits", paramLabel = "S", defaultValue = "ONE",
            description = "ONE, ONE_POINT_FIVE or TWO (default ONE).")
    PortSettings.StopBits stopBits;

    @Option(names = "--flow", paramLabel = "F", defaultValue = "NONE",
            description = "Flow control: NONE, RTS_CTS or XON_XOFF (default NONE).")
    PortSettings.FlowControl flow;

    @Mixin
    BoardOptions board;

    @Option(names = "--seconds", paramLabel = "S", description = "Stop after S seconds and print the summary.")
    Double seconds;

    @Option(names = "--record", paramLabel = "FILE", description = "Record the raw session (replay it later).")
    Path record;

    @Option(names = "--json", description = "No live table; print the summary as JSON.")
    boolean json;

    @Spec
    CommandSpec spec;

    /** Set once the summary is out: a Ctrl-C shutdown hook waits for it so the summary is not cut off. */
    private final CountDownLatch finished = new CountDownLatch(1);

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (list) {
            listPorts(out);
            return ExitCode.OK;
        }
        if (port == null) {
            throw new CliException(ExitCode.USAGE, "a PORT is needed (see 'attach --list')");
        }
        if (seconds != null && !(seconds > 0)) {
            throw new CliException(ExitCode.USAGE, "--seconds must be positive, got " + seconds);
        }
        OpSequence expected = board.expectedOps();
        DeviceProfile profile = board.deviceProfile();
        TickClock clock = board.tickClock();
        int rate = baud != null ? baud : profile != null ? profile.defaultBaud() : 115200;
        PortSettings settings;
        try {
            settings = new PortSettings(rate, dataBits, parity, stopBits, flow);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.USAGE, e.getMessage());
        }
        BoardListener listener = new BoardListener() {
            @Override
            public void linkState(LinkState state, String detail) {
                if (state != LinkState.CLOSED) {
                    err.println("attach: " + detail);
                    err.flush();
                }
            }

            @Override
            public void recordingFailed(String message) {
                err.println("attach: " + message);
                err.flush();
            }
        };
        BoardSession session;
        try {
            session = BoardSession.attach(port, settings, expected, clock, record, listener);
        } catch (IOException e) {
            throw new CliException(ExitCode.FAILURE, e.getMessage());
        }
        try {
            runUntilDone(session, out);
            session.close();
            ReplayCommand.print(out, session.summary(), json);
            if (record != null) {
                err.println("attach: session recorded to " + record + " (replay it with 'tflm-studio replay "
                        + record + "')");
                err.flush();
            }
        } finally {
            finished.countDown();
        }
        return ExitCode.OK;
    }

    /** Waits for --seconds or Ctrl-C, redrawing the live table every second on a terminal. */
    private void runUntilDone(BoardSession session, PrintWriter out) throws InterruptedException {
        CountDownLatch interrupted = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            interrupted.countDown();
            try {
                finished.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "attach-ctrl-c");
        Runtime.getRuntime().addShutdownHook(hook);
        boolean live = !json && System.console() != null;
        long deadline = seconds == null ? Long.MAX_VALUE : System.nanoTime() + (long) (seconds * 1e9);
        try {
            while (System.nanoTime() < deadline) {
                long wait = Math.min(1_000_000_000L, deadline - System.nanoTime());
                if (interrupted.await(Math.max(1, wait), TimeUnit.NANOSECONDS)) {
                    break;
                }
                if (live) {
                    // Clear the screen and redraw: the terminal shows one up-to-date table.
                    out.print("\033[H\033[2J" + "attach " + session.portPath() + " (" + session.state()
                            + ")  Ctrl-C to stop\n" + SummaryText.render(session.summary()));
                    out.flush();
                }
            }
        } finally {
            if (interrupted.getCount() > 0) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // Ctrl-C arrived just now: the hook waits for 'finished', set once the summary is out.
                }
            }
        }
    }

    private static void listPorts(PrintWriter out) {
        DeviceCatalog catalog = DeviceCatalog.load(DeviceCatalog.defaultUserFolder());
        var ports = PortCatalog.list(catalog);
        if (ports.isEmpty()) {
            out.println("no serial ports listed (pseudo-terminals never are: give their path to attach)");
        }
        for (PortInfo p : ports) {
            out.printf("%-20s %-10s %-40s %s%n", p.path(), p.usbId(), p.description(),
                    p.boards().isEmpty() ? "" : "boards: " + String.join(", ", p.boards()));
        }
        out.flush();
    }
}
