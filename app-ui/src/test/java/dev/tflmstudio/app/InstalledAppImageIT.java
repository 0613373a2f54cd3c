package dev.tflmstudio.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app image that {@code ./mvnw -Pinstaller package} builds (jpackage, with its own jlink'd runtime), run as a
 * user runs it: its native launcher, from another folder, with no JDK on PATH and no JAVA_HOME. Runs in the
 * installer profile's verify phase, which passes the image in {@code tflm.appImage}.
 */
class InstalledAppImageIT {
    private static final Path SAMPLE = Path.of("..", "assets", "models", SampleModel.NAME).toAbsolutePath();

    @TempDir
    Path work;

    @Test
    void inspectRunsFromTheImageWithoutAJdk() throws Exception {
        Run run = launch("inspect", SAMPLE.toString());
        assertThat(run.exit).as(run.err).isZero();
        assertThat(run.out).contains("subgraph 0 'main': 6 operators").contains("CONV_2D");
    }

    @Test
    void aMissingModelIsOneErrorLineAndExitCode3() throws Exception {
        Run run = launch("inspect", work.resolve("missing.tflite").toString());
        assertThat(run.exit).isEqualTo(3);
        assertThat(run.err.strip()).startsWith("error: ").doesNotContain("\n").doesNotContain("Exception");
    }

    @Test
    void screenshotRendersTheBundledSampleHeadlessly() throws Exception {
        Path shot = work.resolve("arena.png");
        // No model given: the image must find the sample model it bundles.
        Run run = launch("--screenshot", shot.toString(), "--view", "arena");
        assertThat(run.exit).as(run.err).isZero();
        BufferedImage image = ImageIO.read(shot.toFile());
        assertThat(image).isNotNull();
        assertThat(image.getWidth()).isGreaterThan(800);
        assertThat(run.err).doesNotContain("No model given");
    }

    private Run launch(String... args) throws IOException, InterruptedException {
        String image = System.getProperty("tflm.appImage");
        Assumptions.assumeTrue(image != null, "no app image (run with -Pinstaller)");
        Path launcher = launcher(Path.of(image));
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        Path emptyBin = Files.createDirectories(work.resolve("empty-bin"));
        ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile());
        pb.environment().clear();
        pb.environment().put("PATH", emptyBin.toString());
        pb.environment().put("HOME", work.toString());
        pb.redirectOutput(work.resolve("out.txt").toFile()).redirectError(work.resolve("err.txt").toFile());
        Process p = pb.start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the launcher did not finish in 180 s: " + command);
        }
        return new Run(p.exitValue(), Files.readString(work.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(work.resolve("err.txt"), StandardCharsets.UTF_8));
    }

    /** The launcher taking the command line: bin/ on Linux, the .app's MacOS/ folder, the console .exe on Windows. */
    private static Path launcher(Path image) {
        for (Path candidate : List.of(image.resolve("bin").resolve("tflm-studio"),
                image.resolve("Contents").resolve("MacOS").resolve("TFLM Studio"), image.resolve("tflm-studio.exe"))) {
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("no launcher in the app image " + image);
    }

    private record Run(int exit, String out, String err) {
    }
}
