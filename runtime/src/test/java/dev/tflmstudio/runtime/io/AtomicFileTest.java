package dev.tflmstudio.runtime.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
    @Test
    void replacesTheWholeFileAndLeavesNoTemporaryBehind(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("sub/plan.html");
        AtomicFile.write(out, "first");
        AtomicFile.write(out, "second");
        assertThat(Files.readString(out)).isEqualTo("second");
        try (var files = Files.list(out.getParent())) {
            assertThat(files).containsExactly(out);
        }
    }

    @Test
    void aFailedWriteKeepsTheOldContent(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run.json");
        AtomicFile.write(out, "old");
        assertThatThrownBy(() -> AtomicFile.write(out, o -> {
            o.write("half of the new".getBytes());
            throw new IOException("disk full");
        })).hasMessage("disk full");
        assertThat(Files.readString(out)).isEqualTo("old");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(out);
        }
    }
}
