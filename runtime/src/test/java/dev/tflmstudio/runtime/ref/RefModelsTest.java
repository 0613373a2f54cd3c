package dev.tflmstudio.runtime.ref;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.tflmstudio.runtime.input.PatternInput;
import dev.tflmstudio.runtime.interpreter.Session;
import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.kernels.KernelRegistry;
import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.model.ModelFormatException;
import dev.tflmstudio.runtime.model.Operator;
import dev.tflmstudio.runtime.model.Subgraph;
import dev.tflmstudio.runtime.tflite.ModelReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every reference model with the {@code pattern} input and compares, exactly, every op's output FNV-1a-32
 * right after the op and every output value with what TFLM computed. Models TFLM refused must be refused at the
 * same stage; the arena head our plan lays out must equal TFLM's. Models using an op this runtime has no kernel for yet are skipped (assumption), not failed.
 * Restrict with {@code -Dref.filter=abs_}.
 */
class RefModelsTest {

    static Stream<Arguments> refs() {
        List<Path> all = RefModels.all();
        if (all.isEmpty()) {
            return Stream.of(Arguments.of("no reference runs (tflm.shared unset)", null));
        }
        Path root = RefModels.shared().resolve("ref");
        return all.stream().map(p -> Arguments.of(root.relativize(p).toString(), p));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refs")
    void matchesTflmExactly(String name, Path refFile) throws Exception {
        Assumptions.assumeTrue(refFile != null, "tflm.shared is not set");
        RefRun ref = RefRun.parse(refFile);
        Model model;
        try {
            model = ModelReader.open(RefModels.modelOf(ref));
        } catch (ModelFormatException e) {
            Assumptions.assumeTrue(false, "model reader: " + e.getMessage());
            return;
        }
        Subgraph main = model.main();
        List<String> missing = main.operators().stream()
                .filter(op -> KernelRegistry.standard().find(op.code()) == null)
                .map(Operator::opName).distinct().toList();
        if (!missing.isEmpty() && ref.failStage() != KernelException.Stage.REGISTRATION) {
            Assumptions.assumeTrue(false, "no kernel yet for " + missing);
        }

        Session session;
        try {
            session = Session.allocate(model);
        } catch (KernelException e) {
            assertThat(ref.failStage()).as("TFLM ran this model, we refused it: " + e.getMessage())
                    .isNotNull();
            assertThat(e.stage()).as(e.getMessage() + " / TFLM: " + ref.failMessage()).isEqualTo(ref.failStage());
            return;
        }
        if (ref.failStage() == KernelException.Stage.REGISTRATION
                || ref.failStage() == KernelException.Stage.PREPARE) {
            fail("TFLM refused this model at " + ref.failStage() + " (" + ref.failMessage()
                    + ") but we allocated it");
        }
        if (ref.headBytes() >= 0) {
            assertThat(session.layout().headBytes()).as("arena head (activations + our kernels' scratch requests)")
                    .isEqualTo(ref.headBytes());
        }
        for (int i = 0; i < main.inputs().size(); i++) {
            session.setInput(i, PatternInput.bytesFor(main.tensor(main.inputs().get(i))));
        }
        int checked = 0;
        for (int op = 0; op < session.opCount(); op++) {
            try {
                session.step();
            } catch (KernelException e) {
                assertThat(ref.failStage()).as("op " + op + " failed but TFLM ran it: " + e.getMessage())
                        .isEqualTo(KernelException.Stage.INVOKE);
                assertThat(e.opIndex()).as("the op that fails").isEqualTo(failingOp(ref));
                return;
            }
            for (RefRun.OpChecksum c : ref.checksums()) {
                if (c.afterOp() == op && c.fnv1a32() != null) {
                    int ours = session.fnv1a32(c.tensor());
                    if (ours != c.fnv1a32()) {
                        fail(String.format("op %d %s output %d (tensor %d %s%s): fnv1a32 0x%08x, TFLM 0x%08x%s",
                                op, c.op(), c.outIndex(), c.tensor(), c.type(), c.shape(), ours, c.fnv1a32(),
                                firstDifference(session, ref, c.tensor())));
                    }
                    checked++;
                }
            }
        }
        if (ref.failStage() == KernelException.Stage.INVOKE) {
            fail("TFLM refused this model at invoke (" + ref.failMessage() + ") but we ran it");
        }
        assertThat(checked).as("op checksums compared").isEqualTo(ref.checksums().size());
        for (RefRun.Output out : ref.outputs()) {
            assertThat(session.fnv1a32(out.tensor())).as("output " + out.index() + " checksum")
                    .isEqualTo(out.fnv1a32());
            assertValues(session, out);
        }
    }

    private static int failingOp(RefRun ref) {
        return ref.checksums().stream().filter(c -> c.fnv1a32() == null).mapToInt(RefRun.OpChecksum::afterOp)
                .findFirst().orElse(-1);
    }

    /** When the checksum differs and the tensor is a model output, name the first differing element. */
    private static String firstDifference(Session session, RefRun ref, int tensor) {
        for (RefRun.Output out : ref.outputs()) {
            if (out.tensor() == tensor) {
                ByteBuffer b = ByteBuffer.wrap(session.read(tensor).raw()).order(ByteOrder.LITTLE_ENDIAN);
                for (int i = 0; i < out.values().size(); i++) {
                    String ours = format(b, out.type(), i);
                    if (!same(ours, out.values().get(i), out.type())) {
                        return "; first difference at element " + i + ": ours " + ours + ", TFLM "
                                + out.values().get(i);
                    }
                }
            }
        }
        return "";
    }

    private static void assertValues(Session session, RefRun.Output out) {
        ByteBuffer b = ByteBuffer.wrap(session.read(out.tensor()).raw()).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < out.values().size(); i++) {
            String ours = format(b, out.type(), i);
            if (!same(ours, out.values().get(i), out.type())) {
                fail("output " + out.index() + " element " + i + ": ours " + ours + ", TFLM " + out.values().get(i));
            }
        }
    }

    private static String format(ByteBuffer b, String type, int i) {
        return switch (type) {
            case "FLOAT32" -> Float.toString(b.getFloat(4 * i));
            case "INT8" -> Integer.toString(b.get(i));
            case "UINT8" -> Integer.toString(b.get(i) & 0xFF);
            case "BOOL" -> Integer.toString(b.get(i));
            case "INT16" -> Integer.toString(b.getShort(2 * i));
            case "INT32" -> Integer.toString(b.getInt(4 * i));
            case "INT64" -> Long.toString(b.getLong(8 * i));
            default -> "?";
        };
    }

    private static boolean same(String ours, String theirs, String type) {
        if (type.equals("FLOAT32")) {
            float a = Float.parseFloat(ours);
            float t = parseC(theirs);
            return Float.floatToIntBits(a) == Float.floatToIntBits(t);
        }
        if (type.equals("BOOL")) {
            return (ours.equals("0") ? "0" : "1").equals(theirs.equals("0") || theirs.equals("false") ? "0" : "1");
        }
        return ours.equals(theirs);
    }

    private static float parseC(String s) {
        return switch (s.toLowerCase()) {
            case "nan", "-nan" -> Float.NaN;
            case "inf" -> Float.POSITIVE_INFINITY;
            case "-inf" -> Float.NEGATIVE_INFINITY;
            default -> Float.parseFloat(s);
        };
    }
}
