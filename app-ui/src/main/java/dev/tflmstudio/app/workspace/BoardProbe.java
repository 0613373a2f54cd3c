package dev.tflmstudio.app.workspace;

import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.serial.probe.ArenaProof;
import dev.tflmstudio.serial.probe.OpComparison;
import dev.tflmstudio.serial.probe.TensorComparison;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where the board attached through its debug probe is now and what it computed, for the windows that show it beside
 * the local runtime (graph marks, tensor values, arena): one immutable picture, replaced after every probe call.
 *
 * @param model           the model the board was compared with
 * @param server          the GDB server it was reached through
 * @param arena           the board's arena address and its proof
 * @param position        the next op the board runs (0..op count)
 * @param invoke          invokes the board started since attach
 * @param comparisons     this invoke's ops so far, in op order
 * @param firstDivergence the first op of this invoke whose outputs differ, or null
 */
public record BoardProbe(Model model, String server, ArenaProof arena, int position, long invoke,
                         List<OpComparison> comparisons, OpComparison firstDivergence) {
    public BoardProbe {
        comparisons = List.copyOf(comparisons);
    }

    /** The comparison of op {@code op} in this invoke, if the board has run it yet. */
    public Optional<OpComparison> ofOp(int op) {
        return comparisons.stream().filter(c -> c.index() == op).findFirst();
    }

    /** The latest comparison of tensor {@code tensor} (an output of an op run in this invoke), if any. */
    public Optional<TensorComparison> ofTensor(int tensor) {
        for (int i = comparisons.size() - 1; i >= 0; i--) {
            for (TensorComparison t : comparisons.get(i).outputs()) {
                if (t.tensor() == tensor) {
                    return Optional.of(t);
                }
            }
        }
        return Optional.empty();
    }

    /** The arena proof in one line: where the arena is and whether the board's tensor table proves the plan. */
    public String arenaLine() {
        String where = String.format(Locale.ROOT, "arena %s at 0x%08x", arena.symbol(), arena.address());
        return arena.proven() ? where + ": proven (" + arena.tensorsChecked() + " tensors at their planned offsets)"
                : where + ": not proven: " + arena.reason();
    }
}
