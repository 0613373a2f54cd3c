package dev.tflmstudio.runtime.ref;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tflmstudio.runtime.input.InputSources;
import dev.tflmstudio.runtime.interpreter.Session;
import dev.tflmstudio.runtime.interpreter.TensorSnapshot;
import dev.tflmstudio.runtime.kernels.KernelRegistry;
import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.model.Subgraph;
import dev.tflmstudio.runtime.tflite.ModelReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The seanet single-op models against their own goldens: inputs from {@code <model>_input<i>_<type>.csv}, every
 * output value equal to {@code <model>_golden_<type>.csv}.
 */
class SeanetGoldenTest {

    static Stream<Arguments> models() throws IOException {
        Path shared = RefModels.shared();
        Path dir = shared == null ? null : shared.resolve("models/tflm-seanet");
        if (dir == null || !Files.isDirectory(dir)) {
            return Stream.of(Arguments.of("no seanet models (tflm.shared unset)", null));
        }
        String filter = System.getProperty("ref.filter", "");
        try (Stream<Path> s = Files.walk(dir, 2)) {
            List<Path> models = s.filter(p -> p.toString().endsWith(".tflite"))
                    .filter(p -> filter.isBlank() || List.of(filter.split(",")).stream()
                            .anyMatch(f -> p.toString().contains(f)))
                    .filter(p -> golden(p) != null).sorted().toList();
            return models.stream().map(p -> Arguments.of(dir.relativize(p).toString(), p));
        }
    }

    private static Path golden(Path model) {
        String base = model.getFileName().toString().replace(".tflite", "");
        try (Stream<Path> s = Files.list(model.getParent())) {
            return s.filter(p -> p.getFileName().toString().startsWith(base + "_golden_")).findFirst().orElse(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void outputsEqualTheGolden(String name, Path modelPath) throws Exception {
        Assumptions.assumeTrue(modelPath != null, "tflm.shared is not set");
        Model model = ModelReader.open(modelPath);
        Subgraph main = model.main();
        boolean runnable = main.operators().stream().allMatch(op -> KernelRegistry.standard().find(op.code()) != null);
        Assumptions.assumeTrue(runnable, "no kernel yet for an op of " + name);
        Assumptions.assumeFalse(name.startsWith("sub/"), "known golden difference: the SUB goldens were made with"
                + " multipliers computed in double; TFLM at the reference commit divides the scales in float"
                + " (sub_common.cc), and ref/tflm-seanet/sub/*.txt, which we match exactly, is that TFLM");
        Session session = Session.allocate(model);
        String base = modelPath.getFileName().toString().replace(".tflite", "");
        for (int i = 0; i < main.inputs().size(); i++) {
            int index = i;
            Path csv;
            try (Stream<Path> s = Files.list(modelPath.getParent())) {
                csv = s.filter(p -> p.getFileName().toString().startsWith(base + "_input" + index + "_"))
                        .findFirst().orElseThrow();
            }
            session.setInput(i, InputSources.load(csv.toString(), main.tensor(main.inputs().get(i))));
        }
        session.run();
        String[] expected = Files.readString(golden(modelPath)).trim().split("[,\\s]+");
        TensorSnapshot out = session.read(main.outputs().get(0));
        ByteBuffer b = ByteBuffer.wrap(out.raw()).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(out.elementCount()).isEqualTo(expected.length);
        for (int i = 0; i < expected.length; i++) {
            long ours = switch (out.tensor().type()) {
                case INT8 -> b.get(i);
                case INT16 -> b.getShort(2 * i);
                case INT32 -> b.getInt(4 * i);
                default -> throw new IllegalStateException("unexpected output type " + out.tensor().type());
            };
            assertThat(ours).as("%s element %d", name, i).isEqualTo(Long.parseLong(expected[i]));
        }
    }
}
