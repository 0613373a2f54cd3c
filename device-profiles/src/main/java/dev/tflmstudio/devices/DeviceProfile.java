package dev.tflmstudio.devices;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What TFLM Studio knows about one board: its core, clock, memories, USB ids and cost figures. Loaded from one JSON
 * file (see {@code boards/device-profile.schema.json}); built-in profiles ship in this module, users add their own.
 *
 * @param id                           kebab-case key, e.g. {@code arduino-nano-33-ble-sense}
 * @param mcu                          the chip on the board, e.g. {@code Nordic nRF52840}
 * @param core                         the CPU core that runs TFLM, e.g. {@code Cortex-M4F}
 * @param architecture                 the instruction set, e.g. {@code ARMv7E-M}
 * @param simd                         the vector/DSP extensions the core has, or {@code none}
 * @param sram                         on-chip RAM regions as the linker sees them (TCMs included)
 * @param flash                        on-chip and on-board flash regions
 * @param usbIds                       the ids the board's USB port enumerates with (maybe a bridge's)
 * @param defaultBaud                  the UART baud rate the board's examples use
 * @param memoryBandwidthBytesPerCycle peak bytes per core cycle between the core and its fastest data SRAM
 * @param kernels                      the TFLM kernel set the board's usual library links, as far as arena
 *                                     sizes go: {@code cmsis-nn} or {@code reference} (ESP-NN, embARC MLI and
 *                                     CMSIS-NN without DSP are not modelled; those boards say reference)
 * @param source                       {@link #BUILT_IN} or the path of the user's file
 */
public record DeviceProfile(
        String id,
        String name,
        String vendor,
        String mcu,
        String core,
        String architecture,
        long clockHz,
        int wordSizeBits,
        Fpu fpu,
        String simd,
        List<MemoryRegion> sram,
        List<MemoryRegion> flash,
        List<UsbId> usbIds,
        int defaultBaud,
        MacCost cyclesPerMac,
        double memoryBandwidthBytesPerCycle,
        String kernels,
        String notes,
        String source) {

    /** The {@link #source()} of profiles shipped with TFLM Studio. */
    public static final String BUILT_IN = "built-in";
    /** The kernel sets a profile may name. */
    public static final java.util.Set<String> KERNEL_SETS = java.util.Set.of("reference", "cmsis-nn");
    /** The default kernel set: TFLM's reference kernels. */
    public static final String REFERENCE_KERNELS = "reference";

    public DeviceProfile {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(fpu, "fpu");
        Objects.requireNonNull(cyclesPerMac, "cyclesPerMac");
        sram = List.copyOf(sram);
        flash = List.copyOf(flash);
        usbIds = List.copyOf(usbIds);
        kernels = Objects.requireNonNullElse(kernels, REFERENCE_KERNELS);
        notes = Objects.requireNonNullElse(notes, "");
        source = Objects.requireNonNullElse(source, BUILT_IN);
    }

    public boolean builtIn() {
        return BUILT_IN.equals(source);
    }

    /** The user file this profile came from; only for profiles that are not {@link #builtIn()}. */
    public Path sourceFile() {
        if (builtIn()) {
            throw new IllegalStateException(id + " is built in");
        }
        return Path.of(source);
    }

    public long totalSramBytes() {
        return sram.stream().mapToLong(MemoryRegion::bytes).sum();
    }

    /** The biggest single SRAM region: an arena must fit in one region. */
    public long largestSramRegionBytes() {
        return sram.stream().mapToLong(MemoryRegion::bytes).max().orElse(0);
    }

    public long totalFlashBytes() {
        return flash.stream().mapToLong(MemoryRegion::bytes).sum();
    }

    public double clockMHz() {
        return clockHz / 1e6;
    }

    /** Wall-clock seconds that {@code cycles} core cycles take at {@link #clockHz()}. */
    public double secondsForCycles(double cycles) {
        return cycles / clockHz;
    }

    /**
     * The one device cost model (the profiler's device estimate and the virtual board's ticks both come from it):
     * <pre>
     *   cycles = work x cycles per MAC (int8 figure, or float32 figure for float ops)
     *          + bytes moved / memory bandwidth (bytes per cycle)
     * </pre>
     * where work is an op's MACs plus its other arithmetic operations and bytes moved its weights and activations
     * read and written (the runtime's {@code cost} package counts both from the model). The float32 figure already
     * reflects whether the core has an FPU and the int8 figure whether SIMD helps; integer ops that are not int8
     * use the int8 figure. Linear in the three figures, which is what lets a calibration fit them to a measured run.
     */
    public OpCycles opCycles(long work, long bytesMoved, boolean isFloat) {
        double perMac = isFloat ? cyclesPerMac.float32() : cyclesPerMac.int8();
        return new OpCycles(work * perMac, bytesMoved / memoryBandwidthBytesPerCycle);
    }

    /** The formula of {@link #opCycles} with this profile's figures: {@code (MACs + ops) x 9.00 cycles/MAC ...}. */
    public String costFormula() {
        return String.format(java.util.Locale.ROOT, "(MACs + ops) x %.3g cycles/MAC int8, %.3g float32 + bytes / "
                + "%.3g B/cycle at %.0f MHz", cyclesPerMac.int8(), cyclesPerMac.float32(),
                memoryBandwidthBytesPerCycle, clockMHz());
    }

    /** One line saying what {@link #opCycles} rests on, shown beside every estimate and virtual-board tick. */
    public String costBasis() {
        return String.format(java.util.Locale.ROOT, "estimate for %s at %.0f MHz: (MACs + ops) x %.3g cycles/MAC "
                        + "int8, %.3g float32 (FPU %s, SIMD %s) + bytes / %.3g B/cycle; profile figures %s (%s)",
                id, clockMHz(), cyclesPerMac.int8(), cyclesPerMac.float32(), fpu.fileName(), simd,
                memoryBandwidthBytesPerCycle, cyclesPerMac.estimated() ? "estimated" : "measured",
                cyclesPerMac.basis());
    }

    public boolean matchesUsb(int vendorId, int productId) {
        return usbIds.stream().anyMatch(u -> u.matches(vendorId, productId));
    }

    /** A copy that says it came from {@code newSource}. */
    public DeviceProfile withSource(String newSource) {
        return new DeviceProfile(id, name, vendor, mcu, core, architecture, clockHz, wordSizeBits, fpu, simd, sram,
                flash, usbIds, defaultBaud, cyclesPerMac, memoryBandwidthBytesPerCycle, kernels, notes,
                newSource);
    }
}
