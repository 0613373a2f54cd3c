package dev.tflmstudio.runtime.tflite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.model.Operator;
import dev.tflmstudio.runtime.model.Subgraph;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every shared model opens, and its structure reads exactly as TFLM printed it in the reference run. */
class ModelReaderReferenceTest {

    static Stream<Path> models() {
        return SharedModels.allModels().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void structureMatchesReference(Path modelPath) throws Exception {
        Model model = ModelReader.open(modelPath);
        assertThat(model.subgraphs()).isNotEmpty();
        Path ref = SharedModels.referenceFor(modelPath);
        Assumptions.assumeTrue(ref != null, "no reference run for " + modelPath.getFileName());

        List<String> expected = structureBlock(Files.readAllLines(ref));
        assertThat(describe(model)).containsExactlyElementsOf(expected);
    }

    /** The lines of the MODEL STRUCTURE block, without the header and the num_ops_total line. */
    static List<String> structureBlock(List<String> lines) {
        List<String> block = new ArrayList<>();
        boolean in = false;
        for (String line : lines) {
            if (line.startsWith("=== MODEL STRUCTURE")) {
                in = true;
            } else if (in && (line.startsWith("num_ops_total") || line.startsWith("==="))) {
                break;
            } else if (in && !line.isBlank()) {
                block.add(line);
            }
        }
        return block;
    }

    /** Our model in the reference's format. */
    static List<String> describe(Model model) {
        List<String> out = new ArrayList<>();
        out.add("subgraphs: " + model.subgraphs().size());
        for (Subgraph sg : model.subgraphs()) {
            out.add("subgraph " + sg.index() + ": tensors=" + sg.tensors().size() + " ops=" + sg.operators().size()
                    + " inputs=" + list(sg.inputs()) + " outputs=" + list(sg.outputs()));
            for (Operator op : sg.operators()) {
                out.add("  op " + op.index() + ": " + op.opName() + " in=" + list(op.inputs()) + " out="
                        + list(op.outputs()));
            }
        }
        return out;
    }

    private static String list(List<Integer> l) {
        return l.stream().map(String::valueOf).collect(Collectors.joining(",", "[", "]"));
    }
}
