package dev.tflmstudio.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Base for command-line tests: runs {@code tflm-studio} in-process and keeps what it printed. */
abstract class CommandLineTest {
    /** Standard output of the last {@link #run}. */
    protected String out = "";
    /** Standard error of the last {@link #run}. */
    protected String err = "";

    /** Runs the command line with these arguments and returns its exit code. */
    protected int run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = TflmStudioCommand.execute(args, new PrintWriter(o), new PrintWriter(e));
        out = o.toString();
        err = e.toString();
        return code;
    }
}
