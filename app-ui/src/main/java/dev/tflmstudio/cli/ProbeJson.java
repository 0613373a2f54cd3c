package dev.tflmstudio.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tflmstudio.profiler.overlay.BoardOpError;
import dev.tflmstudio.runtime.model.Model;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code profile --probe-json}: what {@code debug --json} wrote (each op the board ran, its outputs compared with the
 * local runtime) as the overlay's board-vs-local error, checked against the model so another model's run is refused.
 */
final class ProbeJson {
    /** Far above a real run's size (a few hundred bytes per op): a bigger file is not one. */
    private static final long MAX_BYTES = 64L << 20;

    private ProbeJson() {
    }

    static List<BoardOpError> read(Path file, Model model) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw bad(file, "no such file");
        }
        if (Files.size(file) > MAX_BYTES) {
            throw bad(file, "not the output of 'debug --json' (" + Files.size(file) + " bytes)");
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw bad(file, "not JSON" + (e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ")"));
        }
        JsonNode ops = root == null ? null : root.get("ops");
        if (ops == null || !ops.isArray()) {
            throw bad(file, "no \"ops\" array: not the output of 'debug --json'");
        }
        int n = model.main().operators().size();
        List<BoardOpError> errors = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (JsonNode op : ops) {
            JsonNode index = op.get("index");
            JsonNode outputs = op.get("outputs");
            if (index == null || !index.canConvertToInt() || outputs == null || !outputs.isArray()) {
                throw bad(file, "ops[" + errors.size() + "] has no index or outputs");
            }
            int i = index.asInt();
            if (i < 0 || i >= n || !seen.add(i)) {
                throw bad(file, "op " + i + (i < 0 || i >= n ? " is not an op of the model (0.." + (n - 1) + ")"
                        : " appears twice"));
            }
            String expected = model.main().operator(i).opName();
            if (!expected.equals(op.path("opcode").asText())) {
                throw bad(file, "op " + i + " is " + op.path("opcode").asText() + ", the model's " + expected
                        + ": a run of another model");
            }
            double max = 0;
            boolean equal = true;
            for (JsonNode t : outputs) {
                JsonNode error = t.get("maxAbsError");
                JsonNode eq = t.get("equal");
                if (error == null || !error.isNumber() || eq == null || !eq.isBoolean()) {
                    throw bad(file, "op " + i + ": an output without maxAbsError or equal");
                }
                max = Math.max(max, error.asDouble());
                equal &= eq.asBoolean();
            }
            errors.add(new BoardOpError(i, max, equal));
        }
        if (errors.isEmpty()) {
            throw bad(file, "no op was compared");
        }
        return errors;
    }

    private static CliException bad(Path file, String what) {
        return new CliException(ExitCode.INVALID_INPUT, "--probe-json " + file + ": " + what);
    }
}
