package dev.tflmstudio.serial.probe.mi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tflmstudio.serial.probe.ProbeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nothing hangs: a GDB that never answers times out, one that ends is reported, a missing one is named. */
class GdbMiTest {
    @Test
    void aGdbThatNeverAnswersTimesOut(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "no /bin/sh");
        // A "GDB" that echoes each command back: no MI record ever comes.
        Path silent = Files.writeString(dir.resolve("silent-gdb"), "#!/bin/sh\nexec cat\n");
        silent.toFile().setExecutable(true);
        try (GdbMi gdb = GdbMi.start(silent.toString(), List.of())) {
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> gdb.command("-gdb-version", Duration.ofMillis(300)))
                    .isInstanceOfSatisfying(ProbeException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ProbeException.Kind.LINK);
                        assertThat(e.getMessage()).isEqualTo("GDB did not answer '-gdb-version' within 0.3 s");
                    });
            assertThat((System.nanoTime() - t0) / 1e9).isLessThan(5);
            assertThatThrownBy(() -> gdb.awaitStop(Duration.ofMillis(200)))
                    .hasMessage("the target did not stop within 0.2 s");
        }
    }

    @Test
    void aGdbThatEndsIsALinkFailure() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/true")), "no /bin/true");
        try (GdbMi gdb = GdbMi.start("/bin/true", List.of())) {
            assertThatThrownBy(() -> gdb.command("-gdb-version", Duration.ofSeconds(5)))
                    .isInstanceOf(ProbeException.class).hasMessageStartingWith("GDB ended");
            assertThat(gdb.awaitStop(Duration.ofSeconds(5)).klass()).isEqualTo(GdbMi.LINK_LOST);
        }
    }

    @Test
    void aMissingGdbIsNamed() {
        assertThatThrownBy(() -> GdbMi.start("/no/such/gdb", List.of()))
                .isInstanceOfSatisfying(ProbeException.class, e -> assertThat(e.getMessage())
                        .startsWith("cannot run GDB '/no/such/gdb'"));
    }
}
