package dev.tflmstudio.serial.probe;

/**
 * Where the board's tensor arena is and whether the board's own tensor table proves it holds the opened model as
 * planned: after AllocateTensors, every planned tensor's TfLiteEvalTensor in the tail points at arena start + the
 * planned offset.
 *
 * @param symbol         the arena's symbol as the ELF names it
 * @param address        the arena's first byte on the board
 * @param proven         true when every planned tensor was found at its planned offset (the plan for 32-bit
 *                       targets, reference kernels)
 * @param reason         one line: what was checked, or where the proof failed and how far it got
 * @param tensorsChecked planned tensors found at their planned offsets (all of them when proven)
 */
public record ArenaProof(String symbol, long address, boolean proven, String reason, int tensorsChecked) {
}
