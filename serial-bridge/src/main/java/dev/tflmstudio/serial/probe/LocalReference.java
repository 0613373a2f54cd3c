package dev.tflmstudio.serial.probe;

import dev.tflmstudio.runtime.interpreter.Session;
import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.model.Operator;
import java.util.ArrayList;
import java.util.List;

/** The local runtime run on the input the board used: every op's output bytes, for the comparison. */
final class LocalReference {
    private final Session session;
    private final List<List<byte[]>> outputs = new ArrayList<>();

    private LocalReference(Session session) {
        this.session = session;
    }

    static LocalReference of(Model model) throws ProbeException {
        try {
            return new LocalReference(Session.allocate(model));
        } catch (KernelException e) {
            throw new ProbeException(ProbeException.Kind.INPUT, "the local runtime cannot run the model: "
                    + e.getMessage(), e);
        }
    }

    /** Runs one whole invoke on these inputs (in the model's input order) and keeps each op's outputs. */
    void invoke(List<byte[]> inputs) throws ProbeException {
        for (int i = 0; i < inputs.size(); i++) {
            session.setInput(i, inputs.get(i));
        }
        outputs.clear();
        try {
            if (session.position() != 0 && !session.atEnd()) {
                session.run();
            }
            do {
                int op = session.step();
                Operator o = session.model().main().operator(op);
                List<byte[]> bytes = new ArrayList<>();
                for (int t : o.outputs()) {
                    bytes.add(session.tensor(t).copyBytes());
                }
                outputs.add(bytes);
            } while (!session.atEnd());
        } catch (KernelException e) {
            throw new ProbeException(ProbeException.Kind.INPUT, "the local runtime failed: " + e.getMessage(), e);
        }
    }

    /** Output {@code n} of op {@code op} in the last invoke. */
    byte[] output(int op, int n) {
        return outputs.get(op).get(n);
    }
}
