package dev.tflmstudio.serial.qemu;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The harness itself: the real firmware boots on QEMU and prints TFLM's allocations on its UART pty. */
class QemuBoardTest {
    @Test
    void firmwarePrintsItsArenaOnTheUartPty() throws Exception {
        Path elf = QemuBoard.firmware("person_detect_reference.elf");
        try (QemuBoard board = QemuBoard.run(elf)) {
            assertThat(board.running()).isTrue();
            String text = CompletableFuture.supplyAsync(() -> readUntil(board.pty(), "CONV_2D took"))
                    .get(30, TimeUnit.SECONDS);
            assertThat(text).contains("Arena allocation total 82388 bytes");
            long pid = board.pid();
            board.close();
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        }
    }

    private static String readUntil(Path pty, String marker) {
        StringBuilder text = new StringBuilder();
        try (InputStream in = new FileInputStream(pty.toFile())) {
            byte[] buf = new byte[4096];
            while (!text.toString().contains(marker)) {
                int n = in.read(buf);
                if (n < 0) {
                    break;
                }
                text.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return text.toString();
    }
}
