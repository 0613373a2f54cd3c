package dev.tflmstudio.profiler.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.tflmstudio.runtime.io.AtomicFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Saves runs to JSON and loads them back. Writes go to a temporary file beside the target and are renamed over it,
 * so a crash never leaves a half-written run. Loading reports a bad file in one line naming the file and the field.
 */
public final class RunFiles {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final List<String> REQUIRED = List.of("format", "model", "source", "invocations", "ops");
    private static final List<String> REQUIRED_OP = List.of("index", "opName", "stats");

    private RunFiles() {
    }

    /** The run as the JSON text {@link #save} writes. */
    public static String toJson(Run run) {
        try {
            return MAPPER.writeValueAsString(run);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a run always serializes", e);
        }
    }

    /** Writes {@code run} to {@code file} atomically (temp file in the same folder, then rename). */
    public static void save(Run run, Path file) throws IOException {
        AtomicFile.write(file, toJson(run) + "\n");
    }

    public static Run load(Path file) throws IOException, RunFormatException {
        return parse(Files.readString(file), file.toString());
    }

    /** Reads a run from JSON text; {@code where} names the text's origin in error messages. */
    public static Run parse(String json, String where) throws RunFormatException {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new RunFormatException(where + ": not valid JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new RunFormatException(where + ": not a run file (expected a JSON object)");
        }
        requireFields(root, REQUIRED, where);
        if (root.get("format").asInt() > Run.FORMAT) {
            throw new RunFormatException(where + ": run format " + root.get("format").asInt()
                    + " is newer than this version reads (" + Run.FORMAT + ")");
        }
        JsonNode ops = root.get("ops");
        if (!ops.isArray()) {
            throw new RunFormatException(where + ": field 'ops' must be an array");
        }
        for (int i = 0; i < ops.size(); i++) {
            requireFields(ops.get(i), REQUIRED_OP, where + ": ops[" + i + "]");
        }
        try {
            return MAPPER.treeToValue(root, Run.class);
        } catch (MismatchedInputException e) {
            String path = e.getPath().isEmpty() ? "?" : fieldPath(e);
            throw new RunFormatException(where + ": field '" + path + "' has the wrong type");
        } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
            throw new RunFormatException(where + ": not a run file: " + e.getMessage().lines().findFirst()
                    .orElse(""));
        }
    }

    private static void requireFields(JsonNode node, List<String> fields, String where) throws RunFormatException {
        if (!node.isObject()) {
            throw new RunFormatException(where + ": expected a JSON object");
        }
        for (String f : fields) {
            if (!node.hasNonNull(f)) {
                throw new RunFormatException(where + ": field '" + f + "' is missing");
            }
        }
    }

    private static String fieldPath(MismatchedInputException e) {
        StringBuilder sb = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }
}
