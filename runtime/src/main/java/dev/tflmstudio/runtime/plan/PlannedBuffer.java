package dev.tflmstudio.runtime.plan;

/**
 * One buffer the memory planner places in the arena head, numbered as TFLM numbers them: activation tensors of
 * subgraph 0 in tensor order, then the other subgraphs, then scratch buffers in request order.
 *
 * @param id            planner buffer id (index among buffers that need allocating)
 * @param kind          tensor or scratch buffer
 * @param subgraph      owning subgraph (for scratch: the subgraph of the requesting op)
 * @param tensor        tensor index within {@code subgraph}, or -1 for scratch
 * @param op            requesting op index within {@code subgraph} for scratch, else -1
 * @param scratchIndex  the nth request of that op (0-based) for scratch, else -1
 * @param rawBytes      bytes before alignment
 * @param size          bytes rounded up to 16, as the planner sees them
 * @param firstUse      first time step the buffer is live (0 = subgraph inputs, op i runs at i+1)
 * @param lastUse       last time step the buffer is live (inclusive)
 * @param offlineOffset offset pinned by an offline plan, or -1 when planned online
 * @param offset        assigned offset from the start of the head, or -1 before planning
 */
public record PlannedBuffer(int id, BufferKind kind, int subgraph, int tensor, int op, int scratchIndex,
                            long rawBytes, int size, int firstUse, int lastUse, int offlineOffset, int offset) {

    public static final int ALIGNMENT = 16;
    public static final int UNPLACED = -1;
    public static final int ONLINE = -1;

    public boolean isOffline() {
        return offlineOffset != ONLINE;
    }

    /** Whether this buffer and {@code other} are live at a common time step (TFLM's inclusive intervals). */
    public boolean overlapsInTime(PlannedBuffer other) {
        return !(firstUse > other.lastUse || other.firstUse > lastUse);
    }

    public boolean liveAt(int time) {
        return firstUse <= time && time <= lastUse;
    }

    /** End of the buffer in the head: {@code offset + size}. */
    public int end() {
        return offset + size;
    }

    public PlannedBuffer withOffset(int newOffset) {
        return new PlannedBuffer(id, kind, subgraph, tensor, op, scratchIndex, rawBytes, size, firstUse, lastUse,
                offlineOffset, newOffset);
    }

    /** {@code bytes} rounded up to the arena alignment (16). */
    public static int alignUp(long bytes) {
        long aligned = (bytes + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
        if (aligned > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(bytes + " bytes do not fit a 32-bit arena");
        }
        return (int) aligned;
    }
}
