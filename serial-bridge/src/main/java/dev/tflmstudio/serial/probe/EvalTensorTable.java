package dev.tflmstudio.serial.probe;

/**
 * Finds TFLM's TfLiteEvalTensor array in bytes read from the arena's tail and proves the arena with it. On 32-bit
 * targets each entry is {@code {data pointer, dims pointer, type}}, 12 bytes (TFLM @ 90b983c2, c/common.h; the type
 * is a short enum, padded), one per tensor of subgraph 0 in tensor order, allocated by AllocateTfLiteEvalTensors in
 * the tail. Where in the tail depends on the kernels and the TFLM version, so the array is found by its content:
 * the one place where, for every tensor, the dims pointer is set, every tensor the plan puts in the arena points
 * into the arena and every constant points outside it. The proof then compares each planned tensor's data pointer
 * with arena start + planned offset.
 */
final class EvalTensorTable {
    static final int ENTRY_BYTES = 12;

    /** What was found: the tensors' addresses on the board (0 where not read) and the proof. */
    record Found(long[] addresses, ArenaProof proof) {
    }

    private EvalTensorTable() {
    }

    /**
     * Finds the table in {@code tail} (bytes read at {@code tailAddress}) and proves the arena.
     *
     * @param offsets  per tensor of subgraph 0: its planned offset, or -1 when the plan gives it none
     * @param constant per tensor: true for constants (their data stays in the model, outside the arena)
     */
    static Found find(String symbol, long arena, long arenaEnd, byte[] tail, long tailAddress, int[] offsets,
                      boolean[] constant) {
        int n = offsets.length;
        int planned = 0;
        for (int offset : offsets) {
            planned += offset >= 0 ? 1 : 0;
        }
        int best = -1;
        int bestMatched = -1;
        for (int s = 0; s + (long) n * ENTRY_BYTES <= tail.length; s += 4) {
            if (!plausible(tail, s, arena, arenaEnd, offsets, constant)) {
                continue;
            }
            int matched = matched(tail, s, arena, offsets);
            if (matched > bestMatched) {
                best = s;
                bestMatched = matched;
            }
        }
        if (best < 0) {
            return new Found(null, new ArenaProof(symbol, arena, false, String.format(
                    "no TfLiteEvalTensor table for this model's %d tensors in the arena's tail: another model or"
                            + " another TFLM version is flashed (0 of %d planned tensors checked)", n, planned), 0));
        }
        long[] addresses = new long[n];
        int firstBad = -1;
        for (int t = 0; t < n; t++) {
            addresses[t] = word(tail, best + t * ENTRY_BYTES);
            if (offsets[t] >= 0 && addresses[t] != arena + offsets[t] && firstBad < 0) {
                firstBad = t;
            }
        }
        long table = tailAddress + best;
        if (firstBad < 0) {
            return new Found(addresses, new ArenaProof(symbol, arena, true, String.format(
                    "all %d planned tensors are at their planned offsets (TfLiteEvalTensor table at 0x%08x)",
                    planned, table), planned));
        }
        return new Found(addresses, new ArenaProof(symbol, arena, false, String.format(
                "%d of %d planned tensors are at their planned offsets; tensor %d is at +0x%x on the board, planned"
                        + " at +0x%x (the firmware's kernels plan other scratch buffers, e.g. CMSIS-NN; the board's"
                        + " own addresses are used)", bestMatched, planned, firstBad, addresses[firstBad] - arena,
                offsets[firstBad]), bestMatched));
    }

    private static boolean plausible(byte[] tail, int s, long arena, long arenaEnd, int[] offsets,
                                     boolean[] constant) {
        for (int t = 0; t < offsets.length; t++) {
            int at = s + t * ENTRY_BYTES;
            long data = word(tail, at);
            if (word(tail, at + 4) == 0) {
                return false;
            }
            boolean inArena = data >= arena && data < arenaEnd;
            if (offsets[t] >= 0 && !inArena || constant[t] && (inArena || data == 0)) {
                return false;
            }
        }
        return true;
    }

    private static int matched(byte[] tail, int s, long arena, int[] offsets) {
        int n = 0;
        for (int t = 0; t < offsets.length; t++) {
            if (offsets[t] >= 0 && word(tail, s + t * ENTRY_BYTES) == arena + offsets[t]) {
                n++;
            }
        }
        return n;
    }

    static long word(byte[] b, int at) {
        return (b[at] & 0xffL) | (b[at + 1] & 0xffL) << 8 | (b[at + 2] & 0xffL) << 16 | (b[at + 3] & 0xffL) << 24;
    }
}
