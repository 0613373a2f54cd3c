package dev.tflmstudio.runtime.interpreter;

import dev.tflmstudio.runtime.model.Operator;

/**
 * Where {@link Session#resume()} stops: before an op with this index, before every op of this type, or before the
 * first op that reads or writes this tensor.
 */
public sealed interface Breakpoint {
    boolean matches(Operator op);

    record AtOp(int opIndex) implements Breakpoint {
        @Override
        public boolean matches(Operator op) {
            return op.index() == opIndex;
        }
    }

    record OnOpType(String opName) implements Breakpoint {
        @Override
        public boolean matches(Operator op) {
            return op.opName().equalsIgnoreCase(opName);
        }
    }

    record OnTensor(int tensor) implements Breakpoint {
        @Override
        public boolean matches(Operator op) {
            return op.inputs().contains(tensor) || op.outputs().contains(tensor);
        }
    }
}
