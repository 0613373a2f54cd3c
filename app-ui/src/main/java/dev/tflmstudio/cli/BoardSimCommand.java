package dev.tflmstudio.cli;

import dev.tflmstudio.devices.DeviceProfile;
import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.tflite.ModelReader;
import dev.tflmstudio.serial.port.PortSettings;
import dev.tflmstudio.serial.port.SerialLink;
import dev.tflmstudio.serial.sim.BoardSimulator;
import dev.tflmstudio.serial.sim.VirtualBoard;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tflm-studio board-sim MODEL --port PATH [--device ID] [--invokes N] [--rate HZ]}: a virtual board. */
@Command(name = "board-sim", mixinStandardHelpOptions = true,
        description = "A virtual board: runs MODEL and writes over a serial port exactly what stock TFLM firmware"
                + " prints (PrintAllocations once, then MicroProfiler::Log() per invoke). Pair it with 'attach' over"
                + " a socat pty pair: socat -d -d pty,raw,echo=0,link=/tmp/board pty,raw,echo=0,link=/tmp/host")
public final class BoardSimCommand implements Callable<Integer> {
    @Parameters(paramLabel = "MODEL", description = "The .tflite to run.")
    Path modelPath;

    @Option(names = "--port", paramLabel = "PATH", required = true, description = "The port to write to.")
    String port;

    @Option(names = "--device", paramLabel = "ID",
            description = "Imitate this board: ticks are its core cycles by the device cost model (the "
                    + "profiler's device estimate), its kernels size the arena.")
    String device;

    @Option(names = "--invokes", paramLabel = "N", defaultValue = "0",
            description = "Stop after N invocations (default: run until stopped).")
    long invokes;

    @Option(names = "--rate", paramLabel = "HZ", defaultValue = "5",
            description = "Invocations per second (default 5; 0 = as fast as the port takes them).")
    double rate;

    @Option(names = "--baud", paramLabel = "N", defaultValue = "115200", description = "Baud rate (default 115200).")
    int baud;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if (invokes < 0 || rate < 0) {
            throw new CliException(ExitCode.USAGE, "--invokes and --rate must not be negative");
        }
        Model model = ModelReader.open(modelPath);
        DeviceProfile profile = BoardOptions.deviceProfile(device);
        VirtualBoard board;
        try {
            board = VirtualBoard.create(model, profile);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.NOT_RUNNABLE, e.getMessage());
        }
        err.println("board-sim: ticks: " + board.tickBasis() + "; " + board.clock().ticksPerSecond() + " ticks/s");
        err.println("board-sim: " + board.arenaNote());
        err.flush();
        AtomicBoolean stop = new AtomicBoolean();
        Thread hook = new Thread(() -> stop.set(true), "board-sim-ctrl-c");
        Runtime.getRuntime().addShutdownHook(hook);
        long written;
        try (SerialLink link = SerialLink.open(port, PortSettings.defaults(baud), SerialLink.Receiver.IGNORE, false)) {
            written = BoardSimulator.run(board, link, invokes, rate, stop::get);
        } catch (IOException e) {
            throw new CliException(ExitCode.FAILURE, e.getMessage());
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the loop saw the stop flag.
            }
        }
        err.println("board-sim: " + written + " invocations written to " + port);
        err.flush();
        return ExitCode.OK;
    }
}
