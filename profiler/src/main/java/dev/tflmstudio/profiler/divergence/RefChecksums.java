package dev.tflmstudio.profiler.divergence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code INTERMEDIATE TENSOR CHECKSUMS} block of a TFLM reference log as a checksum-only trace: the
 * FNV-1a of every op's output right after the op ran on invocation 1.
 */
public final class RefChecksums {
    private static final Pattern ROW = Pattern.compile(
            "^after_op=(\\d+) op=(\\S+) out=(\\d+) tensor=(\\d+) name=(.*) type=\\S+ shape=\\S+ bytes=\\d+ "
                    + "bytesum=\\d+ fnv1a32=(0x[0-9a-f]{8})$");

    private RefChecksums() {
    }

    /** First output of every op (what a one-tensor-per-op trace holds). */
    public static TensorTrace read(Path refFile) throws IOException {
        List<TraceEntry> entries = new ArrayList<>();
        int lastOp = -1;
        for (String line : Files.readAllLines(refFile)) {
            Matcher m = ROW.matcher(line.strip());
            if (m.matches() && m.group(3).equals("0")) {
                int op = Integer.parseInt(m.group(1));
                if (op != lastOp) {
                    entries.add(new TraceEntry(op, m.group(2), m.group(5), null, m.group(6)));
                    lastOp = op;
                }
            }
        }
        return new TensorTrace("TFLM reference log " + refFile, entries);
    }
}
