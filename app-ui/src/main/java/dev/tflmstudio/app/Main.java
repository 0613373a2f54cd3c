package dev.tflmstudio.app;

import dev.tflmstudio.cli.TflmStudioCommand;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Entry point of {@code tflm-studio}. With no arguments (or only a model path, or GUI options) it opens the
 * desktop app; otherwise it runs the command line. It is not an {@code Application} subclass so that a plain
 * {@code java -cp} launch works with JavaFX on the class path.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (DesktopLauncher.wantsDesktop(args)) {
            DesktopLauncher.launch(args);
            return;
        }
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(TflmStudioCommand.execute(args, out, err));
    }
}
