package dev.tflmstudio.serial.probe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import net.fornwall.jelf.ElfFile;
import net.fornwall.jelf.ElfSymbol;
import net.fornwall.jelf.ElfSymbolTableSection;

/**
 * The firmware's symbol table, read from the ELF (jelf): data objects (to find the tensor arena) and whether the
 * functions the debugger stops on are there. Names are shown demangled for the nested-name forms TFLM code uses.
 */
final class FirmwareSymbols {
    /** A data object: its name as a user writes it, address and size. */
    record DataObject(String name, long address, long size) {
    }

    /** The arena names stock TFLM examples use, best first. */
    private static final List<String> ARENA_NAMES = List.of("tensor_arena", "g_arena", "(anonymous namespace)::g_arena",
            "(anonymous namespace)::tensor_arena");
    /** A data object named like an arena must be at least this large to be taken for one. */
    private static final long MIN_ARENA_BYTES = 1024;

    private final Path elf;
    private final List<DataObject> objects;
    private final List<String> functions;

    private FirmwareSymbols(Path elf, List<DataObject> objects, List<String> functions) {
        this.elf = elf;
        this.objects = objects;
        this.functions = functions;
    }

    /** Reads the symbol table; a missing, non-ELF or stripped file is bad input. */
    static FirmwareSymbols read(Path elf) throws ProbeException {
        if (!Files.isRegularFile(elf)) {
            throw new ProbeException(ProbeException.Kind.INPUT, "no such firmware file: " + elf);
        }
        ElfFile file;
        try {
            file = ElfFile.from(elf);
        } catch (IOException | RuntimeException e) {
            throw new ProbeException(ProbeException.Kind.INPUT, elf + " is not an ELF file", e);
        }
        List<DataObject> objects = new ArrayList<>();
        List<String> functions = new ArrayList<>();
        try {
            ElfSymbolTableSection table = file.getSymbolTableSection();
            if (table == null || table.symbols.length <= 1) {
                throw new ProbeException(ProbeException.Kind.INPUT, elf
                        + " has no symbol table (stripped?): give the firmware ELF the build made, with symbols");
            }
            for (ElfSymbol s : table.symbols) {
                String name = s.getName();
                if (name == null || name.isEmpty()) {
                    continue;
                }
                if (s.getType() == ElfSymbol.STT_OBJECT && s.st_size > 0) {
                    objects.add(new DataObject(demangle(name), s.st_value, s.st_size));
                } else if (s.getType() == ElfSymbol.STT_FUNC) {
                    functions.add(demangle(name));
                }
            }
        } catch (RuntimeException e) {
            throw new ProbeException(ProbeException.Kind.INPUT, elf + ": broken symbol table (" + e.getMessage() + ")",
                    e);
        }
        return new FirmwareSymbols(elf, objects, functions);
    }

    /**
     * The tensor arena: {@code symbol} when given, else the first of the names stock examples use, else the largest
     * data object whose name contains "arena".
     */
    DataObject arena(String symbol) throws ProbeException {
        if (symbol != null) {
            return find(symbol).orElseThrow(() -> new ProbeException(ProbeException.Kind.INPUT,
                    "no data object '" + symbol + "' in " + elf));
        }
        for (String name : ARENA_NAMES) {
            Optional<DataObject> o = find(name).filter(d -> d.size() >= MIN_ARENA_BYTES);
            if (o.isPresent()) {
                return o.get();
            }
        }
        return objects.stream()
                .filter(o -> o.name().toLowerCase(Locale.ROOT).contains("arena") && o.size() >= MIN_ARENA_BYTES)
                .max(Comparator.comparingLong(DataObject::size))
                .orElseThrow(() -> new ProbeException(ProbeException.Kind.INPUT, "no tensor arena in " + elf
                        + " (no data object named like tensor_arena or g_arena): give its name with --arena-symbol"));
    }

    private Optional<DataObject> find(String name) {
        return objects.stream().filter(o -> o.name().equals(name)).findFirst();
    }

    /** True when a function of this (demangled, without parameters) name is in the firmware. */
    boolean hasFunction(String qualifiedName) {
        return functions.stream().anyMatch(f -> f.equals(qualifiedName));
    }

    /**
     * Demangles the Itanium nested names ({@code _ZN...E}) and internal names ({@code _ZL...}) of data objects and
     * functions far enough to name them as GDB and users do ({@code (anonymous namespace)::g_arena},
     * {@code tflite::MicroProfiler::BeginEvent}); parameters are dropped. Anything else is returned as it is.
     */
    static String demangle(String mangled) {
        if (!mangled.startsWith("_Z")) {
            return mangled;
        }
        int at = 2;
        boolean nested = false;
        if (mangled.startsWith("_ZN", 0)) {
            nested = true;
            at = 3;
            while (at < mangled.length() && "rVKRO".indexOf(mangled.charAt(at)) >= 0) {
                at++;
            }
        } else if (mangled.startsWith("_ZL")) {
            at = 3;
        }
        List<String> parts = new ArrayList<>();
        while (at < mangled.length() && Character.isDigit(mangled.charAt(at))) {
            int start = at;
            while (at < mangled.length() && Character.isDigit(mangled.charAt(at))) {
                at++;
            }
            int length = Integer.parseInt(mangled.substring(start, at));
            if (at + length > mangled.length()) {
                return mangled;
            }
            String part = mangled.substring(at, at + length);
            parts.add(part.startsWith("_GLOBAL__N") ? "(anonymous namespace)" : part);
            at += length;
            if (!nested) {
                break;
            }
        }
        if (parts.isEmpty() || (nested && (at >= mangled.length() || mangled.charAt(at) != 'E'))) {
            return mangled;
        }
        return String.join("::", parts);
    }
}
