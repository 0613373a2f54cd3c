package dev.tflmstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tflmstudio.runtime.check.InvalidGraphException;
import dev.tflmstudio.runtime.input.PatternInput;
import dev.tflmstudio.runtime.interpreter.Session;
import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.tflite.ModelReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * UNIDIRECTIONAL_SEQUENCE_LSTM's omitted inputs against real TFLM, on the one real LSTM model (tflm-mnist_lstm_int8,
 * edited through {@link FuzzModel}; the runtime's generated sweep has no LSTM): each of the 24 inputs omitted, and
 * the list cut after each. TFLM runs it (we must, to the same output checksum), refuses it in Prepare (we must, in
 * its words) or crashes (we must refuse). Skips without tflm_ref or ../shared.
 */
class LstmOmittedInputsTest {
    @TempDir
    Path tmp;

    @Test
    void everyOmittedLstmInputAsTflm() throws Exception {
        Path shared = Path.of(System.getProperty("tflm.shared", "../shared"));
        Path tool = shared.resolve("tools/tflm-ref/tflm_ref");
        Path src = shared.resolve("models/tflm-mnist_lstm_int8.tflite");
        Assumptions.assumeTrue(Files.isExecutable(tool) && Files.isRegularFile(src),
                "tflm_ref or the LSTM model not found under tflm.shared: skipped");
        FuzzModel base = FuzzModel.of(ModelReader.open(src));
        FuzzModel.Op lstm = base.subgraphs.get(0).ops.stream()
                .filter(o -> "UNIDIRECTIONAL_SEQUENCE_LSTM".equals(o.builtin)).findFirst().orElseThrow();
        int at = base.subgraphs.get(0).ops.indexOf(lstm);
        List<String> differences = new ArrayList<>();
        for (int p = 0; p < lstm.in.size(); p++) {
            for (boolean cut : new boolean[] {false, true}) {
                FuzzModel m = FuzzModel.of(ModelReader.open(src));
                List<Integer> in = m.subgraphs.get(0).ops.get(at).in;
                if (cut) {
                    in.subList(p, in.size()).clear();
                } else {
                    in.set(p, -1);
                }
                String name = (cut ? "inputs from " : "input ") + p + (cut ? " dropped" : " omitted");
                Path f = Files.write(tmp.resolve("lstm_" + p + (cut ? "_cut" : "") + ".tflite"), m.build());
                String d = difference(tflm(tool, f), ours(f));
                if (d != null) {
                    differences.add(name + ": " + d);
                }
            }
        }
        assertThat(differences).as("LSTM inputs omitted, ours against TFLM's").isEmpty();
    }

    /** "ran 0x...", "refused WORDS" or "crashed". */
    private static String tflm(Path tool, Path model) throws Exception {
        Process p = new ProcessBuilder(tool.toString(), model.toString(), "--runs", "1").redirectErrorStream(true)
                .start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() > 1) {
            p.destroyForcibly();
            return "crashed";
        }
        List<String> lines = new String(out, StandardCharsets.ISO_8859_1).lines().toList();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).matches("Node \\S+ \\(number \\d+\\) failed to prepare.*")) {
                return "refused " + lines.get(i - 1).replaceFirst("^tensorflow/\\S+ ", "");
            }
        }
        return lines.stream().filter(l -> l.startsWith("output 0: ")).findFirst()
                .map(l -> "ran " + l.substring(l.indexOf("fnv1a32=") + 8)).orElse("other");
    }

    private static String ours(Path f) {
        try {
            Model model = ModelReader.open(f);
            Session s = Session.allocate(model);
            for (int i = 0; i < model.main().inputs().size(); i++) {
                s.setInput(i, PatternInput.bytesFor(model.main().tensor(model.main().inputs().get(i))));
            }
            s.run();
            return String.format("ran 0x%08x", s.fnv1a32(model.main().outputs().get(0)));
        } catch (KernelException e) {
            return e.stage() == KernelException.Stage.PREPARE
                    ? "refused " + e.getMessage().replaceFirst("^op \\d+ \\S+: ", "") : "failed " + e.getMessage();
        } catch (InvalidGraphException e) {
            return "graph check: " + e.getMessage();
        } catch (Exception e) {
            return "threw " + e;
        }
    }

    private static String difference(String tflm, String ours) {
        if (tflm.equals("crashed")) {
            return ours.startsWith("refused") || ours.startsWith("graph check") ? null : "TFLM crashed, we: " + ours;
        }
        return tflm.equals(ours) ? null : "TFLM " + tflm + ", we " + ours;
    }
}
