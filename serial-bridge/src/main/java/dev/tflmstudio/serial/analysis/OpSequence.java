package dev.tflmstudio.serial.analysis;

import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.model.Operator;
import java.util.List;
import java.util.Set;

/**
 * The op names a board's profiler prints for one invocation of a model, in execution order: what its events are
 * mapped against. TFLM emits one event per op of subgraph 0 in order, but also one per op run inside IF/WHILE
 * bodies, so for models with control flow the sequence depends on data and cannot be predicted ({@link #of} says so
 * through {@link #unpredictableReason()}).
 *
 * @param tags                the expected op names (empty when unpredictable)
 * @param source              where the expectation comes from, for messages ("model foo.tflite")
 * @param unpredictableReason why no sequence can be given, or null
 */
public record OpSequence(List<String> tags, String source, String unpredictableReason) {
    private static final Set<String> CONTROL_FLOW = Set.of("IF", "WHILE", "CALL_ONCE");

    public OpSequence {
        tags = List.copyOf(tags);
    }

    /** An explicit expectation (tests, a sequence the user typed). */
    public static OpSequence of(List<String> tags, String source) {
        return new OpSequence(tags, source, null);
    }

    /** The sequence a stock TFLM build prints for one {@code Invoke()} of {@code model}. */
    public static OpSequence of(Model model) {
        List<Operator> operators = model.main().operators();
        for (Operator op : operators) {
            if (CONTROL_FLOW.contains(op.opName())) {
                return new OpSequence(List.of(), model.source(), "the model runs " + op.opName()
                        + " (op " + op.index() + "), so the ops the board profiles depend on the data");
            }
        }
        return new OpSequence(operators.stream().map(Operator::opName).toList(), model.source(), null);
    }

    public boolean predictable() {
        return unpredictableReason == null;
    }

    public int size() {
        return tags.size();
    }
}
