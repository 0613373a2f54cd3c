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

    /** Parses {@code 12} (op index), {@code CONV_2D} (op type) or {@code t:5} (tensor 5). */
    static Breakpoint parse(String text) {
        String s = text.trim();
        if (s.startsWith("t:") || s.startsWith("tensor:")) {
            return new OnTensor(Integer.parseInt(s.substring(s.indexOf(':') + 1)));
        }
        if (!s.isEmpty() && s.chars().allMatch(Character::isDigit)) {
            return new AtOp(Integer.parseInt(s));
        }
        return new OnOpType(s);
    }
}
