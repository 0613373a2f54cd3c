package dev.tflmstudio.devices;

import java.util.Objects;

/** One named block of RAM or flash on a board, e.g. {@code AXI SRAM} of 512 KiB. */
public record MemoryRegion(String name, long bytes) {
    public MemoryRegion {
        Objects.requireNonNull(name, "name");
        if (bytes <= 0) {
            throw new IllegalArgumentException("region " + name + " must have a positive size, got " + bytes);
        }
    }
}
