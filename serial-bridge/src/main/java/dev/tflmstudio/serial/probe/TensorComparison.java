package dev.tflmstudio.serial.probe;

/**
 * One output tensor of one op as the board computed it beside the local runtime's value for the same input.
 *
 * @param tensor      the tensor's index in subgraph 0
 * @param board       the bytes read from the board's RAM
 * @param local       the bytes the local runtime computed
 * @param maxAbsError the largest absolute difference of the dequantized values (0 when equal)
 */
public record TensorComparison(int tensor, byte[] board, byte[] local, double maxAbsError) {
    /** True when the board's bytes equal the local ones. */
    public boolean equal() {
        return java.util.Arrays.equals(board, local);
    }

    /** FNV-1a-32 of the board's bytes, as TFLM's reference computes it. */
    public int boardFnv1a32() {
        return Fnv1a32.of(board);
    }

    /** FNV-1a-32 of the local bytes. */
    public int localFnv1a32() {
        return Fnv1a32.of(local);
    }
}
