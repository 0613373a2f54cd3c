package dev.tflmstudio.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class LaunchOptionsTest {
    @Test
    void parsesScreenshotViewThemeAndModel() {
        LaunchOptions o = LaunchOptions.parse(List.of("--screenshot", "out.png", "--view=arena", "--dark", "m.tflite"));
        assertThat(o).isEqualTo(new LaunchOptions(Path.of("m.tflite"), Path.of("out.png"), "arena", true, null, null, null));
        assertThat(LaunchOptions.parse(List.of())).isEqualTo(new LaunchOptions(null, null, null, null, null, null, null));
        assertThat(LaunchOptions.parse(List.of("--replay", "run.rec", "--device=nrf52840-dk", "m.tflite")))
                .isEqualTo(new LaunchOptions(Path.of("m.tflite"), null, null, null, Path.of("run.rec"), "nrf52840-dk", null));
        assertThat(LaunchOptions.parse(List.of("--screenshot", "s.png", "--size", "1024x640")).size())
                .isEqualTo(new LaunchOptions.Size(1024, 640));
    }

    @Test
    void rejectsUnknownViewsOptionsAndMissingValues() {
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--view", "nope")))
                .hasMessage("unknown view 'nope' (expected graph, arena, profile, board or tensors)");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--zoom"))).hasMessage("unknown option '--zoom'");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--screenshot")))
                .hasMessage("--screenshot needs a value");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("a.tflite", "b.tflite")))
                .hasMessageStartingWith("only one model");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--device", "nrf52840-dk")))
                .hasMessage("--device goes with --replay (the board's clock)");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--screenshot", "s.png", "--size", "1024")))
                .hasMessage("--size takes WIDTHxHEIGHT in pixels (e.g. 1366x768), got '1024'");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--screenshot", "s.png", "--size", "100x100")))
                .hasMessageStartingWith("--size 100x100 is outside");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--size", "1024x640")))
                .hasMessage("--size goes with --screenshot (the picture's window size)");
    }
}
