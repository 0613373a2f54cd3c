package dev.tflmstudio.serial.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tflmstudio.serial.qemu.QemuBoard;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The arena and the profiler functions found in the firmware's symbol table. */
class FirmwareSymbolsTest {
    @Test
    void demanglesTheNamesTflmFirmwareUses() {
        assertThat(FirmwareSymbols.demangle("_ZN12_GLOBAL__N_17g_arenaE")).isEqualTo("(anonymous namespace)::g_arena");
        assertThat(FirmwareSymbols.demangle("_ZN6tflite13MicroProfiler10BeginEventEPKc"))
                .isEqualTo("tflite::MicroProfiler::BeginEvent");
        assertThat(FirmwareSymbols.demangle("_ZL12tensor_arena")).isEqualTo("tensor_arena");
        assertThat(FirmwareSymbols.demangle("tensor_arena")).isEqualTo("tensor_arena");
        assertThat(FirmwareSymbols.demangle("_ZN3foo")).isEqualTo("_ZN3foo");
    }

    @Test
    void findsTheArenaOfTheReferenceFirmware() throws Exception {
        FirmwareSymbols s = FirmwareSymbols.read(QemuBoard.firmware("person_detect_reference.elf"));
        FirmwareSymbols.DataObject arena = s.arena(null);
        assertThat(arena.name()).isEqualTo("(anonymous namespace)::g_arena");
        assertThat(arena.address()).isEqualTo(0x20014be0L);
        assertThat(arena.size()).isEqualTo(256 * 1024);
        assertThat(s.hasFunction(BoardDebugger.BEGIN)).isTrue();
        assertThat(s.hasFunction(BoardDebugger.END)).isTrue();
        assertThatThrownBy(() -> s.arena("nope")).isInstanceOf(ProbeException.class)
                .hasMessageStartingWith("no data object 'nope' in ");
    }

    @Test
    void notAnElfIsBadInput(@TempDir Path dir) throws Exception {
        Path text = Files.writeString(dir.resolve("x.elf"), "hello");
        assertThatThrownBy(() -> FirmwareSymbols.read(text)).isInstanceOfSatisfying(ProbeException.class,
                e -> assertThat(e.kind()).isEqualTo(ProbeException.Kind.INPUT));
        assertThatThrownBy(() -> FirmwareSymbols.read(dir.resolve("missing.elf")))
                .hasMessageStartingWith("no such firmware file: ");
    }
}
