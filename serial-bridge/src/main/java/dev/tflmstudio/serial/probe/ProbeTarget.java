package dev.tflmstudio.serial.probe;

import java.nio.file.Path;

/**
 * Where the board's debug probe is and what runs on it: a GDB server ({@code host:port}: OpenOCD, pyOCD, J-Link GDB
 * Server, ST-LINK gdbserver, probe-rs or QEMU), the firmware ELF with symbols, and the GDB to drive it.
 *
 * @param gdbServer   {@code HOST:PORT} of the GDB server ({@code target extended-remote})
 * @param elf         the firmware the board runs, with symbols
 * @param arenaSymbol the tensor arena's symbol, or null to find it
 * @param gdb         the GDB executable ({@code gdb-multiarch}, {@code arm-none-eabi-gdb}, a path), or null to look on PATH
 */
public record ProbeTarget(String gdbServer, Path elf, String arenaSymbol, String gdb) {
}
