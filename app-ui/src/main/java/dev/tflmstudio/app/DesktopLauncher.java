package dev.tflmstudio.app;

import dev.tflmstudio.cli.ExitCode;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Decides whether a command line means "open the desktop app" and starts it. */
final class DesktopLauncher {
    private static final Set<String> DESKTOP_OPTIONS = Set.of("--screenshot", "--view", "--dark", "--light", "--replay");
    static final String NO_DISPLAY = "no display: use --screenshot for headless pictures, or run under xvfb-run";

    private DesktopLauncher() {
    }

    /** No arguments, a model path, or desktop options such as {@code --screenshot}. */
    static boolean wantsDesktop(String[] args) {
        if (args.length == 0) {
            return true;
        }
        String first = args[0];
        if (first.startsWith("--")) {
            String name = first.contains("=") ? first.substring(0, first.indexOf('=')) : first;
            return DESKTOP_OPTIONS.contains(name);
        }
        return first.endsWith(".tflite");
    }

    static void launch(String[] args) {
        boolean headless = hasScreenshot(args) || "Monocle".equals(System.getProperty("glass.platform"));
        if (!headless && !hasDisplay(System.getProperty("os.name", ""), System.getenv())) {
            noDisplay();
        }
        try {
            StudioApp.launchWith(args);
        } catch (UnsupportedOperationException e) {
            // GTK could not open the display DISPLAY names (a closed X server, a forwarded one that went away).
            if (e.getMessage() != null && e.getMessage().contains("DISPLAY")) {
                noDisplay();
            }
            throw e;
        }
    }

    /** On X11 desktops (Linux, the BSDs) JavaFX needs an X or Wayland display; Windows and macOS always have one. */
    static boolean hasDisplay(String osName, Map<String, String> env) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows") || os.startsWith("mac")) {
            return true;
        }
        return !env.getOrDefault("DISPLAY", "").isBlank() || !env.getOrDefault("WAYLAND_DISPLAY", "").isBlank();
    }

    private static boolean hasScreenshot(String[] args) {
        for (String a : args) {
            if (a.equals("--screenshot") || a.startsWith("--screenshot=")) {
                return true;
            }
        }
        return false;
    }

    private static void noDisplay() {
        System.err.println("error: " + NO_DISPLAY);
        System.exit(ExitCode.USAGE);
    }
}
