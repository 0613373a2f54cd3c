package dev.tflmstudio.app;

import java.util.Set;

/** Decides whether a command line means "open the desktop app" and starts it. */
final class DesktopLauncher {
    private static final Set<String> DESKTOP_OPTIONS = Set.of("--screenshot", "--view", "--dark", "--light", "--replay");

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
        StudioApp.launchWith(args);
    }
}
