package dev.tflmstudio.serial.probe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Each op's output checksum from a TFLM reference report ({@code after_op=N ... fnv1a32=0x...}). */
final class RefChecksums {
    private static final Pattern LINE = Pattern.compile("^after_op=(\\d+) .* out=(\\d+) .*fnv1a32=(0x[0-9a-f]{8})");

    private RefChecksums() {
    }

    /** op index to its first output's checksum ({@code 0x} + 8 hex digits), from the first invoke of the report. */
    static Map<Integer, String> read(Path report) throws IOException {
        Map<Integer, String> byOp = new HashMap<>();
        for (String line : Files.readAllLines(report)) {
            Matcher m = LINE.matcher(line);
            if (m.find() && m.group(2).equals("0")) {
                byOp.putIfAbsent(Integer.parseInt(m.group(1)), m.group(3));
            }
        }
        return byOp;
    }

    static String hex(int fnv) {
        return String.format("0x%08x", fnv);
    }
}
