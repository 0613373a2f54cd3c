package dev.tflmstudio.profiler.divergence;

import dev.tflmstudio.runtime.interpreter.Session;
import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.model.Operator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs a model once on TFLM Studio's runtime and records each op's first output right after the op ran (values
 * dequantized, plus the raw bytes' FNV-1a), before later ops can reuse its memory.
 */
public final class LocalTrace {
    private LocalTrace() {
    }

    /** Traces {@code model} on the reference input pattern. */
    public static TensorTrace capture(Model model) throws KernelException {
        return capture(model, TraceInputs.pattern(model));
    }

    /** Traces {@code model} on the given raw inputs (one array per subgraph input, see {@link TraceInputs}). */
    public static TensorTrace capture(Model model, List<byte[]> inputs) throws KernelException {
        Session session = Session.allocate(model);
        for (int i = 0; i < inputs.size(); i++) {
            session.setInput(i, inputs.get(i));
        }
        List<TraceEntry> entries = new ArrayList<>();
        for (Operator op : model.main().operators()) {
            session.step();
            int out = op.output(0);
            float[] values = session.read(out).dequantized();
            String fnv = String.format(Locale.ROOT, "0x%08x", session.fnv1a32(out));
            entries.add(new TraceEntry(op.index(), op.opName(), model.main().tensor(out).name(), values, fnv));
        }
        return new TensorTrace("TFLM Studio runtime (" + model.source() + ")", entries);
    }
}
