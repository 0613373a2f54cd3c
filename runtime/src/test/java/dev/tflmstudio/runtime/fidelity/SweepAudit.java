package dev.tflmstudio.runtime.fidelity;

import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.model.Operator;
import dev.tflmstudio.runtime.model.Subgraph;
import dev.tflmstudio.runtime.tflite.ModelReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a sweep saw of each op, for the audit table in runtime/KERNELS.md ({@code -Dsweep.audit=FILE}): the input
 * types (input and filter for the convolutions) TFLM ran and refused, and the distinct words of its refusals.
 */
final class SweepAudit {
    private static final int MAX_WORDS = 8;

    private final Map<String, Map<String, int[]>> types = new TreeMap<>();
    private final Map<String, Set<String>> words = new TreeMap<>();

    void record(String op, Path model, Differential.Result result, List<String> report) {
        if (result.outcome() != Differential.Outcome.RAN && result.outcome() != Differential.Outcome.REFUSED) {
            return;
        }
        String key = typeKey(op, model);
        int[] n = types.computeIfAbsent(op, o -> new TreeMap<>()).computeIfAbsent(key, k -> new int[2]);
        n[result.outcome() == Differential.Outcome.RAN ? 0 : 1]++;
        if (result.outcome() == Differential.Outcome.REFUSED) {
            String reason = Differential.tflmReason(report);
            Set<String> w = words.computeIfAbsent(op, o -> new LinkedHashSet<>());
            if (reason != null && w.size() < MAX_WORDS) {
                w.add(reason.replaceAll("\\(-?\\d+ != -?\\d+\\)", "(..)"));
            }
        }
    }

    private static String typeKey(String op, Path file) {
        try {
            Model m = ModelReader.open(file);
            Subgraph sg = m.main();
            Operator o = sg.operators().get(0);
            // the data input: TRANSPOSE_CONV's third; SELECT_V2's, SPLIT's, FILL's and EMBEDDING_LOOKUP's second
            int data = op.equals("TRANSPOSE_CONV") ? 2 : List.of("SELECT_V2", "SPLIT", "FILL", "EMBEDDING_LOOKUP")
                    .contains(op) ? 1 : 0;
            String t = sg.tensor(o.input(data)).type().toString();
            if (op.equals("CONV_2D") || op.equals("DEPTHWISE_CONV_2D") || op.equals("FULLY_CONNECTED")
                    || op.equals("TRANSPOSE_CONV")) {
                t += "/" + sg.tensor(o.input(1)).type();
            }
            return t;
        } catch (IOException | RuntimeException | dev.tflmstudio.runtime.model.ModelFormatException e) {
            return "?";
        }
    }

    void write(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("| op | TFLM ran | TFLM refused | TFLM's refusal words seen |");
        lines.add("|---|---|---|---|");
        types.forEach((op, byType) -> {
            List<String> ran = new ArrayList<>();
            List<String> refused = new ArrayList<>();
            byType.forEach((t, n) -> {
                if (n[0] > 0) {
                    ran.add(t);
                }
                if (n[0] == 0 && n[1] > 0) {
                    refused.add(t);
                }
            });
            lines.add("| " + op + " | " + String.join(", ", ran) + " | " + String.join(", ", refused) + " | "
                    + String.join("<br>", words.getOrDefault(op, Set.of())).replace("|", "\\|") + " |");
        });
        Files.write(file, lines);
    }
}
