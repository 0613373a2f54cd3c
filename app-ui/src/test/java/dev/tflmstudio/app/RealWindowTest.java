package dev.tflmstudio.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app in a real window on a real X server (Xvfb) under a real window manager (openbox, which maps JavaFX windows
 * at 200x200 unless they are sized again once shown): on a laptop screen and on a small one, a first start opens a
 * window that fits the screen and uses most of it.
 */
class RealWindowTest {
    private static final Path XVFB = Path.of("/usr/bin/Xvfb");
    private static final Path OPENBOX = Path.of("/usr/bin/openbox");
    private static final Path XWININFO = Path.of("/usr/bin/xwininfo");
    /** A line of {@code xwininfo -root -tree}: {@code 0x600003 "title": ("class" "class")  1278x735+1+20  +1+20}. */
    private static final Pattern WINDOW = Pattern.compile("\"[^\"]*TFLM Studio\":.*?\\s(\\d+)x(\\d+)\\+");

    @ParameterizedTest
    @CsvSource({"1366, 768", "1024, 640"})
    void aFirstStartFitsTheScreenAndUsesMostOfIt(int screenWidth, int screenHeight, @TempDir Path home)
            throws Exception {
        for (Path tool : List.of(XVFB, OPENBOX, XWININFO)) {
            Assumptions.assumeTrue(Files.isExecutable(tool), tool + " is not installed (.ci/run installs it)");
        }
        Process xvfb = new ProcessBuilder(XVFB.toString(), "-displayfd", "1", "-screen", "0",
                screenWidth + "x" + screenHeight + "x24", "-nolisten", "tcp")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Process wm = null;
        Process app = null;
        try {
            String display = ":" + new BufferedReader(new InputStreamReader(xvfb.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine().strip();
            wm = start(display, List.of(OPENBOX.toString()));
            String java = ProcessHandle.current().info().command().orElse("java");
            // A home of its own: no remembered window size or position from another run.
            app = start(display, List.of(java, "-Duser.home=" + home, "-cp", System.getProperty("java.class.path"),
                    "dev.tflmstudio.app.Main"));
            int[] size = awaitWindow(display, app);
            assertThat(size[0]).as("window width on a %dx%d screen", screenWidth, screenHeight)
                    .isLessThanOrEqualTo(screenWidth).isGreaterThan(screenWidth * 3 / 4);
            assertThat(size[1]).as("window height on a %dx%d screen", screenWidth, screenHeight)
                    .isLessThanOrEqualTo(screenHeight).isGreaterThan(screenHeight * 3 / 4);
        } finally {
            for (Process p : new Process[] {app, wm, xvfb}) {
                if (p != null) {
                    p.destroy();
                    p.waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
    }

    private static Process start(String display, List<String> command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("DISPLAY", display);
        return pb.start();
    }

    /** The main window's size once it has been shown a while (the window manager has had its say). */
    private static int[] awaitWindow(String display, Process app) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            assertThat(app.isAlive()).as("the app is running").isTrue();
            if (windowSize(display) != null) {
                Thread.sleep(3000); // the model opens and lays out after the first frame; let every resize land
                return windowSize(display);
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no TFLM Studio window within 90 s");
    }

    private static int[] windowSize(String display) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(XWININFO.toString(), "-root", "-tree").redirectErrorStream(true);
        pb.environment().put("DISPLAY", display);
        Process p = pb.start();
        String tree = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(10, TimeUnit.SECONDS);
        Matcher m = WINDOW.matcher(tree);
        return m.find() ? new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))} : null;
    }
}
