package dev.tflmstudio.serial.probe;

import java.util.List;

/**
 * Finds TFLM's TfLiteEvalTensor array in bytes read from the arena's tail and proves the arena with it. On 32-bit
 * targets each entry is {@code {data pointer, dims pointer, type}}, 12 bytes (TFLM @ 90b983c2, common.h; the type
 * is a short enum, padded), one per tensor of subgraph 0 in tensor order, allocated by AllocateTfLiteEvalTensors
 * in the tail. Its place in the tail depends on the kernels and TFLM version, so it is found by content: the one
 * position where a planned tensor's data pointer is arena start + planned offset, then checked entry by entry.
 */
final class EvalTensorTable {
    static final int ENTRY_BYTES = 12;

    /** A tensor the plan puts in the arena head: index in subgraph 0 and offset from the arena start. */
    record Planned(int tensor, int offset) {
    }

    private EvalTensorTable() {
    }

    /**
     * Proves the arena from {@code tail} (bytes read at {@code tailAddress}).
     *
     * @param tensorCount tensors of subgraph 0 (entries of the array)
     * @param planned     planned tensors, in tensor order
     */
    static ArenaProof prove(String symbol, long arena, byte[] tail, long tailAddress, int tensorCount,
                            List<Planned> planned) {
        if (planned.isEmpty()) {
            return new ArenaProof(symbol, arena, false, "the model plans no tensor in the arena: nothing to prove", 0);
        }
        Planned anchor = planned.get(0);
        long want = arena + anchor.offset();
        long bestStart = -1;
        int bestMatched = -1;
        for (int p = 0; p + 4 <= tail.length; p += 4) {
            if (word(tail, p) != want) {
                continue;
            }
            int start = p - anchor.tensor() * ENTRY_BYTES;
            if (start < 0 || start + (long) tensorCount * ENTRY_BYTES > tail.length) {
                continue;
            }
            int matched = matchedBeforeMismatch(tail, start, arena, planned);
            if (matched > bestMatched) {
                bestMatched = matched;
                bestStart = start;
            }
        }
        if (bestStart < 0) {
            return new ArenaProof(symbol, arena, false, String.format(
                    "no TfLiteEvalTensor table of %d tensors in the arena's tail points tensor %d at arena+0x%x"
                            + " as planned: another model, other kernels or another TFLM version is flashed"
                            + " (0 of %d planned tensors checked)", tensorCount, anchor.tensor(), anchor.offset(),
                    planned.size()), 0);
        }
        long tableAddress = tailAddress + bestStart;
        if (bestMatched == planned.size()) {
            return new ArenaProof(symbol, arena, true, String.format(
                    "all %d planned tensors are at their planned offsets (TfLiteEvalTensor table at 0x%x, tail"
                            + " +%d)", planned.size(), tableAddress, tableAddress - arena), planned.size());
        }
        Planned bad = planned.get(bestMatched);
        long got = word(tail, (int) bestStart + bad.tensor() * ENTRY_BYTES);
        return new ArenaProof(symbol, arena, false, String.format(
                "tensor %d is at arena+0x%x on the board, planned at +0x%x: the flashed model or kernels differ"
                        + " (%d of %d planned tensors matched first)", bad.tensor(), got - arena, bad.offset(),
                bestMatched, planned.size()), bestMatched);
    }

    private static int matchedBeforeMismatch(byte[] tail, int start, long arena, List<Planned> planned) {
        int n = 0;
        for (Planned t : planned) {
            int at = start + t.tensor() * ENTRY_BYTES;
            if (word(tail, at) != arena + t.offset() || word(tail, at + 4) == 0) {
                break;
            }
            n++;
        }
        return n;
    }

    static long word(byte[] b, int at) {
        return (b[at] & 0xffL) | (b[at + 1] & 0xffL) << 8 | (b[at + 2] & 0xffL) << 16 | (b[at + 3] & 0xffL) << 24;
    }
}
