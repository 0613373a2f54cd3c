package dev.tflmstudio.cli;

import dev.tflmstudio.runtime.check.InvalidGraphException;
import dev.tflmstudio.runtime.interpreter.InvokeCancelledException;
import dev.tflmstudio.runtime.model.ModelFormatException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code tflm-studio} command line. Each subcommand is its own class; add new ones to {@code subcommands}.
 */
@Command(name = "tflm-studio", mixinStandardHelpOptions = true, versionProvider = Versions.class,
        description = "An IDE for TensorFlow Lite Micro models. With no subcommand, opens the desktop app.",
        footer = {"", "The desktop app:",
            "  tflm-studio [MODEL.tflite] [--view graph|arena|tensors|profile|board]",
            "              [--dark|--light] [--replay FILE [--device ID]]",
            "              [--screenshot OUT.png [--size WxH]]",
            "MODEL defaults to the bundled sample. --replay replays a recorded board",
            "session in the Board window; --screenshot renders the window headlessly",
            "to a PNG (of a window WxH pixels, default 1366x768) and exits."},
        subcommands = {
                CommandLine.HelpCommand.class,
                InspectCommand.class,
                DevicesCommand.class,
                PlanCommand.class,
                ProfileCommand.class,
                DiffCommand.class,
                RunCommand.class,
                BenchCommand.class,
                AttachCommand.class,
                DebugCommand.class,
                ReplayCommand.class,
                BoardSimCommand.class,
        })
public final class TflmStudioCommand implements Runnable {

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces of failures (for bug reports).")
    boolean debug;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "a subcommand is needed (see --help)");
    }

    /** Runs the command line and returns the process exit code. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        TflmStudioCommand root = new TflmStudioCommand();
        CommandLine cl = new CommandLine(root);
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            int code;
            String message;
            if (ex instanceof CliException ce) {
                code = ce.exitCode();
                message = ce.getMessage();
            } else if (ex instanceof ModelFormatException || ex instanceof InvalidGraphException) {
                code = ExitCode.INVALID_INPUT;
                message = ex.getMessage();
            } else if (ex instanceof InvokeCancelledException) {
                code = ExitCode.CANCELLED;
                message = ex.getMessage();
            } else if (ex instanceof java.nio.file.NoSuchFileException nsf) {
                code = ExitCode.INVALID_INPUT;
                message = "no such file: " + nsf.getFile();
            } else if (ex instanceof java.io.IOException io) {
                code = ExitCode.FAILURE;
                message = io.getMessage() == null ? io.toString() : io.getMessage();
            } else {
                code = ExitCode.FAILURE;
                message = "internal error: " + ex;
            }
            commandLine.getErr().println("error: " + message);
            if (root.debug) {
                ex.printStackTrace(commandLine.getErr());
            }
            commandLine.getErr().flush();
            return code;
        });
        cl.setParameterExceptionHandler((ex, args1) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("error: " + ex.getMessage());
            c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.");
            c.getErr().flush();
            return ExitCode.USAGE;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }
}
