package dev.tflmstudio.runtime.fidelity;

import dev.tflmstudio.runtime.input.PatternInput;
import dev.tflmstudio.runtime.interpreter.Session;
import dev.tflmstudio.runtime.kernels.TensorData;
import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.model.Subgraph;
import dev.tflmstudio.runtime.tflite.ModelReader;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class DebugCaseTest {
    @Test
    void printOutputs() throws Exception {
        String f = System.getProperty("case");
        Assumptions.assumeTrue(f != null);
        Model model = ModelReader.open(Path.of(f));
        Subgraph main = model.main();
        Session s = Session.allocate(model);
        for (int i = 0; i < main.inputs().size(); i++) {
            s.setInput(i, PatternInput.bytesFor(main.tensor(main.inputs().get(i))));
        }
        s.run();
        for (int o : main.outputs()) {
            TensorData t = s.tensor(o);
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < t.elementCount(); i++) {
                b.append(switch (t.type()) {
                    case INT8 -> String.valueOf(t.getInt8(i));
                    case INT16 -> String.valueOf(t.getInt16(i));
                    case INT32 -> String.valueOf(t.getInt32(i));
                    case FLOAT32 -> String.valueOf(t.getFloat32(i));
                    default -> String.valueOf(t.getUint8(i));
                }).append(',');
            }
            System.out.println("OURS " + b);
        }
    }
}
