package dev.tflmstudio.app;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * What the desktop command line asked for:
 * {@code [--screenshot OUT.png [--size WxH]] [--view NAME] [--dark|--light] [--replay FILE [--device ID]] [MODEL]}.
 *
 * @param model      the model to open, or null for the bundled sample
 * @param screenshot where to write a PNG of the window before exiting, or null to run normally
 * @param view       the tool window to show first ({@code graph}, {@code arena}, ...), or null
 * @param dark       the theme asked for on the command line, or null to use the remembered one
 * @param replay     a recorded board session (or text capture) to replay in the Board window, or null
 * @param device     the id of the board's device profile for that replay (its clock), or null
 * @param size       the window size for the screenshot, or null for the default
 */
record LaunchOptions(Path model, Path screenshot, String view, Boolean dark, Path replay, String device, Size size) {
    /** A window size in pixels, at least the smallest size every view is made for. */
    record Size(int width, int height) {
        static final int MIN_WIDTH = 640;
        static final int MIN_HEIGHT = 480;

        static Size parse(String text) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,5})x(\\d{1,5})").matcher(text);
            if (!m.matches()) {
                throw new IllegalArgumentException("--size takes WIDTHxHEIGHT in pixels (e.g. 1366x768), got '"
                        + text + "'");
            }
            Size s = new Size(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
            if (s.width < MIN_WIDTH || s.height < MIN_HEIGHT || s.width > 7680 || s.height > 4320) {
                throw new IllegalArgumentException("--size " + text + " is outside " + MIN_WIDTH + "x" + MIN_HEIGHT
                        + " to 7680x4320");
            }
            return s;
        }
    }

    static final Set<String> VIEWS = Set.of("graph", "arena", "profile", "board", "tensors");

    /** Parses the raw arguments; throws IllegalArgumentException with a one-line message on bad usage. */
    static LaunchOptions parse(List<String> args) {
        Path model = null;
        Path shot = null;
        String view = null;
        Boolean dark = null;
        Path replay = null;
        String device = null;
        Size size = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                value = a.substring(eq + 1);
                a = a.substring(0, eq);
            }
            switch (a) {
                case "--screenshot", "--view", "--replay", "--device", "--size" -> {
                    if (value == null) {
                        if (i + 1 >= args.size()) {
                            throw new IllegalArgumentException(a + " needs a value");
                        }
                        value = args.get(++i);
                    }
                    if (a.equals("--screenshot")) {
                        shot = Path.of(value);
                    } else if (a.equals("--replay")) {
                        replay = Path.of(value);
                    } else if (a.equals("--size")) {
                        size = Size.parse(value);
                    } else if (a.equals("--device")) {
                        device = value;
                    } else if (VIEWS.contains(value)) {
                        view = value;
                    } else {
                        throw new IllegalArgumentException("unknown view '" + value
                                + "' (expected graph, arena, profile, board or tensors)");
                    }
                }
                case "--dark" -> dark = true;
                case "--light" -> dark = false;
                default -> {
                    if (a.startsWith("-")) {
                        throw new IllegalArgumentException("unknown option '" + a + "'");
                    }
                    if (model != null) {
                        throw new IllegalArgumentException("only one model can be opened, got '" + model
                                + "' and '" + a + "'");
                    }
                    model = Path.of(a);
                }
            }
        }
        if (device != null && replay == null) {
            throw new IllegalArgumentException("--device goes with --replay (the board's clock)");
        }
        if (size != null && shot == null) {
            throw new IllegalArgumentException("--size goes with --screenshot (the picture's window size)");
        }
        return new LaunchOptions(model, shot, view, dark, replay, device, size);
    }
}
