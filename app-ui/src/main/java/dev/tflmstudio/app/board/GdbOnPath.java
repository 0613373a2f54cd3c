package dev.tflmstudio.app.board;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Finds the GDB the probe mode drives: the first multi-arch or Arm GDB on PATH, else a plain gdb. */
final class GdbOnPath {
    /** In order of preference: these know Cortex-M; a host gdb may not. */
    static final List<String> NAMES = List.of("gdb-multiarch", "arm-none-eabi-gdb", "gdb");

    private GdbOnPath() {
    }

    static Optional<Path> find() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String name : NAMES) {
            for (String dir : path.split(File.pathSeparator)) {
                if (dir.isEmpty()) {
                    continue;
                }
                Path p = Path.of(dir, name);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }
}
