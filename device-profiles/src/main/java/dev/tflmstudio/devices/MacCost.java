package dev.tflmstudio.devices;

import java.util.Objects;

/**
 * Typical core cycles per multiply-accumulate of TFLM's reference kernels (no CMSIS-NN, ESP-NN or other optimized
 * library) on this board, for int8 and float32 convolutions and fully connected layers.
 *
 * @param estimated true when the figures are derived rather than measured on the board
 * @param basis     how the figures were obtained, shown next to every estimate made from them
 */
public record MacCost(double int8, double float32, boolean estimated, String basis) {
    public MacCost {
        if (!(int8 > 0) || !(float32 > 0)) {
            throw new IllegalArgumentException("cycles per MAC must be positive: " + int8 + ", " + float32);
        }
        Objects.requireNonNull(basis, "basis");
    }
}
