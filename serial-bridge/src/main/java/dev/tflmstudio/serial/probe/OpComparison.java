package dev.tflmstudio.serial.probe;

import java.util.List;

/**
 * One op of subgraph 0 run on the board: its outputs read from the board and compared with the local runtime.
 *
 * @param index   the op's position in execution order
 * @param opcode  the op's name, e.g. {@code CONV_2D}
 * @param outputs one comparison per output tensor
 */
public record OpComparison(int index, String opcode, List<TensorComparison> outputs) {
    /** True when every output equals the local runtime's bytes. */
    public boolean equal() {
        return outputs.stream().allMatch(TensorComparison::equal);
    }
}
