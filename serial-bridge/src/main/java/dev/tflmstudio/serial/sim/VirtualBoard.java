package dev.tflmstudio.serial.sim;

import dev.tflmstudio.devices.DeviceProfile;
import dev.tflmstudio.runtime.cost.CostModel;
import dev.tflmstudio.runtime.cost.ModelCost;
import dev.tflmstudio.runtime.cost.OpCost;
import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.model.Operator;
import dev.tflmstudio.runtime.plan.ArenaEstimate;
import dev.tflmstudio.runtime.plan.ArenaEstimator;
import dev.tflmstudio.runtime.plan.KernelSet;
import dev.tflmstudio.runtime.plan.Planners;
import dev.tflmstudio.runtime.plan.Target;
import dev.tflmstudio.serial.analysis.TickClock;
import java.util.List;

/**
 * A board running stock TFLM firmware, in software: it prints exactly what such firmware prints over its serial
 * port, {@code RecordingMicroAllocator::PrintAllocations()} once after {@code AllocateTensors()}, then
 * {@code MicroProfiler::Log()} for every {@code Invoke()}, every line ended by {@code \r\n} as {@code MicroPrintf}
 * does. The demo board and the test peer of the serial bridge.
 *
 * <p>Ticks: with a device profile the tick clock is the core clock (as the Cortex-M ports count cycles) and each op's
 * ticks are the device's cost model ({@link DeviceProfile#opCycles} over the runtime's static op costs), the
 * very numbers the profiler's device estimate shows, rounded to whole cycles, the same every invocation (a
 * microcontroller running the same inputs takes the same cycles). Without a device profile the ticks are host
 * microseconds of the local runtime (1,000,000 ticks per second, as the reference build's {@code clock()}).
 * Arena: the reference-style prediction ({@link ArenaEstimator} on TFLM's greedy plan, for the device's word size).
 */
public final class VirtualBoard {
    private final Model model;
    private final TickClock clock;
    private final OpTickSource ticks;
    private final List<String> allocationLines;
    private final String arenaNote;
    private final StringBuilder text = new StringBuilder(4096);

    private VirtualBoard(Model model, TickClock clock, OpTickSource ticks, List<String> allocationLines,
                         String arenaNote) {
        this.model = model;
        this.clock = clock;
        this.ticks = ticks;
        this.allocationLines = allocationLines;
        this.arenaNote = arenaNote;
    }

    /**
     * @param device the board to imitate, or null for host-microsecond ticks
     * @throws IllegalArgumentException when there is no device and the local runtime cannot run the model (then
     *                                  there is nothing to take tick counts from)
     */
    public static VirtualBoard create(Model model, DeviceProfile device) {
        if (model.main().operators().isEmpty()) {
            throw new IllegalArgumentException(model.source() + " has no operators to profile");
        }
        Target target = device == null || device.wordSizeBits() > 32 ? Target.HOST64 : Target.MCU32;
        List<String> allocation;
        String arenaNote;
        try {
            // a board profile names the kernels its firmware usually links (CMSIS-NN on most Cortex-M boards)
            KernelSet kernels = target == Target.MCU32 ? KernelSet.fromId(device.kernels()) : KernelSet.REFERENCE;
            ArenaEstimate arena = ArenaEstimator.estimate(model, Planners.plan(model, "tflm", target, kernels));
            allocation = arena.logLines();
            arenaNote = "arena: " + arena.totalBytes() + " bytes predicted for " + target.id() + ", "
                    + kernels.id() + " kernels"
                    + (arena.isExact() ? "" : " (estimated parts: " + String.join(", ", arena.estimatedParts()) + ")");
        } catch (RuntimeException e) {
            allocation = List.of();
            arenaNote = "no arena prediction for this model (" + e.getMessage() + "): PrintAllocations is not sent";
        }
        if (device == null) {
            try {
                return new VirtualBoard(model, new TickClock(1_000_000, "host microseconds"),
                        RuntimeTickSource.start(model), allocation, arenaNote);
            } catch (KernelException e) {
                throw new IllegalArgumentException("the local runtime cannot run this model (" + e.getMessage()
                        + "); give a device profile for a MAC-based estimate");
            }
        }
        TickClock clock = new TickClock(device.clockHz(), "core clock of " + device.id());
        OpTickSource source = new FixedTickSource(opTicks(model, device), device.costBasis());
        return new VirtualBoard(model, clock, source, allocation, arenaNote);
    }

    /** Each op's ticks on {@code device}: its cost-model cycles, rounded (at least 1, as a profiler tick). */
    public static long[] opTicks(Model model, DeviceProfile device) {
        // Scratch sizes are not part of the formula, and asking for them would plan kernels this model may not have.
        ModelCost cost = CostModel.of(model, op -> 0);
        long[] ticks = new long[cost.ops().size()];
        for (OpCost op : cost.ops()) {
            ticks[op.opIndex()] = Math.max(1, Math.round(device.opCycles(op.work(), op.bytesMoved(), op.isFloat())
                    .total()));
        }
        return ticks;
    }

    public TickClock clock() {
        return clock;
    }

    /** How the per-op ticks are obtained. */
    public String tickBasis() {
        return ticks.basis();
    }

    /** Where the arena numbers come from, or why there are none. */
    public String arenaNote() {
        return arenaNote;
    }

    /** What the firmware prints once after {@code AllocateTensors()} (empty when there is no arena prediction). */
    public String startupText() {
        StringBuilder out = new StringBuilder();
        for (String line : allocationLines) {
            out.append(line).append("\r\n");
        }
        return out.toString();
    }

    /** Runs one invocation and returns what {@code MicroProfiler::Log()} prints for it. */
    public String invocationText() {
        long[] opTicks = ticks.nextInvocation();
        List<Operator> ops = model.main().operators();
        text.setLength(0);
        for (int i = 0; i < opTicks.length; i++) {
            // MicroPrintf("%s took %d ticks (%d ms).", tag, ticks, TicksToMs(ticks)) then "\r\n"
            text.append(ops.get(i).opName()).append(" took ").append(opTicks[i]).append(" ticks (")
                    .append(clock.tflmMillis(opTicks[i])).append(" ms).\r\n");
        }
        return text.toString();
    }
}
