package dev.tflmstudio.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The desktop app started where there is no display (an SSH session, a container): one {@code error:} line that
 * says what to do, exit code 2, never a JavaFX stack trace. Runs the app's main in a fresh JVM, as the launcher does.
 */
class NoDisplayTest {
    @Test
    void withoutDisplayTheAppSaysSoInOneLine() throws Exception {
        Result r = runMain(Map.of(), "--view", "arena");
        assertThat(r.exit).isEqualTo(2);
        assertThat(r.err.strip()).isEqualTo("error: " + DesktopLauncher.NO_DISPLAY);
    }

    @Test
    void aDisplayThatCannotBeOpenedIsTheSameError() throws Exception {
        // A display number no X server listens on.
        Result r = runMain(Map.of("DISPLAY", ":31987"));
        assertThat(r.exit).isEqualTo(2);
        assertThat(r.err).contains("error: " + DesktopLauncher.NO_DISPLAY).doesNotContain("Exception")
                .doesNotContain("\tat ");
    }

    @Test
    void onlyX11DesktopsNeedADisplayVariable() {
        assertThat(DesktopLauncher.hasDisplay("Linux", Map.of())).isFalse();
        assertThat(DesktopLauncher.hasDisplay("Linux", Map.of("DISPLAY", ":0"))).isTrue();
        assertThat(DesktopLauncher.hasDisplay("Linux", Map.of("WAYLAND_DISPLAY", "wayland-0"))).isTrue();
        assertThat(DesktopLauncher.hasDisplay("Windows 11", Map.of())).isTrue();
        assertThat(DesktopLauncher.hasDisplay("Mac OS X", Map.of())).isTrue();
    }

    private static Result runMain(Map<String, String> display, String... args) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "dev.tflmstudio.app.Main"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().remove("DISPLAY");
        pb.environment().remove("WAYLAND_DISPLAY");
        pb.environment().putAll(display);
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the app did not exit without a display");
        }
        return new Result(p.exitValue(), err);
    }

    private record Result(int exit, String err) {
    }
}
