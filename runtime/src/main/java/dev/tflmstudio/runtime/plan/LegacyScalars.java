package dev.tflmstudio.runtime.plan;

import dev.tflmstudio.runtime.model.Operator;
import dev.tflmstudio.runtime.model.Shape;
import dev.tflmstudio.runtime.model.Subgraph;
import dev.tflmstudio.runtime.model.Tensor;
import java.util.HashSet;
import java.util.Set;

/**
 * RESHAPE's legacy scalar: an output declared {@code [0]} on a RESHAPE without a shape input stands for a scalar,
 * and TFLM's Prepare ({@code ReshapeOutput}) sets that output's dims to rank 0 in place, before the memory plan. So
 * TFLM plans and runs it as one element, not as the empty tensor the file declares.
 */
public final class LegacyScalars {
    private LegacyScalars() {
    }

    /** The tensors of {@code sg} that TFLM's Prepare turns into scalars. */
    public static Set<Integer> of(Subgraph sg) {
        Set<Integer> scalars = new HashSet<>();
        for (Operator op : sg.operators()) {
            if (op.opName().equals("RESHAPE") && op.inputs().size() == 1 && op.outputs().size() == 1) {
                int out = op.output(0);
                if (out >= 0 && out < sg.tensors().size()) {
                    int[] dims = sg.tensor(out).shape().toArray();
                    if (dims.length == 1 && dims[0] == 0) {
                        scalars.add(out);
                    }
                }
            }
        }
        return scalars;
    }

    /** {@code t} as TFLM sees it after Prepare: a scalar if it is in {@code scalars}, else itself. */
    public static Tensor asPrepared(Tensor t, Set<Integer> scalars) {
        if (!scalars.contains(t.index())) {
            return t;
        }
        return new Tensor(t.index(), t.name(), t.type(), Shape.SCALAR, t.shapeSignature(), t.buffer(), t.variable(),
                t.quantization(), t.sparse(), t.data());
    }
}
