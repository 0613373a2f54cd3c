package dev.tflmstudio.runtime.ref;

import dev.tflmstudio.runtime.kernels.KernelException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What real TFLM computed for one model: a parsed {@code ../shared/ref/**}{@code /*.tflite.txt} file.
 *
 * @param file        the reference file
 * @param model       the model path, relative to the shared directory ({@code models/tflm-...tflite})
 * @param exitCode    0 when TFLM ran the model, 1 when it refused it
 * @param failStage   the stage TFLM refused at, or null when it ran
 * @param failMessage TFLM's log lines about the refusal, or null
 * @param checksums   per-op output checksums of invoke #1, in order
 * @param outputs     model outputs of invoke #1
 * @param invokeMsMedian TFLM's median invoke time, or NaN
 * @param headBytes   TFLM's planned head (non-persistent) size after AllocateTensors, or -1
 */
public record RefRun(Path file, String model, int exitCode, KernelException.Stage failStage, String failMessage,
                     List<OpChecksum> checksums, List<Output> outputs, double invokeMsMedian,
                     int headBytes) {

    /** One {@code after_op=} line; {@code fnv1a32} is null when TFLM printed n/a (the op failed). */
    public record OpChecksum(int afterOp, String op, int outIndex, int tensor, String type, String shape, int bytes,
                             Integer fnv1a32) {
    }

    /** One model output with its printed values (integers, or floats as {@code %.9g}). */
    public record Output(int index, int tensor, String type, String shape, int fnv1a32, List<String> values) {
    }

    private static final Pattern AFTER_OP = Pattern.compile(
            "after_op=(\\d+) op=(\\S+) out=(\\d+) tensor=(\\d+) name=.* type=(\\S+) shape=(\\S+) bytes=(\\d+) "
                    + "bytesum=\\S+ fnv1a32=(\\S+)");
    private static final Pattern OUTPUT = Pattern.compile(
            "output (\\d+): tensor=(\\d+) type=(\\S+) shape=(\\S+) .* fnv1a32=0x([0-9a-f]+)");

    public static RefRun parse(Path file) throws IOException {
        return parse(file, Files.readAllLines(file));
    }

    /** Parses a report already read, e.g. the standard output of {@code tflm_ref}. */
    public static RefRun parse(Path file, List<String> lines) {
        String model = null;
        int exit = -1;
        KernelException.Stage stage = null;
        StringBuilder fail = new StringBuilder();
        List<OpChecksum> sums = new ArrayList<>();
        List<Output> outs = new ArrayList<>();
        double median = Double.NaN;
        int head = -1;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            Matcher m;
            if (l.startsWith("model: ")) {
                model = l.substring(7).trim();
            } else if (l.startsWith("exit_code: ")) {
                exit = Integer.parseInt(l.substring(11).trim());
            } else if (l.startsWith("arena_head_nonpersistent_bytes: ")) {
                head = Integer.parseInt(l.substring(32).trim());
            } else if (l.startsWith("invoke_ms_median: ")) {
                median = Double.parseDouble(l.substring(18).trim());
            } else if (l.contains("Failed to get registration")) {
                stage = KernelException.Stage.REGISTRATION;
                fail.append(l).append(' ');
            } else if (l.contains("failed to prepare")) {
                stage = stage == null ? KernelException.Stage.PREPARE : stage;
                fail.append(l).append(' ');
            } else if (l.contains("failed to invoke")) {
                stage = KernelException.Stage.INVOKE;
                fail.append(l).append(' ');
            } else if ((m = AFTER_OP.matcher(l)).find()) {
                String f = m.group(8);
                sums.add(new OpChecksum(Integer.parseInt(m.group(1)), m.group(2), Integer.parseInt(m.group(3)),
                        Integer.parseInt(m.group(4)), m.group(5), m.group(6), Integer.parseInt(m.group(7)),
                        f.startsWith("0x") ? Integer.parseUnsignedInt(f.substring(2), 16) : null));
            } else if ((m = OUTPUT.matcher(l)).find() && i + 1 < lines.size()
                    && lines.get(i + 1).startsWith("values:")) {
                List<String> values = new ArrayList<>();
                int j = i + 2;
                for (; j < lines.size() && !lines.get(j).startsWith("output ")
                        && !lines.get(j).startsWith("arena_used") && !lines.get(j).startsWith("==="); j++) {
                    for (String v : lines.get(j).split(",")) {
                        if (!v.isBlank()) {
                            values.add(v.trim());
                        }
                    }
                }
                outs.add(new Output(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), m.group(3),
                        m.group(4), Integer.parseUnsignedInt(m.group(5), 16), values));
                i = j - 1;
            }
        }
        if (exit == 1 && stage == null) {
            stage = KernelException.Stage.PREPARE;
        }
        return new RefRun(file, model, exit, exit == 0 ? null : stage,
                fail.length() == 0 ? null : fail.toString().trim(), sums, outs, median, head);
    }
}
